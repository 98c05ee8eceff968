package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code ctx hook} as the editor runs it: its own process, the event on stdin, no server anywhere. */
class HookIT extends HookThroughLauncher {

    record Exit(int code, String stderr) {
    }

    private Exit hook(String stdin, String... extra) throws Exception {
        hooks++;
        String[] args = new String[extra.length + 1];
        args[0] = "hook";
        System.arraycopy(extra, 0, args, 1, extra.length);
        Process process = launcher().process(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(stderr).isIn(0, 65);
        return new Exit(process.exitValue(), stderr);
    }

    static String recorded() throws IOException {
        try (InputStream in = HookIT.class.getResourceAsStream("/hook/todowrite-posttooluse.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aRecordedTodoWritePostToolUsePayloadBecomesQueuedTaskEventsWithoutLoginOrNetwork() throws Exception {
        Exit exit = hook(recorded());

        assertThat(exit.code()).isZero();
        assertThat(exit.stderr()).isEmpty();
        Ctx ctx = new Ctx(home);
        assertThat(ctx.strings("sessions.db", "SELECT kind FROM sync_queue WHERE state = 'pending'"))
                .containsExactly("task", "task", "task");
        assertThat(ctx.strings("sessions.db", "SELECT status || ' ' || description FROM tasks ORDER BY id"))
                .containsExactly("completed Write the projector", "in_progress Add the pull endpoint", "pending Document the ctx hook");
        assertThat(ctx.strings("sessions.db", "SELECT DISTINCT project_id FROM task_events")).containsExactly("contextstore");
        // the hook's path touches the session tier only
        assertThat(home.resolve("org.db")).doesNotExist();
        assertThat(home.resolve("platform.db")).doesNotExist();
    }

    @Test
    void theSameTodoListAgainQueuesNothingNewAndAStatusChangeQueuesOneEvent() throws Exception {
        hook(recorded());
        hook(recorded());
        hook(recorded().replace("\"status\": \"in_progress\", \"activeForm\": \"Adding", "\"status\": \"completed\", \"activeForm\": \"Adding"));

        Ctx ctx = new Ctx(home);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).isEqualTo(4);
        assertThat(ctx.strings("sessions.db", "SELECT status FROM tasks WHERE description = 'Add the pull endpoint'"))
                .containsExactly("completed");
    }

    @Test
    void garbageOnStdinIsRejectedWithAMessageAndEnqueuesNothing() throws Exception {
        hook(recorded());

        Exit garbage = hook("this is not json {");
        Exit truncated = hook(recorded().substring(0, recorded().length() / 2));
        Exit empty = hook("");
        Exit badStatus = hook(recorded().replace("\"status\": \"pending\"", "\"status\": \"someday\""));

        for (Exit exit : new Exit[] {garbage, truncated, empty, badStatus}) {
            assertThat(exit.code()).isEqualTo(65);
            assertThat(exit.stderr()).startsWith("ctx: ");
        }
        assertThat(badStatus.stderr()).contains("status must be one of pending, in_progress, completed");
        assertThat(new Ctx(home).count("sessions.db", "SELECT count(*) FROM sync_queue")).isEqualTo(3);
    }

    @Test
    void otherToolsEventsExitZeroAndQueueNothingButAreCountedLocally() throws Exception {
        String bash = "{\"session_id\":\"s-1\",\"hook_event_name\":\"PostToolUse\",\"tool_name\":\"Bash\","
                + "\"tool_input\":{\"command\":\"ls\"},\"tool_response\":{\"stdout\":\"\"},\"cwd\":\"/tmp\"}";

        assertThat(hook(bash).code()).isZero();
        assertThat(hook(bash).code()).isZero();
        assertThat(hook("{\"session_id\":\"s-1\",\"hook_event_name\":\"Stop\"}").code()).isZero();

        Ctx ctx = new Ctx(home);
        assertThat(ctx.count("sessions.db", "SELECT count(*) FROM sync_queue")).isZero();
        assertThat(ctx.count("sessions.db", "SELECT calls FROM tool_analytics WHERE tool_name = 'Bash'")).isEqualTo(2);
    }
}
