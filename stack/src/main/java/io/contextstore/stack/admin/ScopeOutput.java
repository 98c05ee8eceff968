package io.contextstore.stack.admin;

import io.contextstore.platform.tenancy.ScopeAdministration;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the team and project commands answer: a line for people, or with {@code --json} one JSON document for
 * scripts. A refused change (no such team, a malformed id) is one line on standard error and exit status 1.
 */
final class ScopeOutput {

    private static final JsonMapper JSON = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

    private ScopeOutput() {
    }

    static int answer(CommandSpec spec, boolean json, Supplier<Object> result, Function<Object, String> text) {
        PrintWriter out = spec.commandLine().getOut();
        Object value;
        try {
            value = result.get();
        } catch (IllegalArgumentException refused) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(json ? JSON.writeValueAsString(Map.of("error", refused.getMessage())) : refused.getMessage());
            err.flush();
            return 1;
        }
        out.println(json ? JSON.writeValueAsString(value) : text.apply(value));
        out.flush();
        return 0;
    }

    /** Runs one change as the admin role; says whether it changed anything ({@code verb}: true or false). */
    static int change(AdminCommand admin, CommandSpec spec, boolean json, String verb,
                      Function<ScopeAdministration, Map<String, Object>> change, String done, String unchanged) {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            ScopeAdministration scopes = new ScopeAdministration(admin.database(holder));
            return answer(spec, json, () -> change.apply(scopes),
                    value -> Boolean.TRUE.equals(((Map<?, ?>) value).get(verb)) ? done : unchanged);
        }
    }
}
