package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Credentials;
import io.contextstore.client.items.Identifiers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = {"Exchange a license key for an access token and keep both for later commands.",
                "The key is read from --key, else $CTX_LICENSE_KEY, else the first line of stdin.",
                "Credentials are stored in $CTX_HOME/credentials.json, readable by you only (0600)."},
        footer = {"", ExitCodes.HELP})
final class LoginCommand implements Callable<Integer> {

    @Option(names = "--server", description = "Base URL of the server (default: $CTX_SERVER or http://127.0.0.1:8080).")
    String server;

    @Option(names = "--key", description = "The license key (prefer $CTX_LICENSE_KEY or stdin: arguments show in ps).")
    String key;

    @Option(names = "--device", description = "A name for this machine (default: the host name).")
    String device;

    @Mixin
    OutputOptions output;

    private final Cli cli;

    LoginCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws IOException {
        String base = server != null ? server : cli.environment().getOrDefault("CTX_SERVER", "http://127.0.0.1:8080");
        String licenseKey = key != null ? key : cli.environment().get("CTX_LICENSE_KEY");
        if (licenseKey == null && cli.terminal() && System.console() != null) {
            char[] typed = System.console().readPassword("License key: ");
            licenseKey = typed == null ? null : new String(typed);
        } else if (licenseKey == null) {
            licenseKey = new BufferedReader(new InputStreamReader(cli.in(), StandardCharsets.UTF_8)).readLine();
        }
        if (licenseKey == null || licenseKey.isBlank()) {
            cli.err().println("ctx: no license key (use --key, $CTX_LICENSE_KEY or stdin)");
            return ExitCodes.USAGE;
        }
        String deviceId = Identifiers.sanitize(device != null ? device : hostName());
        try (LocalContext context = cli.open()) {
            Credentials credentials = context.login(base, licenseKey.strip(), deviceId);
            if (output.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("server", credentials.server());
                json.put("tenant_id", credentials.tenantId());
                json.put("user_id", credentials.userId());
                json.put("device_id", credentials.deviceId());
                json.put("credentials", context.home().credentials().toString());
                cli.printJson(json);
            } else {
                cli.out().println("Logged in to " + credentials.server() + " as " + credentials.userId() + " (tenant "
                        + credentials.tenantId() + ", device " + credentials.deviceId() + ").");
                cli.out().println("Credentials: " + context.home().credentials() + " (readable by you only)");
            }
        }
        return ExitCodes.OK;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "default";
        }
    }
}
