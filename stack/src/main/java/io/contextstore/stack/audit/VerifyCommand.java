package io.contextstore.stack.audit;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Rebuild one tenant's (or every tenant's) read model from the log into a scratch schema and compare",
                "it with the live one: row counts and checksums per table and tenant, and where they first differ.",
                "Exit 0 when identical, 1 when any table differs (each difference is named), 2 on trouble."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    AuditCommand audit;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", description = "Only this tenant (default: every tenant in the log).")
    UUID tenant;

    @Option(names = "--live-schema", defaultValue = "public", description = "Where the live read model is (default: ${DEFAULT-VALUE}).")
    String liveSchema;

    @Option(names = "--scratch-schema", description = "The scratch schema (default: audit_verify_<process id>); dropped at the end.")
    String scratchSchema;

    @Option(names = "--keep-scratch", description = "Keep the scratch schema for inspection.")
    boolean keepScratch;

    @Option(names = "--live-wait-seconds", defaultValue = "60",
            description = "How long to wait for the live projector to reach what the rebuild read (default: ${DEFAULT-VALUE}).")
    long liveWaitSeconds;

    @Option(names = "--verbose", description = "Also list the tables that are identical.")
    boolean verbose;

    @Option(names = "--progress", description = "Show progress on stderr even when not run interactively (piped or redirected).")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String scratch = scratchSchema != null ? scratchSchema : "audit_verify_" + ProcessHandle.current().pid();
            Verify.Report report = new Verify(audit.endpoints(), liveSchema, scratch, Duration.ofSeconds(liveWaitSeconds), Clock.systemUTC())
                    .run(Optional.ofNullable(tenant), keepScratch,
                            new ProgressMeter("rebuild", Clock.systemUTC(), err, ProgressMeter.wanted(progress)));
            for (ReadModelComparison.TableResult table : report.tables()) {
                if (verbose || !table.identical()) {
                    out.println((table.identical() ? "OK        " : "DIFFERENT ") + table.describe());
                }
            }
            long rows = report.tables().stream().mapToLong(ReadModelComparison.TableResult::liveRows).sum();
            out.printf("verified %d tenant(s), %d table comparisons, %d live rows: %d difference(s); rebuild %d ms, total %d ms%n",
                    report.tenants(), report.tables().size(), rows, report.differences().size(),
                    report.rebuildTook().toMillis(), report.took().toMillis());
            if (keepScratch) {
                out.println("scratch schema kept: " + scratch);
            }
            return report.differences().isEmpty() ? AuditCommand.SAME : AuditCommand.DIFFERENT;
        } catch (Exception e) {
            err.println("verify failed: " + e.getMessage());
            return AuditCommand.TROUBLE;
        } finally {
            out.flush();
            err.flush();
        }
    }
}
