package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ctx hook} answering SessionStart and UserPromptSubmit as the editor runs it: its own process, no server. */
class HookInjectionIT extends HookThroughLauncher {

    record Answer(int exit, String stdout, String stderr) {
        @SuppressWarnings("unchecked")
        String additionalContext(String event) {
            Map<String, Object> output = (Map<String, Object>) Json.parseObject(stdout.strip()).get("hookSpecificOutput");
            assertThat(output).containsEntry("hookEventName", event).containsOnlyKeys("hookEventName", "additionalContext");
            return (String) output.get("additionalContext");
        }
    }

    private Answer hook(String stdin, String... extra) throws Exception {
        hooks++;
        String[] args = new String[extra.length + 1];
        args[0] = "hook";
        System.arraycopy(extra, 0, args, 1, extra.length);
        Ctx.Run run = launcher().run(stdin, args);
        return new Answer(run.exit(), run.out(), run.err());
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = HookInjectionIT.class.getResourceAsStream("/hook/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void remember() {
        Ctx ctx = new Ctx(home);
        ctx.run("push", "task", "--task-id", "t-1", "--description", "Add FTS5 search to the tiers", "--status", "in_progress",
                "--project", "contextstore");
        ctx.run("push", "task", "--task-id", "t-2", "--description", "Ship the old release", "--status", "completed",
                "--project", "contextstore");
        ctx.run("push", "task", "--task-id", "t-3", "--description", "Dark mode", "--status", "pending", "--project", "dashboard");
        ctx.run("push", "decision", "--title", "Kafka is the system of record", "--decision", "All writes are events");
        ctx.run("push", "decision", "--title", "Run migrations before each rollout", "--decision", "the migrate job goes first");
        ctx.run("push", "project-context", "--project", "contextstore", "--title", "Layout", "--content", "one module per service");
        ctx.run("push", "error-solution", "--error", "initdb: cannot be run as root", "--solution", "run it under unshare -U",
                "--project", "contextstore");
        ctx.run("push", "learning", "--skill", "maven", "--learning", "-pl needs -am for sibling modules");
        StringBuilder many = new StringBuilder("{\"items\": [");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("{\"kind\": \"learning\", \"skill\": \"skill ").append(i)
                    .append("\", \"learning\": \"a long learning number ").append(i).append(" ").append("x".repeat(300)).append("\"}");
        }
        assertThat(ctx.runWithInput(many.append("]}").toString(), "push", "item").exit()).isZero();
    }

    @Test
    void aRecordedSessionStartGetsTheProjectsDigestAsHookJsonWithinTheBudget() throws Exception {
        remember();

        Answer answer = hook(recorded("sessionstart.json"));

        assertThat(answer.exit()).as(answer.stderr()).isZero();
        assertThat(answer.stderr()).isEmpty();
        String context = answer.additionalContext("SessionStart");
        assertThat(context.length()).isLessThanOrEqualTo(8_000);
        assertThat(context).contains("project contextstore", "Open tasks:", "in_progress: Add FTS5 search to the tiers",
                "Project context:", "Layout", "Recent decisions of the team:", "Kafka is the system of record",
                "Error solutions:", "initdb: cannot be run as root");
        // closed tasks and other projects' tasks are not what this session picks up
        assertThat(context).doesNotContain("Ship the old release", "Dark mode");

        String small = hook(recorded("sessionstart.json"), "--budget", "500").additionalContext("SessionStart");
        assertThat(small.length()).isLessThanOrEqualTo(500);
        assertThat(small).contains("Add FTS5 search to the tiers");
    }

    @Test
    void aRecordedPromptGetsTheItemsMostRelevantToIt() throws Exception {
        remember();

        Answer answer = hook(recorded("userpromptsubmit.json"));

        assertThat(answer.exit()).as(answer.stderr()).isZero();
        String context = answer.additionalContext("UserPromptSubmit");
        assertThat(context.length()).isLessThanOrEqualTo(8_000);
        assertThat(context.lines().skip(1).findFirst()).hasValueSatisfying(first ->
                assertThat(first).contains("initdb: cannot be run as root", "unshare -U", "error_solution", "just now"));
        // it shares only the word "run" with the prompt: far less relevant than the best match, left out
        assertThat(context).doesNotContain("Run migrations before each rollout");
    }

    @Test
    void anEmptyStorePrintsNothingAtAllAndCreatesNoTierFile() throws Exception {
        for (String event : new String[] {recorded("sessionstart.json"), recorded("userpromptsubmit.json")}) {
            Answer answer = hook(event);
            assertThat(answer.exit()).isZero();
            assertThat(answer.stdout()).isEmpty();
            assertThat(answer.stderr()).isEmpty();
        }
        assertThat(home.resolve("org.db")).doesNotExist();
    }

    @Test
    void aPromptNothingIsRelevantToAndEventsItDoesNotKnowPrintNothingAndExitZero() throws Exception {
        remember();

        Answer unrelated = hook(recorded("userpromptsubmit.json").replace("initdb keeps failing in CI because we run as root, how did we fix that?",
                "zebra quokka"));
        Answer unknown = hook("{\"session_id\": \"s\", \"hook_event_name\": \"PreCompact\", \"trigger\": \"auto\"}");
        Answer malformed = hook("{\"hook_event_name\": \"SessionStart\"");

        assertThat(unrelated.exit()).isZero();
        assertThat(unrelated.stdout()).isEmpty();
        assertThat(unknown.exit()).isZero();
        assertThat(unknown.stdout()).isEmpty();
        assertThat(malformed.exit()).isEqualTo(65);
        assertThat(malformed.stdout()).isEmpty();
    }
}
