package io.contextstore.client.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of the server's catalogue has its local mapping: same wire name, tier, local table and fields. */
class KindMappingTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void theClientKnowsEveryKindOfTheCatalogue(EventKind kind) {
        Kind local = Kind.fromWireName(kind.wireName()).orElseThrow(() -> new AssertionError("ctx has no kind " + kind.wireName()));

        assertThat(local.tier().name()).isEqualTo(kind.tier().name());
        assertThat(local.table()).isEqualTo(kind.localTable());
        assertThat(local.fields()).containsExactlyElementsOf(kind.fields().stream().map(FieldRule::name).toList());
    }
}
