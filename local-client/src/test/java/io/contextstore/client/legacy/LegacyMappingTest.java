package io.contextstore.client.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.legacy.LegacyMapping.Mapped;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyMappingTest {

    private static final String TASK = "{\"task_id\": \"T-1\", \"description\": \"Fix the login bug\", \"status\": \"pending\","
            + " \"outcome\": \"\", \"project_id\": \"\", \"tool_success_count\": 0, \"tool_error_count\": 0, \"user_corrections\": 0}";

    @Test
    void aQueuedTaskEventWithoutActionIsATaskWhoseEmptyDefaultsAreAbsent() {
        Item item = item(new LegacyRow(1, null, TASK, "2026-02-03 10:00:00", 0));

        assertThat(item.kind()).isEqualTo(Kind.TASK);
        assertThat(item.content()).doesNotContainKeys("outcome", "project_id")
                .containsEntry("task_id", "T-1").containsEntry("status", "pending");
        assertThat(item.contentHash()).isEqualTo(Item.of(Kind.TASK, Map.of("task_id", "T-1",
                "description", "Fix the login bug", "status", "pending"), null).contentHash());
    }

    @Test
    void anActionNamesTheKindAsAKindAnEndpointOrAPush() {
        String decision = "{\"title\": \"t\", \"decision\": \"d\"}";
        for (String action : new String[] {"decision", "decisions", "push_decision", "PUSH-DECISIONS"}) {
            assertThat(item(new LegacyRow(2, action, decision, null, 0)).kind()).as(action).isEqualTo(Kind.DECISION);
        }
        assertThat(item(new LegacyRow(3, "push_message", "{\"session_id\": \"s\", \"message_id\": \"1\", \"role\": \"user\","
                + " \"content\": \"hi\"}", null, 1)).kind()).isEqualTo(Kind.MESSAGE);
    }

    @Test
    void anUnknownActionFallsBackToTheFieldsAndRowsThatFitNoKindAreRefusedWithTheirReason() {
        assertThat(item(new LegacyRow(4, "sync_item", "{\"error\": \"e\", \"solution\": \"s\"}", null, 0)).kind())
                .isEqualTo(Kind.ERROR_SOLUTION);
        assertThat(LegacyMapping.map(new LegacyRow(5, null, "{not json", null, 0)))
                .isInstanceOfSatisfying(Mapped.Refused.class, r -> assertThat(r.reason()).startsWith("payload is not a JSON object"));
        assertThat(LegacyMapping.map(new LegacyRow(6, "telemetry", "{\"cpu\": 3}", null, 0)))
                .isInstanceOfSatisfying(Mapped.Refused.class, r -> assertThat(r.reason())
                        .isEqualTo("unknown action \"telemetry\", and cannot tell the kind of context from its fields [cpu]"));
        assertThat(LegacyMapping.map(new LegacyRow(7, null, "[1, 2]", null, 0))).isInstanceOf(Mapped.Refused.class);
    }

    private static Item item(LegacyRow row) {
        Mapped mapped = LegacyMapping.map(row);
        assertThat(mapped).isInstanceOf(Mapped.ToItem.class);
        return ((Mapped.ToItem) mapped).item();
    }
}
