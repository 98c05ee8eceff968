package io.contextstore.projector.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypedRowsTest {

    @Test
    void anInstantIsBoundAsTheSameMomentAtUtcAsTheJdkMakesIt() {
        List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2026-12-07T05:00:00.123Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"), Instant.ofEpochMilli(Long.MAX_VALUE),
                Instant.ofEpochMilli(Long.MIN_VALUE), Instant.ofEpochSecond(1, 999_999_999));

        for (Instant instant : instants) {
            OffsetDateTime utc = TypedRows.utc(instant);
            assertThat(utc).isEqualTo(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            assertThat(utc.toInstant()).isEqualTo(instant);
        }
    }
}
