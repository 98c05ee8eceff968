package io.contextstore.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.client.queue.QueuedItem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainerTest {

    private static QueuedItem item(long id, String text) {
        return new QueuedItem(id, "message", "h" + id, Json.write(Map.of("kind", "message", "content", text)),
                Instant.EPOCH, 0, Instant.EPOCH, null, QueuedItem.State.PENDING, null);
    }

    @Test
    void theBatchBodyIsTheGenericPushOfTheStoredPayloadsInQueueOrder() {
        String body = Drainer.body(List.of(item(1, "a"), item(2, "b")));

        assertThat(Json.parseObject(body)).isEqualTo(Map.of("items", List.of(
                Map.of("kind", "message", "content", "a"), Map.of("kind", "message", "content", "b"))));
    }

    @Test
    void aBatchIsCutBeforeItsBodyWouldExceedTheLimitCountingUtf8Bytes() {
        List<QueuedItem> items = List.of(item(1, "é".repeat(400)), item(2, "€".repeat(400)), item(3, "x"));
        int first = Drainer.body(items.subList(0, 1)).getBytes(StandardCharsets.UTF_8).length;
        int two = Drainer.body(items.subList(0, 2)).getBytes(StandardCharsets.UTF_8).length;

        assertThat(Drainer.fitting(items, two)).hasSize(2);
        assertThat(Drainer.fitting(items, two - 1)).hasSize(1);
        assertThat(Drainer.fitting(items, first - 100)).as("a single oversized item is still sent, to be refused alone").hasSize(1);
        assertThat(Drainer.fitting(items, 1 << 20)).hasSize(3);
    }
}
