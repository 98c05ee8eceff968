package io.contextstore.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyRingTest {

    private static final byte[] CONTEXT = "tenant|alice|key".getBytes(StandardCharsets.UTF_8);
    // one sequence for all tests: a thread's Cipher refuses to encrypt twice in a row with one key and nonce
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final Supplier<byte[]> random = () -> EventSealingTest.filled(32, COUNTER.incrementAndGet());
    private final Supplier<byte[]> nonces = () -> EventSealingTest.filled(12, COUNTER.incrementAndGet());

    @Test
    void aGeneratedKeyFileIsReadableByItsOwnerOnlyAndIsNotReplacedOnTheNextStart(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("keys/master-keys");

        MasterKeyRing.generateIfMissing(file, random);
        String first = Files.readString(file);
        MasterKeyRing.generateIfMissing(file, random);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo(first);
        assertThat(MasterKeyRing.fromFile(file, nonces).keyIds()).hasSize(1);
    }

    @Test
    void afterARotationTheNewKeyWrapsAndTheOldOneStillUnwrapsUntilRetired(@TempDir Path directory) {
        Path file = MasterKeyRing.generateIfMissing(directory.resolve("master-keys"), random);
        MasterKeyRing ring = MasterKeyRing.fromFile(file, nonces);
        KeyWrapping.WrappedKey before = ring.wrap(EventSealingTest.filled(32, 42), CONTEXT);

        MasterKeyRing.prepend(file, MasterKeyRing.newKeyLine(random));
        KeyWrapping.WrappedKey after = ring.wrap(EventSealingTest.filled(32, 42), CONTEXT);

        assertThat(after.masterKeyId()).isNotEqualTo(before.masterKeyId()).isEqualTo(MasterKeyRing.fromFile(file, nonces).currentKeyId());
        assertThat(ring.unwrap(before, CONTEXT)).isEqualTo(EventSealingTest.filled(32, 42));
        MasterKeyRing.retireAllBut(file, after.masterKeyId());
        MasterKeyRing retired = MasterKeyRing.fromFile(file, nonces);
        assertThat(retired.unwrap(after, CONTEXT)).isEqualTo(EventSealingTest.filled(32, 42));
        assertThatThrownBy(() -> retired.unwrap(before, CONTEXT)).isInstanceOf(MasterKeyUnavailableException.class);
    }

    @Test
    void aWrappedKeyDoesNotUnwrapForAnotherRowAndAMalformedKeyLineIsRefusedWithoutEchoingIt() {
        MasterKeyRing ring = MasterKeyRing.fromText(MasterKeyRing.newKeyLine(random), nonces);
        KeyWrapping.WrappedKey wrapped = ring.wrap(EventSealingTest.filled(32, 5), CONTEXT);

        assertThatThrownBy(() -> ring.unwrap(wrapped, "tenant|bob|key".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> MasterKeyRing.fromText("k1 c2VjcmV0", nonces))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("c2VjcmV0");
    }
}
