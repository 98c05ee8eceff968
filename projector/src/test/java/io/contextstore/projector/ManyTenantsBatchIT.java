package io.contextstore.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ProjectionSignal;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.LoggedErasure;
import io.contextstore.projector.projection.LoggedEvent;
import io.contextstore.projector.store.PartitionBatch;
import io.contextstore.projector.store.ReadModelWriter;
import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Batches of many tenants against the real database, as a many-tenant log gives them (a row or two of each tenant):
 * each tenant's write must land under its own row-level security setting, an earlier copy in any of them must still
 * send the batch round again, and an erasure in the batch must act on the writes before it. A writer that sends
 * several tenants' writes a round trip (tried, bench/profiling.md) must keep all three.
 */
class ManyTenantsBatchIT {

    private static final int PARTITION = 0;

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final Database database = Database.connect(infrastructure.settings(ServiceRole.PROJECTOR), "many-tenants-it");
    private final ReadModelWriter writer = new ReadModelWriter(database, "many-tenants-it-" + UUID.randomUUID(), null, null);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyTenantOfABatchOfManyTenantsHoldsExactlyItsOwnEvents() {
        List<UUID> tenants = tenants(150);
        List<LoggedEvent> log = new ArrayList<>();
        for (String title : new String[] {"a", "b"}) { // as the log holds them: every tenant's first, then every second
            tenants.forEach(tenant -> log.add(new LoggedEvent(PARTITION, log.size(), ProjectorFixture.decision(tenant, title))));
        }

        writer.apply(PARTITION, log, List.of(), log.size());

        for (UUID tenant : tenants) {
            assertThat(count(tenant, "SELECT count(*) FROM context_events")).as("events of %s", tenant).isEqualTo(2);
            assertThat(count(tenant, "SELECT count(*) FROM decisions")).isEqualTo(2);
            assertThat(count(tenant, "SELECT events FROM tenant_streams")).isEqualTo(2);
            assertThat(count(tenant, SyncCounts.TOTAL)).isEqualTo(2);
        }
    }

    /** The search indexer looks at the tenants the live writer says it moved, and at no others until its sweep. */
    @Test
    void afterItsCommitTheWriterTellsExactlyTheTenantsTheBatchMovedAndNoneForABatchAppliedAlready() {
        List<Set<UUID>> told = new ArrayList<>();
        ReadModelWriter telling = new ReadModelWriter(database, "many-tenants-it-" + UUID.randomUUID(), null, null,
                tenants -> told.add(Set.copyOf(tenants)));
        List<UUID> tenants = tenants(150);
        List<LoggedEvent> log = new ArrayList<>();
        tenants.forEach(tenant -> log.add(new LoggedEvent(PARTITION, log.size(), ProjectorFixture.decision(tenant, "a"))));

        telling.apply(PARTITION, log, List.of(), log.size());
        telling.apply(PARTITION, log, List.of(), log.size()); // a redelivered poll: skipped, nothing moved

        assertThat(told).hasSize(2);
        assertThat(told.get(0)).isEqualTo(Set.copyOf(tenants));
        assertThat(told.get(1)).isEmpty();
    }

    @Test
    void anEarlierCopyOfOneTenantAmongManyIsSkippedAndTheBatchIsAppliedOnce() {
        UUID copied = UUID.randomUUID();
        List<UUID> others = tenants(100);
        writer.apply(PARTITION, List.of(new LoggedEvent(PARTITION, 0, ProjectorFixture.decision(copied, "a"))), List.of(), 1);
        List<LoggedEvent> batch = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            if (i == others.size() / 2) { // the copy, and a new event of the same tenant, in the middle of the batch
                batch.add(new LoggedEvent(PARTITION, 1 + batch.size(), ProjectorFixture.decision(copied, "a")));
                batch.add(new LoggedEvent(PARTITION, 1 + batch.size(), ProjectorFixture.decision(copied, "b")));
            }
            batch.add(new LoggedEvent(PARTITION, 1 + batch.size(), ProjectorFixture.decision(others.get(i), "a")));
        }

        writer.apply(PARTITION, batch, List.of(), 1 + batch.size());

