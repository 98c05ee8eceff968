package io.contextstore.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectionsTest {

    @Test
    void aSectionNameThatIsNoSectionIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Scenarios.known(List.of("tenants", "pouch")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pouch");
    }

    @Test
    void theNewSectionsCanBeNamedAndTheFullRunTakesThem() {
        assertThat(Scenarios.known(List.of("tenants", "peer"))).containsExactly("tenants", "peer");
        assertThat(Scenarios.SECTIONS).contains("tenants", "peer");
    }

    @Test
    void everyOneOfAThousandTenantsPushesInEveryRunWhateverTheProfile() {
        for (Profile profile : List.of(Profile.full(), Profile.quick())) {
            assertThat(16 * ManyTenantsSection.perClient(profile.batchesPerClient(), 16, 1000)).isGreaterThanOrEqualTo(1000);
            assertThat(32 * ManyTenantsSection.perClient(profile.singlePushesPerClient(), 32, 1000)).isGreaterThanOrEqualTo(1000);
        }
    }

    @Test
    void manyClientsSendAsManyRequestsInAllAsSectionOnesRowWhenThatCoversEveryTenant() {
        assertThat(ManyTenantsSection.perClient(500, 32, 1000)).isEqualTo(125);
    }
}
