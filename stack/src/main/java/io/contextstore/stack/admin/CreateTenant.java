package io.contextstore.stack.admin;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "create-tenant", mixinStandardHelpOptions = true, description = "Create a tenant; prints its id.")
final class CreateTenant implements Callable<Integer> {

    @ParentCommand
    AdminCommand admin;

    @Option(names = "--name", required = true, description = "A name for people (1 to 200 characters).")
    String name;

    @Override
    public Integer call() {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            System.out.println(admin.connect(holder).createTenant(name));
            return 0;
        }
    }
}
