package io.contextstore.client.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProfileChoiceTest {

    private static final Path ACME = Path.of("/home/dev/work/acme");

    /** /home/dev/work/acme bound to acme, its repository app naming globex in a file, nothing else. */
    private static final Function<Path, Optional<ProfileChoice>> BINDINGS = directory -> Optional.ofNullable(Map.of(
            ACME, new ProfileChoice("acme", "ctx profile bind of " + ACME),
            ACME.resolve("app"), new ProfileChoice("globex", ACME.resolve("app/.ctx-profile").toString())).get(directory));

    @Test
    void theOptionWinsOverTheVariableWhichWinsOverTheDirectorysBinding() {
        Path inAcme = ACME.resolve("billing/src");

        assertThat(ProfileChoice.decide("initech", "globex", inAcme, BINDINGS)).isEqualTo(new ProfileChoice("initech", "--profile"));
        assertThat(ProfileChoice.decide(null, "globex", inAcme, BINDINGS)).isEqualTo(new ProfileChoice("globex", "CTX_PROFILE"));
        assertThat(ProfileChoice.decide(null, null, inAcme, BINDINGS).name()).isEqualTo("acme");
        assertThat(ProfileChoice.decide(null, "  ", inAcme, BINDINGS).name()).as("a blank variable is not set").isEqualTo("acme");
    }

    @Test
    void theNearestBindingAboveTheDirectoryDecidesAndItsSourceIsNamed() {
        ProfileChoice deep = ProfileChoice.decide(null, null, ACME.resolve("app/src/main"), BINDINGS);
        ProfileChoice beside = ProfileChoice.decide(null, null, ACME.resolve("docs"), BINDINGS);

        assertThat(deep).isEqualTo(new ProfileChoice("globex", "/home/dev/work/acme/app/.ctx-profile"));
        assertThat(beside).isEqualTo(new ProfileChoice("acme", "ctx profile bind of /home/dev/work/acme"));
    }

    @Test
    void withoutABindingOrWithoutADirectoryTheDefaultProfileIsChosen() {
        assertThat(ProfileChoice.decide(null, null, Path.of("/home/dev/personal"), BINDINGS).isDefault()).isTrue();
        assertThat(ProfileChoice.decide(null, null, null, BINDINGS))
                .isEqualTo(new ProfileChoice(ProfileName.DEFAULT, "no directory"));
    }

    @Test
    void aNameThatIsNotAProfileNameIsRefusedWithWhereItCameFrom() {
        Function<Path, Optional<ProfileChoice>> planted = directory -> directory.equals(ACME)
                ? Optional.of(new ProfileChoice("../../etc", "/home/dev/work/acme/.ctx-profile")) : Optional.empty();

        assertThatThrownBy(() -> ProfileChoice.decide("../x", null, null, BINDINGS)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("\"../x\"").hasMessageContaining("--profile");
        assertThatThrownBy(() -> ProfileChoice.decide(null, "Acme", null, BINDINGS)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("CTX_PROFILE");
        assertThatThrownBy(() -> ProfileChoice.decide(null, null, ACME.resolve("x"), planted)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("/home/dev/work/acme/.ctx-profile");
        assertThatThrownBy(() -> ProfileChoice.decide("", null, null, BINDINGS)).isInstanceOf(ProfileException.class);
        assertThatThrownBy(() -> ProfileChoice.decide("a\nb", null, null, BINDINGS)).isInstanceOf(ProfileException.class)
                .hasMessageContaining("a\\u000ab");
    }

    @Test
    void profileNamesAreShortLowerCaseWordsWithoutSeparators() {
        assertThat(ProfileName.isValid("acme")).isTrue();
        assertThat(ProfileName.isValid("client-2_eu")).isTrue();
        assertThat(ProfileName.isValid("a".repeat(40))).isTrue();
        for (String bad : new String[] {"a".repeat(41), "..", ".", "-acme", "_x", "a/b", "a\\b", "ACME", "acme ", "", "ü"}) {
            assertThat(ProfileName.isValid(bad)).as(bad).isFalse();
        }
    }
}
