package io.contextstore.client.cli;

import io.contextstore.client.LocalContext;
import io.contextstore.client.auth.Credentials;
import io.contextstore.client.items.Identifiers;
import io.contextstore.client.profile.ProfileChoice;
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
                "Credentials are stored in $CTX_HOME/credentials.json, readable by you only (0600).",
                "With --profile NAME (before or after `login`), the account of profile NAME, created by this login",
                "in $CTX_HOME/profiles/NAME with its own tiers, queue and credentials (see `ctx profile`)."},
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
        // the profile may be new: chosen, then created only once the server took the key (ADR 37)
        ProfileChoice choice = cli.profiles().choose(cli.profile(), cli.environment().get("CTX_PROFILE"), cli.directory());
        Credentials authenticated = LocalContext.authenticate(base, licenseKey.strip(), deviceId, cli.clock());
        try (LocalContext context = LocalContext.open(cli.profiles().home(choice.name()), cli.clock(), cli.random())) {
            Credentials credentials = context.remember(authenticated);
            if (output.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("server", credentials.server());
                json.put("tenant_id", credentials.tenantId());
                json.put("user_id", credentials.userId());
                json.put("device_id", credentials.deviceId());
                json.put("profile", choice.name());
                json.put("credentials", context.home().credentials().toString());
                cli.printJson(json);
            } else {
                cli.out().println("Logged in to " + credentials.server() + " as " + credentials.userId() + " (tenant "
                        + credentials.tenantId() + ", device " + credentials.deviceId() + ", profile " + choice.name() + ").");
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
