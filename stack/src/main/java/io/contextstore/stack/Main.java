package io.contextstore.stack;

import io.contextstore.stack.admin.AdminCommand;
import io.contextstore.stack.audit.AuditCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code contextstore up | admin ...}: the embedded stack and the operator's commands. */
@Command(name = "contextstore", mixinStandardHelpOptions = true, version = "Context Store 0.1.0",
        description = "Context Store: coding-assistant context that follows you across machines and teammates.",
        subcommands = {UpCommand.class, AdminCommand.class, AuditCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
