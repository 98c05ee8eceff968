package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.cli.Main;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class path (the module jar and target/runtime-classpath.txt, as local-client/build-launcher.sh
 * writes it), not the test class path: a class the client loads but the list leaves out (Avro's SpecificRecord,
 * once the kinds came from the contract's EventKind) fails here rather than in the launcher's training run.
 */
class LauncherClasspathIT {

    @TempDir
    Path home;

    private static String launcherClasspath() throws IOException {
        return Launcher.classpath(Launcher.moduleJar());
    }

    private Ctx.Run ctx(String stdin, String... args) throws Exception {
        Ctx.Run run = Ctx.complete(new Ctx(home).processOn(launcherClasspath(), Main.class.getName(), args), stdin);
        assertThat(run.err()).isEmpty();
        assertThat(run.exit()).isZero();
        return run;
    }

    @Test
    void theHookAndTheEverydayCommandsRunOnTheLaunchersClassPath() throws Exception {
        ctx(HookIT.recorded(), "hook");
        ctx("", "push", "decision", "--title", "Launcher class path", "--decision", "derived from Maven", "--project", "contextstore");

        Ctx.Run prompt = ctx("{\"session_id\": \"s\", \"hook_event_name\": \"UserPromptSubmit\", \"cwd\": \"/tmp/contextstore\","
                + " \"prompt\": \"what about the launcher class path?\"}", "hook", "--project", "contextstore");
        assertThat(prompt.out()).contains("Launcher class path");

        assertThat(ctx("", "search", "launcher").out()).contains("Launcher class path");
    }
}
