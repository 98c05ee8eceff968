package io.contextstore.client.edits;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConflictTest {

    private static LocalVersion version(String item, long cursor, Kind kind, Map<String, Object> data) {
        return new LocalVersion(item, cursor, "e" + cursor, kind, "alice", "laptop", null, "2026-01-31T10:00:00Z", data);
    }

    private static LocalVersion decision(String item, long cursor, String decision) {
        return version(item, cursor, Kind.DECISION, Map.of("title", "Queue", "decision", decision));
    }

    @Test
    void onlyItemsWithMoreThanOneCurrentVersionAreInConflict() {
        List<Conflict> conflicts = Conflict.among(List.of(decision("a", 5, "Kafka"), decision("b", 6, "Avro"),
                decision("a", 7, "Pulsar")));

        assertThat(conflicts).singleElement().satisfies(conflict -> {
            assertThat(conflict.itemId()).isEqualTo("a");
            assertThat(conflict.current()).containsExactly(5L, 7L);
        });
        assertThat(Conflict.among(List.of(decision("b", 6, "Avro")))).isEmpty();
        assertThat(Conflict.among(List.of())).isEmpty();
    }

    @Test
    void versionsAreOldestFirstAndTheMostRecentlyConflictingItemComesLast() {
        List<Conflict> conflicts = Conflict.among(List.of(decision("late", 40, "x"), decision("early", 12, "y"),
                decision("late", 3, "z"), decision("early", 30, "w")));

        assertThat(conflicts).extracting(Conflict::itemId).containsExactly("early", "late");
        assertThat(conflicts.get(1).current()).containsExactly(3L, 40L);
    }

    @Test
    void anEditInConflictWithARetractionIsAConflictOfTheItemsKindThatShowsTheReason() {
        Kind retraction = Kind.of(EventKind.RETRACTION);
        Conflict conflict = Conflict.among(List.of(version("a", 9, retraction, Map.of("reason", "obsolete")),
                decision("a", 8, "Kafka"))).get(0);

        assertThat(conflict.kind()).isEqualTo(Kind.DECISION);
        assertThat(Conflict.among(List.of(version("r", 1, retraction, Map.of("reason", "x")),
                version("r", 2, retraction, Map.of("reason", "y")))).get(0).kind()).isEqualTo(retraction);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions = (List<Map<String, Object>>) conflict.toJson().get("versions");
        assertThat(versions).extracting(version -> version.get("kind")).containsExactly("decision", "retraction");
        assertThat(versions.get(1).get("data")).isEqualTo(Map.of("reason", "obsolete"));
    }

    @Test
    void aConflictReadsAsTheServersConflictsAnswerDoes() {
        Conflict conflict = Conflict.among(List.of(decision("a", 5, "Kafka"), decision("a", 7, "Pulsar"))).get(0);

        assertThat(conflict.toJson()).containsEntry("item_id", "a").containsEntry("kind", "decision")
                .containsEntry("conflict", true).containsEntry("current", List.of(5L, 7L));
        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) conflict.toJson().get("versions")).get(0);
        assertThat(first).containsEntry("version", 5L).containsEntry("id", "e5").containsEntry("user_id", "alice")
                .containsEntry("device_id", "laptop").containsEntry("current", true)
                .containsEntry("data", Map.of("title", "Queue", "decision", "Kafka"));
        assertThat(LocalConflicts.json(List.of(conflict), "the server was not asked"))
                .containsEntry("source", "local").containsEntry("note", "this machine's view, as of its last pull"
                        + " (the server was not asked)").containsEntry("conflicts", List.of(conflict.toJson()));
    }
}
