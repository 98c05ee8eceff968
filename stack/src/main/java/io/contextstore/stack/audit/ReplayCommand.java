package io.contextstore.stack.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a tenant's events from Kafka as JSON Lines and check the audit chain the projector stored.",
                "Logs in with an auditor's license key; the tenant must be granted to that auditor.",
                "Each line is one log record (duplicates included) with \"kept\" and, for kept events, the recomputed \"chain\".",
                "Exit 0 when the stored chain matches, 1 at the first divergence (its offset is printed), 2 on trouble."})
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    AuditCommand audit;

    @Spec
    CommandSpec spec;

    @Option(names = "--tenant", required = true, description = "The tenant to replay.")
    UUID tenant;

    @Option(names = "--license-key", required = true, defaultValue = "${env:CONTEXTSTORE_AUDITOR_LICENSE_KEY}",
            description = "The auditor's license key (role auditor; or $CONTEXTSTORE_AUDITOR_LICENSE_KEY).")
    String licenseKey;

    @ArgGroup(exclusive = true)
    From from;

    static final class From {
        @Option(names = "--from-offset", description = "Start at this offset of the tenant's partition.")
        Long offset;

        @Option(names = "--from-time", description = "Start at the first record at or after this time (RFC 3339).")
        String time;
    }

    @Option(names = {"-o", "--output"}, description = "Write the JSON Lines to this file instead of stdout.")
    Path output;

    @Option(names = "--progress", description = "Show progress on stderr even when not run interactively (piped or redirected).")
    boolean progress;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try (Writer file = output == null ? null
                : new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), 1 << 16)) {
            Writer out = file != null ? file : spec.commandLine().getOut();
            Endpoints endpoints = audit.endpoints();
            AuditClient client = new AuditClient(AuditCommand.required(endpoints.baseUrl(), "--base-url"));
            String token = client.login(licenseKey, "audit-replay");
            Replay.Summary summary = new Replay(client, Clock.systemUTC()).run(token, tenant,
                    from == null ? null : from.offset, from == null ? null : from.time, out,
                    new ProgressMeter("replay", Clock.systemUTC(), err, ProgressMeter.wanted(progress)));
            out.flush();
            err.printf("replayed %d records of tenant %s (offsets %d to %d), %d kept, %d erasures, %d undecodable, in %d ms%n",
                    summary.records(), tenant, summary.startOffset(), summary.endOffset() - 1, summary.kept(),
                    summary.erasures(), summary.undecodable(), summary.took().toMillis());
            if (summary.divergence().isPresent()) {
                ChainCheck.Divergence divergence = summary.divergence().get();
                err.printf("DIVERGENCE at offset %d: %s%n", divergence.offset(), divergence.what());
                return AuditCommand.DIFFERENT;
            }
            err.printf("audit chain matches the read model: %d links compared up to offset %d; head %s%n",
                    summary.compared(), summary.bound(), summary.recomputedHead());
            return AuditCommand.SAME;
        } catch (IOException | RuntimeException e) {
            err.println("replay failed: " + e.getMessage());
            return AuditCommand.TROUBLE;
        } finally {
            err.flush();
        }
    }
}
