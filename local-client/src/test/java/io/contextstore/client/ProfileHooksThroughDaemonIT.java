package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link ProfileHooksIT} answered by the resident daemon, which serves every profile of CTX_HOME and
 * routes each event by the event's cwd (ADR 37).
 */
class ProfileHooksThroughDaemonIT extends ProfileHooksIT implements ThroughTheDaemon {

    @Test
    void aDaemonStartedInsideAnAcmeDirectoryWithCtxProfileSetStillRoutesEachEventByItsOwnCwd() throws Exception {
        Launcher launcher = launcher();
        launcher.stopDaemon();
        ProcessBuilder daemon = launcher.process("daemon", "run").directory(acmeSource.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("daemon.log").toFile())).redirectErrorStream(true);
        daemon.environment().put("CTX_PROFILE", "acme");
        daemon.start();
        launcher.awaitDaemon();
        hooks = 0;

        Ctx.Run globexEvent = hook(todoWrite(globexSource, "globex: answered by a daemon started for acme"), Map.of());
        Ctx.Run personalEvent = hook(todoWrite(personal, "personal: answered by a daemon started for acme"), Map.of());

        assertThat(globexEvent.exit()).as(globexEvent.err()).isZero();
        assertThat(personalEvent.exit()).as(personalEvent.err()).isZero();
        assertThat(tasks("globex")).containsExactly("globex: answered by a daemon started for acme");
        assertThat(tasks("default")).containsExactly("personal: answered by a daemon started for acme");
        assertThat(queued("acme")).isZero();
    }
}
