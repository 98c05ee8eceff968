package io.contextstore.client.inject;

import io.contextstore.client.json.Json;
import java.util.Map;

/** The JSON a Claude Code hook prints to add context: {@code {"hookSpecificOutput": {...}}}. */
public final class HookOutput {

    private HookOutput() {
    }

    public static String additionalContext(String hookEventName, String text) {
        return Json.write(Map.of("hookSpecificOutput", Map.of("hookEventName", hookEventName, "additionalContext", text)));
    }
}
