package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two writers that both believe they own a partition (a projector frozen past its session timeout, then thawed),
 * against the real database: what the thawed one remembers of its tenants must not outlive the other's writes.
 */
class ZombieWriterIT {

    private static final int PARTITION = 0;

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "zombie-writer-it");
    private final String topic = "zombie-writer-it-" + UUID.randomUUID(); // offsets of its own
    private final UUID tenant = UUID.randomUUID();
    private final List<LoggedEvent> log = new ArrayList<>();

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aThawedWriterThatSkipsItsStaleBatchAndGetsThePartitionBackContinuesFromWhatTheOtherWrote() {
        for (int offset = 0; offset < 6; offset++) {
            log.add(new LoggedEvent(PARTITION, offset, ProjectorFixture.decision(tenant, "decision " + offset)));
        }
        ReadModelWriter zombie = new ReadModelWriter(database, topic, null, null);
        ReadModelWriter successor = new ReadModelWriter(database, topic, null, null);

        zombie.apply(PARTITION, log.subList(0, 2), List.of(), 2);
        successor.apply(PARTITION, log.subList(2, 4), List.of(), 4); // the group gave the partition to the other
        zombie.apply(PARTITION, log.subList(0, 2), List.of(), 2);    // thawed: the batch it held is applied already
        zombie.apply(PARTITION, log.subList(4, 6), List.of(), 6);    // and the partition comes back to it

        assertThat(count("SELECT count(*) FROM context_events")).isEqualTo(6);
        assertThat(count("SELECT events FROM tenant_streams")).isEqualTo(6); // its count went on from the other's 4
        assertThat(count(SyncCounts.TOTAL)).isEqualTo(6);
        assertThat(chainOf(5)).isEqualTo(chainAsOneWriterWritesIt());
    }

    /** The chain one writer that saw the whole log writes, into a tenant of its own with the same contents and offsets. */
    private String chainAsOneWriterWritesIt() {
        UUID other = UUID.randomUUID();
        List<LoggedEvent> same = new ArrayList<>();
        for (int offset = 0; offset < 6; offset++) {
            same.add(new LoggedEvent(PARTITION, offset, ProjectorFixture.decision(other, "decision " + offset)));
        }
        new ReadModelWriter(database, "zombie-writer-it-" + UUID.randomUUID(), null, null).apply(PARTITION, same, List.of(), 6);
        return text(other, "SELECT chain FROM context_events WHERE kafka_offset = 5");
    }

    private String chainOf(long offset) {
        return text(tenant, "SELECT chain FROM context_events WHERE kafka_offset = " + offset);
    }

    private long count(String sql) {
        return Long.parseLong(text(tenant, sql));
    }

    private String text(UUID scope, String sql) {
        return database.inTenant(scope, jdbc -> jdbc.sql(sql).query(String.class).single());
    }
}
