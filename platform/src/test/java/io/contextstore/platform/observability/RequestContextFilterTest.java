package io.contextstore.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestContextFilterTest {

    @Test
    void aPlainRequestIdFromTheCallerIsKept() {
        assertThat(RequestContextFilter.requestId("4f1c2e0a-9b7d-4c1e-8f3a-2d6b5e7c9a10")).isEqualTo("4f1c2e0a-9b7d-4c1e-8f3a-2d6b5e7c9a10");
        assertThat(RequestContextFilter.requestId("gw.host-1:42_a")).isEqualTo("gw.host-1:42_a");
    }

    @Test
    void aRequestIdThatCouldForgeOrFloodALogLineIsReplacedByANewOne() {
        for (String hostile : new String[] {"abc\n{\"level\":\"ERROR\"}", "x\"y", "a b", "x".repeat(101), "", null}) {
            String id = RequestContextFilter.requestId(hostile);
            assertThat(id).isNotEqualTo(hostile);
            assertThat(UUID.fromString(id)).isNotNull();
        }
    }
}
