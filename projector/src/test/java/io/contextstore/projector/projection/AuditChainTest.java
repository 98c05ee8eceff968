package io.contextstore.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final String HASH = "ab".repeat(32);

    @Test
    void aLinkIsSha256OfThePreviousLinkTheContentHashAndTheOffsetAsBytes() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(72).put(new byte[32]).put(HexFormat.of().parseHex(HASH)).putLong(42);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));

        assertThat(AuditChain.next(AuditChain.GENESIS, HASH, 42)).isEqualTo(expected);
    }

    @Test
    void changingTheOffsetOrTheContentChangesTheLink() {
        String link = AuditChain.next(AuditChain.GENESIS, HASH, 42);

        assertThat(AuditChain.next(AuditChain.GENESIS, HASH, 43)).isNotEqualTo(link);
        assertThat(AuditChain.next(AuditChain.GENESIS, "cd".repeat(32), 42)).isNotEqualTo(link);
        assertThat(AuditChain.next(link, HASH, 42)).isNotEqualTo(link);
    }
}
