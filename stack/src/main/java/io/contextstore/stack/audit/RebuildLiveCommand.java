package io.contextstore.stack.audit;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rebuild-live", mixinStandardHelpOptions = true,
        description = {"Rebuild the live read model from the log without stopping pulls: project the whole log into a",
                "schema beside the live one, catch up, then switch the tables in one short locked transaction",
                "(see docs/adr/0011). The live projector continues from the rebuilt tables' offsets."})
final class RebuildLiveCommand implements Callable<Integer> {

    @ParentCommand
    AuditCommand audit;

    @Spec
    CommandSpec spec;

    @Option(names = "--live-schema", defaultValue = "public", description = "Where the live read model is (default: ${DEFAULT-VALUE}).")
    String liveSchema;

    @Option(names = "--rebuild-schema", defaultValue = "read_model_rebuild",
            description = "The schema the new read model is built in (default: ${DEFAULT-VALUE}).")
    String rebuildSchema;

    @Option(names = "--retired-schema", defaultValue = "read_model_retired",
            description = "Where the old tables go at the switch (default: ${DEFAULT-VALUE}); must not exist.")
    String retiredSchema;

    @Option(names = "--keep-retired", description = "Keep the old tables in the retired schema instead of dropping them.")
    boolean keepRetired;

    @Option(names = "--progress", description = "Show progress on stderr even when not run interactively (piped or redirected).")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            LiveRebuild.Report report = new LiveRebuild(audit.endpoints(), liveSchema, Clock.systemUTC())
                    .run(rebuildSchema, retiredSchema, keepRetired,
                            new ProgressMeter("rebuild", Clock.systemUTC(), err, ProgressMeter.wanted(progress)));
            out.printf("rebuilt the read model from %d records in %d ms (of which the vacuum %d ms; %d catch-up rounds); "
                            + "switched after %d attempt(s), pulls held for %d ms; total %d ms%n", report.records(),
                    report.rebuildTook().toMillis(), report.vacuumTook().toMillis(), report.catchUpRounds(), report.switched().attempts(), report.switched().heldFor().toMillis(),
                    report.took().toMillis());
            out.println(report.retiredKept() ? "old tables kept in schema " + retiredSchema : "old tables dropped");
            return AuditCommand.SAME;
        } catch (Exception e) {
            err.println("rebuild-live failed (the live read model is unchanged unless a switch was reported): " + e.getMessage());
            return AuditCommand.TROUBLE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
