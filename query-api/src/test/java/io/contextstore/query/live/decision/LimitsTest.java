package io.contextstore.query.live.decision;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.query.live.decision.Limits.Verdict;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private final Limits limits = new Limits(2, 5);

    @Test
    void oneMoreIsAdmittedUpToBothLimitsIncluded() {
        assertThat(limits.decide(1, 1)).isEqualTo(Verdict.ADMIT);
        assertThat(limits.decide(2, 5)).isEqualTo(Verdict.ADMIT);
    }

    @Test
    void aTenantBeyondItsShareIsToldSoEvenWhenTheInstanceIsFullToo() {
        assertThat(limits.decide(3, 3)).isEqualTo(Verdict.TENANT_FULL);
        assertThat(limits.decide(3, 6)).isEqualTo(Verdict.TENANT_FULL);
    }

    @Test
    void aTenantWithinItsShareOnAFullInstanceIsToldTheInstanceIsFull() {
        assertThat(limits.decide(1, 6)).isEqualTo(Verdict.INSTANCE_FULL);
    }
}
