package io.contextstore.client.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of the server's catalogue has its client constant, and the constant reads tier, table and fields from it. */
class KindMappingTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void theClientKnowsEveryKindOfTheCatalogue(EventKind kind) {
        Kind local = Kind.fromWireName(kind.wireName()).orElseThrow(() -> new AssertionError("ctx has no kind " + kind.wireName()));

        assertThat(local.event()).isSameAs(kind);
        assertThat(local.tier().name()).isEqualTo(kind.tier().name());
        assertThat(local.table()).isEqualTo(kind.localTable());
        assertThat(local.fields()).containsExactlyElementsOf(kind.fields().stream().map(FieldRule::name).toList());
    }
}
