package io.contextstore.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MultiRowInsertTest {

    private record Row(UUID id, String text, List<String> tags, Map<String, Object> data, OffsetDateTime at) {
    }

    private static final MultiRowInsert<Row> INSERT = MultiRowInsert.<Row>into("t",
                    row -> new Object[] {row.id(), row.text(), row.tags(), row.data(), row.at()},
                    "id uuid", "text text", "tags text[]", "data jsonb", "at timestamptz")
            .then("ON CONFLICT DO NOTHING");

    @Test
    void theStatementIsTheSameTextForOneRowAndForAThousand() {
        Row row = new Row(UUID.randomUUID(), "x", List.of(), Map.of(), null);
        MultiRowInsert.Fragment one = INSERT.fragment(List.of(row));
        MultiRowInsert.Fragment thousand = INSERT.fragment(Collections.nCopies(1000, row));

        assertThat(thousand.sql()).isEqualTo(one.sql());
        assertThat(thousand.parameters()).hasSize(5);
        assertThat(one.sql()).isEqualTo("INSERT INTO t (id, text, tags, data, at) SELECT u.id, u.text, u.tags::text[], u.data,"
                + " u.at FROM unnest(?::uuid[], ?::text[], ?::text[], ?::jsonb[], ?::timestamptz[]) AS u(id, text, tags, data, at)"
                + " ON CONFLICT DO NOTHING");
    }

    @Test
    void everyValueIsAQuotedElementSoThatNoCharacterOfItIsReadAsArraySyntax() {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        Row row = new Row(id, "a \"b\" \\c {d}, NULL", Arrays.asList("e,f", "\"g\"", null), Map.of("k", "v\"w"),
                OffsetDateTime.parse("2026-12-05T00:00:00.123Z"));

        List<Object> parameters = INSERT.fragment(List.of(row, new Row(null, null, null, null, null))).parameters();

        assertThat(parameters).extracting(p -> ((MultiRowInsert.ArrayLiteral) p).text()).containsExactly(
                "{\"" + id + "\",NULL}",
                "{\"a \\\"b\\\" \\\\c {d}, NULL\",NULL}",
                "{\"{\\\"e,f\\\",\\\"\\\\\\\"g\\\\\\\"\\\",NULL}\",NULL}",
                "{\"{\\\"k\\\":\\\"v\\\\\\\"w\\\"}\",NULL}",
                "{\"2026-12-05T00:00:00.123Z\",NULL}");
    }

    @Test
    void aColumnWithoutItsTypeIsRefusedWhenTheInsertIsDeclared() {
        assertThatThrownBy(() -> MultiRowInsert.<Row>into("t", row -> new Object[] {row.id()}, "id"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t.id");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() {
        MultiRowInsert<Row> insert = MultiRowInsert.into("t", row -> new Object[] {row.id()}, "id uuid", "text text");

        assertThatThrownBy(() -> insert.fragment(List.of(new Row(null, null, null, null, null))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 2 columns");
    }
}
