package io.contextstore.client.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Kind;
import io.contextstore.client.tiers.CurrentVersions;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EntryTest {

    private static final Instant NOW = Instant.parse("2026-01-31T10:00:00Z");

    private static Entry entry(Kind kind, CurrentVersions versions) {
        return new Entry("e1", kind, 1, "h", null, "alice", "laptop", NOW, "Queue", "Kafka", null, null, null, Entry.LOCAL,
                versions);
    }

    @Test
    void aRowWhoseItemHasAnotherCurrentVersionIsInConflictWithItsItemAndCount() {
        Entry entry = entry(Kind.DECISION, new CurrentVersions("item", 2));

        assertThat(entry.conflict()).isTrue();
        assertThat(entry.toJson(NOW)).containsEntry("item_id", "item").containsEntry("conflict", true)
                .containsEntry("current_versions", 2);
    }

    @Test
    void aRowThatIsItsItemsOnlyCurrentVersionOrIsNotConfirmedYetIsNotInConflict() {
        assertThat(entry(Kind.DECISION, new CurrentVersions("item", 1)).toJson(NOW)).containsEntry("item_id", "item")
                .containsEntry("conflict", false).doesNotContainKey("current_versions");
        assertThat(entry(Kind.DECISION, new CurrentVersions(null, 0)).conflict()).isFalse();
    }

    @Test
    void aRowOfAKindThatCannotBeEditedCarriesNoItem() {
        Entry task = entry(Kind.TASK, null);

        assertThat(task.conflict()).isFalse();
        assertThat(task.toJson(NOW)).doesNotContainKeys("item_id", "conflict");
    }
}
