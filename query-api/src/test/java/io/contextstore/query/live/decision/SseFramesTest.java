package io.contextstore.query.live.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseFramesTest {

    @Test
    void anEventCarriesItsCursorAsIdItsNameAndItsDataAndEndsWithABlankLine() {
        assertThat(SseFrames.event(42, "event", "{\"a\":1}")).isEqualTo("id: 42\nevent: event\ndata: {\"a\":1}\n\n");
    }

    @Test
    void dataOverSeveralLinesBecomesOneDataLineEachSoNoLineCanEndTheEventEarly() {
        assertThat(SseFrames.event(7, "event", "a\nb\r\nc\rd")).isEqualTo("id: 7\nevent: event\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void emptyLinesAndLineBreaksAtEitherEndAreKeptAsEmptyDataLines() {
        assertThat(SseFrames.event(1, "event", "")).isEqualTo("id: 1\nevent: event\ndata: \n\n");
        assertThat(SseFrames.event(1, "event", "a\n")).isEqualTo("id: 1\nevent: event\ndata: a\ndata: \n\n");
        assertThat(SseFrames.event(1, "event", "\r\n\r")).isEqualTo("id: 1\nevent: event\ndata: \ndata: \ndata: \n\n");
        assertThat(SseFrames.event(1, "event", "\n\rb")).isEqualTo("id: 1\nevent: event\ndata: \ndata: \ndata: b\n\n");
    }

    @Test
    void theReconnectDelayIsGivenInMillisecondsAndTheHeartbeatIsAComment() {
        assertThat(SseFrames.retry(Duration.ofSeconds(2))).isEqualTo("retry: 2000\n\n");
        assertThat(SseFrames.HEARTBEAT).startsWith(":").endsWith("\n\n");
    }
}
