package io.contextstore.bench.faults;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** One fault's row of the results table, and the table itself. */
record Outcome(Fault fault, long acknowledgedInWindow, ReadModelCheck.Counts counts, long foreignRows, Checks.Audit audit,
               boolean drained, long dead, boolean inSync, double healedAfter, double writesBack, double visible,
               String note, int readYourWritesViolations) {

    /** Nothing lost, nothing twice, no leak, a clean audit, every queue empty: what a system of record promises. */
    boolean clean() {
        return counts.lost() == 0 && counts.duplicated() == 0 && foreignRows == 0 && audit.clean() && drained && dead == 0
                && readYourWritesViolations == 0;
    }

    String line() {
        return String.format("%s: %d acknowledged in the window, %d lost, %d duplicated, %d foreign rows seen, audit %s,"
                        + " queues %s, writes back %s, visible %s%s", fault.name(), acknowledgedInWindow, counts.lost(),
                counts.duplicated(), foreignRows, audit.clean() ? "clean" : "NOT clean (" + audit.summary() + ")",
                drained && dead == 0 ? "drained" : "NOT drained (" + dead + " dead)", secondsOrDash(writesBack),
                secondsOrDash(visible), note.isEmpty() ? "" : "; " + note);
    }

    static String table(List<Outcome> outcomes, boolean quick, double runSeconds) {
        StringBuilder md = new StringBuilder();
        md.append("## 9. Faults under load: the production topology attacked, one fault at a time\n\n")
                .append("Produced by `bench/faults/run").append(quick ? " --quick" : "").append("` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(String.format(" in %.0f s. ", runSeconds))
                .append("Three KRaft nodes (replication factor 3, two in sync), a PostgreSQL primary and a streaming"
                        + " replica, two ingest-api, two projectors, two query-api (one on the replica) and haproxy, each"
                        + " its own process on loopback (`./contextstore up --cluster`); simulated devices push through"
                        + " the real client library and its durable queue.\n\n")
                .append("| # | fault | acknowledged in the window | lost | duplicated in the read model | other tenants' rows seen"
                        + " | audit verify | queues drained | writes back (s) | visible again (s) |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            md.append(String.format("| %d | %s | %,d | %d | %d | %d | %s | %s | %s | %s |%n", i + 1, o.fault.name(),
                    o.acknowledgedInWindow, o.counts.lost(), o.counts.duplicated(), o.foreignRows,
                    o.audit.clean() ? "clean" : "**differs**", o.drained && o.dead == 0 ? "yes" : "**no** (" + o.dead + " dead)",
                    secondsOrDash(o.writesBack), secondsOrDash(o.visible)));
        }
        md.append("\nWhat each fault did:\n\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            md.append(i + 1).append(". ").append(o.fault.what()).append(String.format(" (healed after %.1f s)", o.healedAfter))
                    .append(o.note.isEmpty() ? "" : ". " + o.note).append(".\n");
        }
        md.append("""

                Lost: acknowledged (a 2xx named the id) but not in the read model after the queues drained and the projectors
                caught up; counted over everything acknowledged since the start, not only the window. Duplicated: read-model
                rows beyond one per content (I2). Other tenants' rows: rows of another tenant the query role sees when scoped
                to a tenant (I3). Audit verify: the read model compared with a rebuild from the log, every tenant. Writes
                back: from the injection until every device had an item recorded after it acknowledged. Visible again: until
                every tenant's read model held an item acknowledged after it. Chart: [campaign.svg](faults/campaign.svg).
                """);
        return md.toString();
    }

    private static String secondsOrDash(double seconds) {
        return Double.isNaN(seconds) ? "-" : String.format("%.1f", seconds);
    }
}
