package io.contextstore.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.query.pull.EventView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class SharedFramesTest {

    private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000042");
    private static final Instant AT = Instant.parse("2026-12-05T08:00:00Z");

    private final SharedFrames frames = new SharedFrames(JsonMapper.builder().build());

    @Test
    void anEventReadOnTheReadsOfSeveralMembersIsRenderedOnce() {
        String first = frames.event(view(7, "{\"title\":\"use Kafka\"}", true));
        // another read: equal values in other instances, as a second JDBC read gives them
        String second = frames.event(view(7, new String("{\"title\":\"use Kafka\"}"), true));

        assertThat(second).isSameAs(first);
        assertThat(frames.size()).isEqualTo(1);
        assertThat(first).startsWith("id: 8\nevent: event\ndata: {").contains("\"data\":{\"title\":\"use Kafka\"}")
                .endsWith("}\n\n");
    }

    @Test
    void anEventReadAgainInAnotherStateGetsAFrameOfItsOwn() {
        String current = frames.event(view(7, "{\"title\":\"use Kafka\"}", true));
        String replaced = frames.event(view(7, "{\"title\":\"use Kafka\"}", false));

        assertThat(current).contains("\"current\":true");
        assertThat(replaced).contains("\"current\":false");
        assertThat(frames.size()).isEqualTo(2);
    }

    @Test
    void framesAreForgottenOnceTheyAddUpToTheBudget() {
        String data = "{\"text\":\"" + "x".repeat(64 * 1024) + "\"}";
        long kept = 0;
        for (int offset = 0; offset < 64; offset++) {
            frames.event(view(offset, data, true));
            kept = Math.max(kept, frames.size());
        }

        assertThat(kept).isLessThan(64).isGreaterThan(SharedFrames.BUDGET / (64 * 1024) - 2);
        assertThat(frames.size()).isLessThanOrEqualTo((int) kept);
    }

    private static EventView view(long offset, String data, boolean current) {
        return new EventView(offset + 1, offset, ID, "decision", "alice", "laptop", null, "sha256:abc", null, AT, AT, data,
                new EventView.ItemView(ID, List.of(), current, false), new EventView.ScopeView("tenant", null));
    }
}
