package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    @Test
    void everyClassAHookLoadsVerifiesOnTheLaunchersClassPathSoTheClassDataArchiveKeepsIt() throws Exception {
        ProcessBuilder hook = new Ctx(home).processOn(launcherClasspath(), Main.class.getName(), "hook", "--project", "contextstore");
        Path log = home.resolve("cds.log");
        // the launcher's archive is dumped like this; a class that fails verification here is left out of it, and every
        // hook then loads and verifies it from its jar (Avro's Schema did, while Avro's Jackson was not on the list)
        hook.command().addAll(1, List.of("-XX:ArchiveClassesAtExit=" + home.resolve("check.jsa"),
                "-Xlog:cds=warning:file=" + log));
        Ctx.Run prompt = Ctx.complete(hook, "{\"session_id\": \"s\", \"hook_event_name\": \"UserPromptSubmit\","
                + " \"cwd\": \"/tmp/contextstore\", \"prompt\": \"what about the class data archive?\"}");
        assertThat(prompt.exit()).as(prompt.err()).isZero();
        assertThat(Files.readString(log)).doesNotContain("Failed verification");
    }
}
