package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.Supersedes;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an edit writes, against the real database (ADR 39): its own version, and the versions it replaces, whatever
 * the item's history. A version an earlier edit replaced keeps its row as it is: rewriting the whole history at each
 * edit made an item's n-th edit cost n rows, and n edits n²/2. Each row's {@code xmin} (the transaction that wrote
 * it) tells which rows a poll wrote.
 */
class EditHistoryIT {

    private static final int PARTITION = 0;
    private static final int EDITS = 20;

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "edit-history-it");
    private final ReadModelWriter writer = new ReadModelWriter(database, "edit-history-it-" + UUID.randomUUID(), null, null);
    private final UUID tenant = UUID.randomUUID();
    private long offset;

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anEditRewritesOnlyTheVersionItReplacesNotTheItemsHistory() {
        LoggedEvent original = poll(ProjectorFixture.decision(tenant, "v0"));
        long current = original.offset();
        for (int i = 1; i < EDITS; i++) {
            current = poll(edit(original, "v" + i, current)).offset();
        }
        Map<Long, Long> before = writers();

        LoggedEvent last = poll(edit(original, "v" + EDITS, current));

        Map<Long, Long> after = writers();
        assertThat(after).hasSize(EDITS + 1);
        assertThat(rewritten(before, after)).containsExactlyInAnyOrder(current, last.offset());
        assertThat(offsets("SELECT kafka_offset FROM item_versions WHERE current")).containsExactly(last.offset());
        assertThat(offsets("SELECT kafka_offset FROM decisions")).containsExactly(last.offset());
    }

    @Test
    void anEditThatResolvesAConflictRewritesTheConflictingVersionsAlone() {
        LoggedEvent original = poll(ProjectorFixture.decision(tenant, "v0"));
        long first = poll(edit(original, "on a laptop", original.offset())).offset();
        long second = poll(edit(original, "on a desktop", original.offset())).offset(); // names a replaced version
        assertThat(offsets("SELECT kafka_offset FROM decisions")).containsExactlyInAnyOrder(first, second);
        Map<Long, Long> before = writers();

        LoggedEvent merged = poll(edit(original, "merged", first, second));

        assertThat(rewritten(before, writers())).containsExactlyInAnyOrder(first, second, merged.offset());
        assertThat(offsets("SELECT kafka_offset FROM decisions")).containsExactly(merged.offset());
    }

    @Test
    void aVersionReplacedInThePollThatWroteItLeavesTheListAtOnce() {
        LoggedEvent original = poll(ProjectorFixture.decision(tenant, "v0"));
        LoggedEvent revised = new LoggedEvent(PARTITION, offset++, edit(original, "v1", original.offset()));
        LoggedEvent again = new LoggedEvent(PARTITION, offset++, edit(original, "v2", revised.offset()));

        writer.apply(PARTITION, List.of(revised, again), List.of(), offset);

        assertThat(offsets("SELECT kafka_offset FROM item_versions WHERE NOT current"))
                .containsExactlyInAnyOrder(original.offset(), revised.offset());
        assertThat(offsets("SELECT kafka_offset FROM decisions")).containsExactly(again.offset());
    }

    /** Applies the event as a poll of its own, at the next offset. */
    private LoggedEvent poll(ContextEvent event) {
        LoggedEvent logged = new LoggedEvent(PARTITION, offset++, event);
        writer.apply(PARTITION, List.of(logged), List.of(), offset);
        return logged;
    }

    /** An edit of the item naming the given versions by their offsets (a client names a version by offset + 1). */
    private ContextEvent edit(LoggedEvent item, String title, long... versions) {
        List<Long> cursors = java.util.Arrays.stream(versions).map(v -> v + 1).boxed().toList();
        return ContextEvent.newBuilder(ProjectorFixture.decision(tenant, title))
                .setSupersedes(new Supersedes(item.event().getEventId().toString(), cursors)).build();
    }

    /** Each item_versions row's offset, and the transaction that wrote it. */
    private Map<Long, Long> writers() {
        return database.inTenant(tenant, jdbc -> jdbc.sql("SELECT kafka_offset, xmin::text::bigint FROM item_versions")
                .query((rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static List<Long> rewritten(Map<Long, Long> before, Map<Long, Long> after) {
        return after.keySet().stream().filter(o -> !after.get(o).equals(before.get(o))).toList();
    }

    private List<Long> offsets(String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query(Long.class).list());
    }
}
