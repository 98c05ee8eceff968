package io.contextstore.bench.faults;

import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.stack.ContextStoreServices;
import io.contextstore.stack.StackDirectory;
import io.contextstore.stack.audit.AuditCommand;
import io.contextstore.stack.cluster.ClusterTopology;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/** What is checked after each fault, every wait bounded. */
final class Checks {

    /** {@code audit verify}'s exit code (0: the read model equals a rebuild from the log), its last line and all it said. */
    record Audit(int exitCode, String summary, String output) {
        boolean clean() {
            return exitCode == 0;
        }
    }

    private final ClusterTopology cluster;
    private final Fleet fleet;
    private final ReadModelCheck readModel;

    Checks(ClusterTopology cluster, Fleet fleet) {
        this.cluster = cluster;
        this.fleet = fleet;
        this.readModel = new ReadModelCheck(cluster.databaseUrl(), cluster.directory().secrets());
    }

    ReadModelCheck readModel() {
        return readModel;
    }

    boolean awaitDrained(Duration limit) {
        return until(limit, () -> safely(fleet::drained));
    }

    /** The counts once every acknowledged id is projected, or as they stand at the deadline. */
    ReadModelCheck.Counts awaitProjected(Duration limit) {
        ReadModelCheck.Counts[] last = {null};
        until(limit, () -> safely(() -> {
            last[0] = readModel.counts(fleet.acknowledged());
            return last[0].lost() == 0;
        }));
        return last[0] != null ? last[0] : readModel.counts(fleet.acknowledged());
    }

    long foreignRowsSeen() {
        return fleet.acknowledged().keySet().stream().mapToLong(readModel::foreignRowsVisibleTo).sum();
    }

    /** Every partition of the event topic with all its replicas in sync again, before the next fault. */
    boolean awaitFullIsr(Duration limit) {
        int size = cluster.kafka().size();
        return until(limit, () -> safely(() -> cluster.kafka().partitions(Topics.CONTEXT_EVENTS.name()).stream()
                .allMatch(p -> p.isr().size() == size)));
    }

    /** {@code audit verify} of every tenant in the log, as an operator runs it against this cluster. */
    Audit auditVerify() {
        StackDirectory.Secrets secrets = cluster.directory().secrets();
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new AuditCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        int exit = command.execute("verify",
                "--data-dir", cluster.directory().root().toString(),
                "--base-url", cluster.baseUrl(),
                "--bootstrap-servers", cluster.kafka().bootstrapServers(),
                "--database-url", cluster.databaseUrl(),
                "--owner-password", secrets.owner(),
                "--projector-password", secrets.of(ServiceRole.PROJECTOR),
                "--auditor-password", secrets.of(ServiceRole.AUDITOR),
                "--admin-password", secrets.of(ServiceRole.ADMIN),
                "--master-key-file", ContextStoreServices.masterKeyFile(cluster.directory().keys()).toString());
        String[] lines = out.toString().strip().split("\n");
        return new Audit(exit, lines[lines.length - 1], out.toString());
    }

    /** Polls every 250 ms until the condition holds or the limit passes; true if it held. */
    static boolean until(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            pause(Duration.ofMillis(250));
        }
        return condition.getAsBoolean();
    }

    /** Holds a fault (or the load) for a while: a timed hold is what the campaign measures, not a wait for a state. */
    static void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** A check that cannot run yet (the database restarting) is "not yet", not a failure of the campaign. */
    static boolean safely(BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
