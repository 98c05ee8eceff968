package io.contextstore.client.hook;

import io.contextstore.client.LocalContext;
import io.contextstore.client.inject.ContextInjection;
import io.contextstore.client.inject.HookOutput;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.tiers.Tier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;

/**
 * {@code ctx hook}: one editor hook event from stdin into the local files, and nothing else: no
 * network. A tool event touches no other tier than sessions.db; SessionStart and UserPromptSubmit only
 * read the tiers that exist. Malformed input is a {@link JsonException} before anything is written.
 */
public final class HookRunner {

    static final int MAX_INPUT_BYTES = 8 * 1024 * 1024;

    private HookRunner() {
    }

    /** The decision taken and carried out, and the hook's output (null to print nothing). */
    public record Outcome(HookDecision decision, String output) {
    }

    /** The decision taken and carried out. */
    public static HookDecision run(LocalContext context, InputStream stdin, String project) throws IOException {
        return run(context, stdin, project, ContextInjection.DEFAULT_BUDGET).decision();
    }

    /**
     * Also answers SessionStart and UserPromptSubmit with context from the local files, within
     * {@code budget} characters; no output when there is nothing to add.
     */
    public static Outcome run(LocalContext context, InputStream stdin, String project, int budget) throws IOException {
        return run(context, read(stdin), project, budget);
    }

    /** The same for an event already {@linkplain #read read}. */
    public static Outcome run(LocalContext context, String event, String project, int budget) {
        HookDecision decision = HookEvents.decide(event, project, context.clock().instant());
        if (decision instanceof HookDecision.Tasks tasks && !tasks.items().isEmpty()) {
            context.recordAll(tasks.items());
        } else if (decision instanceof HookDecision.ToolUsed used) {
            count(context, used);
        }
        if (decision instanceof HookDecision.SessionStarted started) {
            return answer(decision, "SessionStart", injection(context).sessionDigest(started.project(), budget));
        }
        if (decision instanceof HookDecision.PromptSubmitted prompt) {
            return answer(decision, "UserPromptSubmit", injection(context).forPrompt(prompt.project(), prompt.prompt(), budget));
        }
        return new Outcome(decision, null);
    }

    private static ContextInjection injection(LocalContext context) {
        return new ContextInjection(new LocalSearch(context), context.clock().instant());
    }

    private static Outcome answer(HookDecision decision, String event, String text) {
        return new Outcome(decision, text.isEmpty() ? null : HookOutput.additionalContext(event, text));
    }

    private static void count(LocalContext context, HookDecision.ToolUsed used) {
        String now = context.clock().instant().toString();
        context.tier(Tier.SESSIONS).inTransaction(c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO tool_analytics (session_id, tool_name, calls,"
                    + " errors, last_used_at, project_id) VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (session_id, tool_name) DO UPDATE SET"
                    + " calls = calls + 1, errors = errors + excluded.errors, last_used_at = excluded.last_used_at,"
                    + " project_id = coalesce(excluded.project_id, project_id)")) {
                upsert.setString(1, used.sessionId());
                upsert.setString(2, used.toolName());
                upsert.setInt(3, used.failed() ? 1 : 0);
                upsert.setString(4, now);
                upsert.setString(5, used.project());
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** The event on stdin, whole: at most 8 MiB of UTF-8, else a {@link JsonException}. */
    public static String read(InputStream stdin) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * 1024);
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = stdin.read(buffer)) >= 0) {
            bytes.write(buffer, 0, n);
            if (bytes.size() > MAX_INPUT_BYTES) {
                throw new JsonException("the hook event is larger than " + MAX_INPUT_BYTES + " bytes");
            }
        }
        if (bytes.size() == 0) {
            throw new JsonException("no hook event on stdin");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new JsonException("the hook event is not UTF-8");
        }
    }
}
