package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's stream row is rewritten by every poll that has its events, the most written row of the read model. Its
 * page keeps room for the new version (ADR 50), so the update stays on the page and adds no entry to the row's index.
 * Written on full pages, every poll of a many-tenant log added an index entry a tenant, and about four WAL records a
 * rewrite where two do (bench/profiling.md, 6 December 2026, night).
 */
class StreamRowUpdateIT {

    private static final int PARTITION = 0;
    /**
     * What a poll may add to the index: one page. A snapshot older than the poll before (an autovacuum's analyze in
     * the database, say) keeps that poll's old versions, and a rewrite that finds no room then leaves its page: a CI
     * run under load saw one page added once (7 December 2026). On full pages a poll of these tenants added ten.
     */
    private static final long PAGE = 8192;
    /** Enough tenants to fill pages of the stream table many times over. */
    private static final int TENANTS = 2000;

    /** A database of its own: the index's size would move with every other test's tenants on the shared one. */
    private final Infrastructure infrastructure = Infrastructure.shared().withOwnDatabase("stream_row_update");
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "stream-row-it");
    private final ReadModelWriter writer = new ReadModelWriter(database, "stream-row-it", null, null);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void pollsThatMoveEveryTenantsStreamAddNothingToTheStreamsIndex() throws SQLException {
        List<UUID> tenants = IntStream.range(0, TENANTS).mapToObj(i -> UUID.randomUUID()).toList();
        poll(tenants, 1);
        long indexAfterFirst = indexBytes();

        poll(tenants, 2);
        assertThat(indexBytes()).as("the stream index after the second poll").isLessThanOrEqualTo(indexAfterFirst + PAGE);
        poll(tenants, 3); // the page's room is the old versions' now: the rewrite prunes them first
        assertThat(indexBytes()).as("the stream index after the third poll").isLessThanOrEqualTo(indexAfterFirst + PAGE);

        assertThat(streamsAt(3)).as("every tenant's stream row was rewritten twice").isEqualTo(TENANTS);
    }

    /** The {@code n}-th poll: one event of each tenant, after the polls before it. */
    private void poll(List<UUID> tenants, int n) {
        int from = (n - 1) * tenants.size();
        List<LoggedEvent> log = new ArrayList<>();
        tenants.forEach(tenant -> log.add(new LoggedEvent(PARTITION, from + log.size(),
                ProjectorFixture.decision(tenant, "poll " + n))));
        writer.apply(PARTITION, log, List.of(), from + log.size());
    }

    private long indexBytes() throws SQLException {
        return single("SELECT pg_relation_size('tenant_streams_pkey')");
    }

    private long streamsAt(int events) throws SQLException {
        return single("SELECT count(*) FROM tenant_streams WHERE events = " + events);
    }

    private long single(String sql) throws SQLException {
        try (Connection c = infrastructure.superuserConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