        assertThat(count(copied, "SELECT count(*) FROM context_events")).isEqualTo(2);
        assertThat(count(copied, "SELECT events FROM tenant_streams")).isEqualTo(2);
        for (UUID tenant : others) {
            assertThat(count(tenant, "SELECT count(*) FROM context_events")).isEqualTo(1);
            assertThat(count(tenant, SyncCounts.TOTAL)).isEqualTo(1);
        }
    }

    @Test
    void aTenantDeletedInTheBatchThatWroteItsEventsKeepsNoneOfThem() {
        UUID deleted = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        List<LoggedEvent> events = IntStream.range(0, 4).mapToObj(offset -> new LoggedEvent(PARTITION, offset,
                ProjectorFixture.decision(offset % 2 == 0 ? deleted : kept, "title " + offset))).toList();
        LoggedErasure erasure = new LoggedErasure(PARTITION, 4, deleted, null);

        writer.apply(List.of(new PartitionBatch(PARTITION, events, List.of(erasure), List.of(), 5)));

        assertThat(count(deleted, "SELECT count(*) FROM context_events")).isZero();
        assertThat(count(deleted, "SELECT count(*) FROM decisions")).isZero();
        assertThat(count(deleted, "SELECT count(*) FROM tenant_streams")).isZero();
        assertThat(count(kept, "SELECT count(*) FROM context_events")).isEqualTo(2);
    }

    /**
     * Events a tenant's deletion was followed by in the log (pushes in flight while it was deleted) start a new chain,
     * as they do when they arrive in a batch of their own: the read model must not depend on where a poll ended (I5).
     */
    @Test
    void eventsAfterATenantsDeletionInTheSameBatchStartANewChainAsInABatchOfTheirOwn() {
        UUID together = UUID.randomUUID();
        UUID apart = UUID.randomUUID();
        writer.apply(List.of(new PartitionBatch(PARTITION, afterDeletion(together, 0, 2, 3), List.of(
                new LoggedErasure(PARTITION, 1, together, null)), List.of(), 4)));
        ReadModelWriter other = new ReadModelWriter(database, "many-tenants-it-" + UUID.randomUUID(), null, null);
        other.apply(List.of(new PartitionBatch(PARTITION, afterDeletion(apart, 0), List.of(
                new LoggedErasure(PARTITION, 1, apart, null)), List.of(), 2)));
        other.apply(List.of(new PartitionBatch(PARTITION, afterDeletion(apart, 2, 3), List.of(), List.of(), 4)));

        assertSameChains(together, apart);
        assertThat(count(together, "SELECT events FROM tenant_streams")).isEqualTo(2);
    }

    /**
     * A writer that remembers a tenant from its own last commit trusts that memory for the tenant's events before its
     * deletion in a batch, and must not carry it past the deletion: the events after it start a new chain there too.
     */
    @Test
    void aWriterThatRemembersATenantDeletedInTheBatchStartsTheEventsAfterTheDeletionFromTheGenesis() {
        UUID remembered = UUID.randomUUID();
        UUID apart = UUID.randomUUID();
        writer.apply(PARTITION, afterDeletion(remembered, 0, 1), List.of(), 2);
        writer.apply(List.of(new PartitionBatch(PARTITION, afterDeletion(remembered, 2, 4, 5), List.of(
                new LoggedErasure(PARTITION, 3, remembered, null)), List.of(), 6)));
        ReadModelWriter other = new ReadModelWriter(database, "many-tenants-it-" + UUID.randomUUID(), null, null);
        other.apply(PARTITION, afterDeletion(apart, 0, 1), List.of(), 2);
        other.apply(List.of(new PartitionBatch(PARTITION, afterDeletion(apart, 2), List.of(
                new LoggedErasure(PARTITION, 3, apart, null)), List.of(), 4)));
        other.apply(List.of(new PartitionBatch(PARTITION, afterDeletion(apart, 4, 5), List.of(), List.of(), 6)));

        assertSameChains(remembered, apart);
        assertThat(count(remembered, "SELECT events FROM tenant_streams")).isEqualTo(2);
    }

    /**
     * After a restart or a rebalance a writer remembers none of a partition's tenants and reads their stream heads
     * several tenants a round trip, each under its own setting (ADR 51): every chain must go on from its own head, as it
     * does for the writer that wrote it. 37 tenants: two full trips and a padded one.
     */
    @Test
    void aWriterThatRemembersNoTenantContinuesEachOfManyTenantsChainsAsTheWriterThatWroteThem() {
        List<UUID> continued = tenants(37);
        List<UUID> restarted = tenants(37);
        String topic = "many-tenants-it-" + UUID.randomUUID();
        ReadModelWriter first = new ReadModelWriter(database, topic, null, null);
        first.apply(PARTITION, round(continued, 0), List.of(), 37);
        first.apply(PARTITION, round(continued, 37), List.of(), 74);
        String otherTopic = "many-tenants-it-" + UUID.randomUUID();
        new ReadModelWriter(database, otherTopic, null, null).apply(PARTITION, round(restarted, 0), List.of(), 37);
        new ReadModelWriter(database, otherTopic, null, null).apply(PARTITION, round(restarted, 37), List.of(), 74);

        String chain = "SELECT string_agg(kafka_offset || ':' || chain, ',' ORDER BY kafka_offset) FROM context_events";
        for (int i = 0; i < continued.size(); i++) {
            assertThat(count(restarted.get(i), "SELECT events FROM tenant_streams")).isEqualTo(2);
            assertThat(text(restarted.get(i), chain)).as("tenant %d", i).isEqualTo(text(continued.get(i), chain));
            assertThat(text(restarted.get(i), "SELECT chain_head FROM tenant_streams"))
                    .isEqualTo(text(continued.get(i), "SELECT chain_head FROM tenant_streams"));
        }
    }

    /** The two tenants' events hold the same chain values at the same offsets, and their streams the same head. */
    private void assertSameChains(UUID tenant, UUID other) {
        for (String sql : List.of("SELECT string_agg(kafka_offset || ':' || chain, ',' ORDER BY kafka_offset) FROM context_events",
                "SELECT chain_head || '/' || events FROM tenant_streams")) {
            assertThat(text(tenant, sql)).as(sql).isEqualTo(text(other, sql)).isNotNull();
        }
    }

    /** One event of each tenant, at offsets from {@code from} on; the n-th tenant's title is the same in every list. */
    private static List<LoggedEvent> round(List<UUID> tenants, int from) {
        return IntStream.range(0, tenants.size()).mapToObj(i -> new LoggedEvent(PARTITION, from + i,
                ProjectorFixture.decision(tenants.get(i), "title " + (from + i)))).toList();
    }

    private static List<LoggedEvent> afterDeletion(UUID tenant, int... offsets) {
        return IntStream.of(offsets).mapToObj(offset -> new LoggedEvent(PARTITION, offset,
                ProjectorFixture.decision(tenant, "title " + offset))).toList();
    }

    /** A poll of a many-tenant log moves hundreds of tenants at once; a listener must hear of every one (ADR 38). */
    @Test
    void aCommitThatMovesAThousandTenantsWakesAListenerForEachOfThemAtItsPosition() throws Exception {
        DatabaseSettings settings = infrastructure.settings(ServiceRole.PROJECTOR);
        try (Connection listening = DriverManager.getConnection(settings.url(), settings.username(), settings.password())) {
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + ProjectionSignal.CHANNEL);
            }
            List<UUID> tenants = tenants(1000);
            List<LoggedEvent> log = new ArrayList<>();
            tenants.forEach(tenant -> log.add(new LoggedEvent(PARTITION, log.size(), ProjectorFixture.decision(tenant, "a"))));

            writer.apply(PARTITION, log, List.of(), log.size());

            Map<UUID, Long> heard = new HashMap<>();
            Set<UUID> ours = Set.copyOf(tenants); // other tests share the channel
            PGConnection notifications = listening.unwrap(PGConnection.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                for (PGNotification notification : notifications.getNotifications(100)) {
                    ProjectionSignal.parse(notification.getParameter()).filter(signal -> ours.contains(signal.tenant()))
                            .ifPresent(signal -> assertThat(heard.put(signal.tenant(), signal.position())).isNull());
                }
                return heard.size() == ours.size();
            });
            assertThat(heard).allSatisfy((tenant, position) -> assertThat(position).isEqualTo(1000L));
        }
    }

    private static List<UUID> tenants(int count) {
        return IntStream.range(0, count).mapToObj(i -> UUID.randomUUID()).toList();
    }

    private long count(UUID tenant, String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query(Long.class).single());
    }

    private String text(UUID tenant, String sql) {
        return database.inTenant(tenant, jdbc -> jdbc.sql(sql).query(String.class).optional().orElse(null));
    }
}
