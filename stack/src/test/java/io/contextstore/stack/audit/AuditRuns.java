package io.contextstore.stack.audit;

import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the {@code audit} command in this JVM, as an operator would, against the given services, Kafka and the test database. */
public final class AuditRuns {

    public record Run(int exitCode, String out, String err) {
    }

    private AuditRuns() {
    }

    /** {@code audit <args>} with the endpoints and credentials of the test's services, Kafka and database. */
    public static Run run(String baseUrl, String bootstrapServers, Infrastructure infrastructure, Path masterKeyFile,
                          String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", Path.of("target", "no-embedded-stack").toAbsolutePath().toString(),
                "--base-url", baseUrl,
                "--bootstrap-servers", bootstrapServers,
                "--database-url", infrastructure.databaseUrl(),
                "--owner", Infrastructure.OWNER,
                "--owner-password", Infrastructure.ownerPassword(),
                "--projector-password", Infrastructure.password(ServiceRole.PROJECTOR),
                "--auditor-password", Infrastructure.password(ServiceRole.AUDITOR),
                "--admin-password", Infrastructure.password(ServiceRole.ADMIN),
                "--master-key-file", masterKeyFile.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new AuditCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
