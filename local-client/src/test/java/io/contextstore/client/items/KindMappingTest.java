package io.contextstore.client.items;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.json.Json;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every kind of the server's catalogue is a kind of the client, read from its entry (tier, table, fields),
 * and the client can make, hash, send and summarize an item of it with no code of its own for the kind.
 * The local table of each kind is checked on real tier files by {@code tiers.KindTablesIT}.
 */
class KindMappingTest {

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void theClientKnowsEveryKindOfTheCatalogue(EventKind kind) {
        Kind local = Kind.fromWireName(kind.wireName()).orElseThrow(() -> new AssertionError("ctx has no kind " + kind.wireName()));

        assertThat(local.event()).isSameAs(kind);
        assertThat(local).isSameAs(Kind.of(kind));
        assertThat(Kind.values()).contains(local);
        assertThat(local.tier().name()).isEqualTo(kind.tier().name());
        assertThat(local.table()).isEqualTo(kind.localTable());
        assertThat(local.fields()).containsExactlyElementsOf(kind.fields().stream().map(FieldRule::name).toList());
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void anItemOfEveryKindIsMadeFromItsJsonHashedAndSummarized(EventKind kind) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", kind.wireName());
        kind.fields().forEach(rule -> json.put(rule.name(), sample(rule)));

        Item item = Item.fromJson(json);

        assertThat(item.kind()).isSameAs(Kind.of(kind));
        assertThat(item.contentHash()).hasSize(64);
        assertThat(Json.parseObject(item.payload())).isEqualTo(Json.parseObject(Json.write(json)));
        assertThat(item.summary()).isNotBlank().doesNotContain("null");
    }

    private static Object sample(FieldRule rule) {
        return switch (rule.type()) {
            case TEXT, IDENTIFIER -> rule.name() + "-1";
            case CHOICE -> rule.sortedChoices().iterator().next();
            case COUNT -> 1L;
            case TAGS -> List.of("a-tag");
        };
    }
}
