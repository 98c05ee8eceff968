package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A copy of an event in a later batch than the original (a push retried after a lost acknowledgement), against the real
 * database: the writer remembers its tenants' states and reads no known ids, so only the insert's unique key on the
 * event id can tell it; the batch must then be applied again without the copy, and once.
 */
class EarlierCopyIT {

    private static final int PARTITION = 0;

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "earlier-copy-it");

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aCopyOfAnEventOfAnEarlierBatchIsSkippedAndTheRestOfItsBatchIsAppliedOnce() {
        UUID tenant = UUID.randomUUID();
        List<LoggedEvent> log = logWithACopy(tenant);
        ReadModelWriter writer = new ReadModelWriter(database, "earlier-copy-it-" + UUID.randomUUID(), null, null);

        writer.apply(PARTITION, log.subList(0, 3), List.of(), 3);
        writer.apply(PARTITION, log.subList(3, 6), List.of(), 6); // offset 3 copies offset 1

        assertThat(count(tenant, "SELECT count(*) FROM context_events")).isEqualTo(5);
        assertThat(count(tenant, "SELECT count(*) FROM context_events WHERE kafka_offset = 3")).isZero();
        assertThat(count(tenant, "SELECT count(*) FROM decisions")).isEqualTo(5);
        assertThat(count(tenant, "SELECT events FROM tenant_streams")).isEqualTo(5);
        assertThat(count(tenant, SyncCounts.TOTAL)).isEqualTo(5);
        assertThat(text(tenant, "SELECT chain FROM context_events WHERE kafka_offset = 5")).isEqualTo(chainOfOneBatch());
    }

    /** The chain a writer that sees the same log in one batch writes: the copy is skipped inside the batch there. */
    private String chainOfOneBatch() {
        UUID other = UUID.randomUUID();
        new ReadModelWriter(database, "earlier-copy-it-" + UUID.randomUUID(), null, null)
                .apply(PARTITION, logWithACopy(other), List.of(), 6);
        return text(other, "SELECT chain FROM context_events WHERE kafka_offset = 5");
    }

    private static List<LoggedEvent> logWithACopy(UUID tenant) {
        String[] titles = {"a", "b", "c", "b", "d", "e"};
        return IntStream.range(0, titles.length)
                .mapToObj(offset -> new LoggedEvent(PARTITION, offset, ProjectorFixture.decision(tenant, titles[offset])))
                .toList();
    }

    private long count(UUID tenant, String sql) {
        return Long.parseLong(text(tenant, sql));
    }

    private String text(UUID tenant, String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query(String.class).single());
    }
}
