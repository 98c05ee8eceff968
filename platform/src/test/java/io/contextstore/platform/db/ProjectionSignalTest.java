package io.contextstore.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProjectionSignalTest {

    @Test
    void aSignalReadsBackFromItsPayload() {
        ProjectionSignal signal = new ProjectionSignal(UUID.randomUUID(), 1234);
        assertThat(ProjectionSignal.parse(signal.payload())).contains(signal);
    }

    @Test
    void aPayloadThatIsNotASignalIsIgnoredRatherThanFailingTheListener() {
        assertThat(ProjectionSignal.parse(null)).isEmpty();
        assertThat(ProjectionSignal.parse("hello")).isEmpty();
        assertThat(ProjectionSignal.parse("not-a-uuid:5")).isEmpty();
        assertThat(ProjectionSignal.parse(UUID.randomUUID() + ":soon")).isEmpty();
    }
}
