package io.contextstore.client.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AgesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void agesReadLikeAPersonWouldSayThem() {
        assertThat(Ages.ago(NOW.minusSeconds(5), NOW)).isEqualTo("just now");
        assertThat(Ages.ago(NOW.minusSeconds(5 * 60), NOW)).isEqualTo("5m ago");
        assertThat(Ages.ago(NOW.minusSeconds(3 * 3600 + 100), NOW)).isEqualTo("3h ago");
        assertThat(Ages.ago(NOW.minusSeconds(5 * 86400), NOW)).isEqualTo("5d ago");
        assertThat(Ages.ago(Instant.parse("2025-01-31T10:00:00Z"), NOW)).isEqualTo("2025-01-31");
        assertThat(Ages.ago(null, NOW)).isEmpty();
    }

    @Test
    void sinceTakesDurationsDatesAndInstants() {
        assertThat(Ages.since("3h", NOW)).isEqualTo(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(Ages.since("2w", NOW)).isEqualTo(Instant.parse("2026-11-18T12:00:00Z"));
        assertThat(Ages.since("2026-11-30", NOW)).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        assertThat(Ages.since("2026-11-30T08:00:00Z", NOW)).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThatThrownBy(() -> Ages.since("yesterday", NOW)).hasMessageContaining("--since takes");
    }
}
