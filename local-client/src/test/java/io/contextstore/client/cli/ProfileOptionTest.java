package io.contextstore.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfileOptionTest {

    @Test
    void theOptionIsTakenOutBeforeOrAfterTheCommandInEitherForm() {
        ProfileOption before = ProfileOption.take(new String[] {"--profile", "acme", "sync", "--json"});
        ProfileOption after = ProfileOption.take(new String[] {"login", "--profile=acme", "--device", "laptop"});
        ProfileOption none = ProfileOption.take(new String[] {"hook", "--project", "x"});

        assertThat(before.profile()).isEqualTo("acme");
        assertThat(before.rest()).containsExactly("sync", "--json");
        assertThat(after.profile()).isEqualTo("acme");
        assertThat(after.rest()).containsExactly("login", "--device", "laptop");
        assertThat(none.profile()).isNull();
        assertThat(none.rest()).containsExactly("hook", "--project", "x");
    }

    @Test
    void afterDoubleDashItIsAnArgumentLikeAnyOther() {
        ProfileOption taken = ProfileOption.take(new String[] {"search", "--", "--profile", "acme"});

        assertThat(taken.profile()).isNull();
        assertThat(taken.rest()).containsExactly("search", "--", "--profile", "acme");
    }

    @Test
    void withoutANameOrTwiceItIsAUsageError() {
        assertThatThrownBy(() -> ProfileOption.take(new String[] {"sync", "--profile"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--profile needs a profile name");
        assertThatThrownBy(() -> ProfileOption.take(new String[] {"--profile", "a", "sync", "--profile=b"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--profile given twice");
    }
}
