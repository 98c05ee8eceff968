package io.contextstore.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.tenancy.LicenseKey;
import org.junit.jupiter.api.Test;

class LicenseKeyTest {

    @Test
    void aGeneratedKeyHasTheScannablePrefixAndParsesBack() {
        LicenseKey key = LicenseKey.generate();

        assertThat(key.value()).startsWith("ctxs_").hasSize(5 + 40 + 6);
        assertThat(LicenseKey.parse(key.value())).contains(key);
    }

    @Test
    void aMistypedKeyFailsItsChecksum() {
        String value = LicenseKey.generate().value();
        char last = value.charAt(10);
        String typo = value.substring(0, 10) + (last == 'a' ? 'b' : 'a') + value.substring(11);

        assertThat(LicenseKey.parse(typo)).isEmpty();
        assertThat(LicenseKey.parse("ctxs_short")).isEmpty();
        assertThat(LicenseKey.parse(null)).isEmpty();
    }

    @Test
    void onlyTheHashIsStoredAndTheHintRevealsFourCharacters() {
        LicenseKey key = LicenseKey.generate();

        assertThat(key.hash()).hasSize(64).matches("[0-9a-f]+").isEqualTo(new LicenseKey(key.value()).hash());
        assertThat(key.hint()).endsWith(key.value().substring(key.value().length() - 4)).hasSize(5 + 1 + 4);
        assertThat(key.toString()).doesNotContain(key.value().substring(5, 20));
    }
}
