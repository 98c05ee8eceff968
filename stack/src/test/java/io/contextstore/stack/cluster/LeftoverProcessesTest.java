package io.contextstore.stack.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeftoverProcessesTest {

    @TempDir
    Path directory;

    @Test
    void aRecordedProcessStillRunningIsStoppedByTheNextStart() throws Exception {
        Process left = new ProcessBuilder("sleep", "60").start();
        LeftoverProcesses earlier = new LeftoverProcesses(directory.resolve("processes"));
        earlier.record(left.toHandle());

        int stopped = new LeftoverProcesses(directory.resolve("processes")).stopAll();

        assertThat(stopped).isEqualTo(1);
        assertThat(left.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(directory.resolve("processes")).doesNotExist();
    }

    @Test
    void aProcessWhosePidWasGivenToAnotherProcessSinceIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(directory.resolve("processes"), other.pid() + " 2001-01-01T00:00:00Z\n");

            int stopped = new LeftoverProcesses(directory.resolve("processes")).stopAll();

            assertThat(stopped).isZero();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
