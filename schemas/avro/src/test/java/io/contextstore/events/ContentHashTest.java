package io.contextstore.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    private static final UUID TENANT_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID TENANT_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    @Test
    void eventIdIsAStableVersion8UuidOfTenantAndHash() {
        String hash = ContentHash.of(java.util.Map.of("kind", "decision"));

        UUID id = ContentHash.eventId(TENANT_A, hash);

        assertThat(id).isEqualTo(ContentHash.eventId(TENANT_A, hash));
        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void sameContentInTwoTenantsHasTwoIds() {
        String hash = ContentHash.of(java.util.Map.of("kind", "decision"));

        assertThat(ContentHash.eventId(TENANT_A, hash)).isNotEqualTo(ContentHash.eventId(TENANT_B, hash));
    }
}
