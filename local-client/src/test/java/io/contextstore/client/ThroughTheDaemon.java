package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A hook test class run again with its daemon started first, and checked after each test to have answered every hook. */
interface ThroughTheDaemon {

    Launcher launcher() throws IOException;

    /** Hooks the test ran through the launcher. */
    int hooksRun();

    @BeforeEach
    default void daemonRuns() throws IOException {
        launcher().startDaemon();
    }

    @AfterEach
    default void everyHookWasTheDaemonsAndItStops() throws IOException {
        Launcher launcher = launcher();
        assertThat(launcher.served()).as("hooks the daemon answered: none fell back to a JVM of its own").isEqualTo(hooksRun());
        launcher.stopDaemon();
    }
}
