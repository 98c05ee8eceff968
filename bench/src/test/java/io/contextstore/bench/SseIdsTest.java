package io.contextstore.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseIdsTest {

    private final List<Long> ids = new ArrayList<>();
    private final SseIds scanner = new SseIds(ids::add);

    @Test
    void findsTheIdOfEachEventAndNothingInItsOtherLines() {
        scan("retry: 2000\n\nid: 17\nevent: event\ndata: {\"id\":5,\"text\":\"id: 9\"}\n\n:heartbeat\n\nid:18\nevent: erasure\n"
                + "data: {}\n\n");

        assertThat(ids).containsExactly(17L, 18L);
    }

    @Test
    void findsAnIdSplitAcrossBuffersAtEveryPoint() {
        String stream = "data: x\n\nid: 1234567\nevent: event\n\n";
        for (int cut = 0; cut <= stream.length(); cut++) {
            ids.clear();
            scan(stream.substring(0, cut));
            scan(stream.substring(cut));
            assertThat(ids).as("cut at %d", cut).containsExactly(1234567L);
        }
    }

    @Test
    void takesCarriageReturnsAsLineEndsAndIgnoresAnIdWithoutDigits() {
        scan("id: 42\r\nevent: event\r\n\r\nid:\nid: 4x\nid: 43\r\n");

        assertThat(ids).containsExactly(42L, 43L);
    }

    @Test
    void aLineNotYetEndedIsNotAnIdYet() {
        scan("id: 12");
        assertThat(ids).isEmpty();

        scan("3\n");
        assertThat(ids).containsExactly(123L);
    }

    private void scan(String text) {
        scanner.scan(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }
}
