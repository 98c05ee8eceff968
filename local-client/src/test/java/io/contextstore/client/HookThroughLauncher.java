package io.contextstore.client;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hook test's client home and the ./ctx launcher it runs hooks with: CTX_DAEMON=off (every hook a JVM of its own), or
 * through the daemon in a subclass that is {@link ThroughTheDaemon}.
 */
abstract class HookThroughLauncher {

    @TempDir
    Path home;

    @TempDir
    Path launcherDirectory;

    /** Hooks run by this test, each through the launcher. */
    int hooks;

    public Launcher launcher() throws IOException {
        return Launcher.in(home, launcherDirectory, this instanceof ThroughTheDaemon);
    }

    public int hooksRun() {
        return hooks;
    }
}
