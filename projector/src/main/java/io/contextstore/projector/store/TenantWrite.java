package io.contextstore.projector.store;

import io.contextstore.events.ContextEvent;
import io.contextstore.platform.db.MultiRowInsert;
import io.contextstore.platform.db.MultiRowInsert.Fragment;
import io.contextstore.platform.stats.SyncCounts;
import io.contextstore.projector.projection.KeptEvent;
import io.contextstore.projector.projection.TenantPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGStatement;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one tenant's part of a batch in as few round trips as possible: the events, their typed
 * rows, the tasks' latest states and the chain head travel as data-modifying CTEs of
 * one statement (one per 1,000 events), which answers how many events it inserted. Fewer than planned
 * means an earlier copy of an event (same id) was already there.
 */
final class TenantWrite {

    private static final int EVENTS_PER_STATEMENT = ReadModelWriter.EVENTS_PER_STATEMENT;
    /**
     * A tenant statement's text changes with the number of events the tenant has in a poll, and with a few tenants a
     * poll, each number comes round only a few times. At pgjdbc's default (a text becomes a server-side prepared
     * statement at its fifth use) PostgreSQL parsed and planned most of them afresh; prepared at the first use, a text
     * is parsed once per connection (ADR 7).
     */
    private static final int PREPARE_AT_USE = 1;
    private static final String NO_EVENTS = "SELECT 1 WHERE false";
    /** Statements' texts by their parts' texts, the most recently used; at most 128 of at most 32,768 characters. */
    private static final int KEPT_LENGTH = 32_768;
    private static final Map<List<String>, String> TEXTS = Collections.synchronizedMap(
            new LinkedHashMap<List<String>, String>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<String>, String> eldest) {
                    return size() > 128;
                }
            });
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final SQLErrorCodeSQLExceptionTranslator TRANSLATOR = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    private static final MultiRowInsert<KeptEvent> CONTEXT_EVENTS = MultiRowInsert.<KeptEvent>into("context_events",
            kept -> {
                ContextEvent e = kept.event();
                String readHash = kept.logged().readHash();
                return new Object[] {e.getTenantId(), kept.offset(), kept.logged().partition(), e.getEventId(),
                        readHash, readHash.equals(e.getContentHash()) ? null : e.getContentHash(),
                        kept.kind().wireName(), e.getUserId(), e.getDeviceId(), kept.privateTo(), kept.projectScope(),
                        e.getProjectId(), e.getClientSeq(), e.getOccurredAt(), e.getReceivedAt(),
                        JSON.writeValueAsString(kept.data()), kept.chain()};
            }, "tenant_id", "kafka_offset", "kafka_partition", "event_id", "content_hash", "log_hash", "kind", "user_id",
            "device_id", "private_to", "project_scope", "project_id", "client_seq", "occurred_at", "received_at", "data::jsonb",
            "chain")
            .then("ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING 1");

    /** The rows after the checkpoint, up to the new one, counted into sync_stats; the checkpoint moved there. */
    static final String MOVE_CHECKPOINT = """
            WITH counted AS (
                INSERT INTO sync_stats (tenant_id, kind, private_to, project_scope, events, last_offset)
                %s
                ON CONFLICT (tenant_id, kind, private_to, project_scope) DO UPDATE
                    SET events = sync_stats.events + excluded.events,
                        last_offset = greatest(sync_stats.last_offset, excluded.last_offset))
            UPDATE tenant_streams SET counted_to = ? WHERE tenant_id = ?""".formatted(SyncCounts.countRows(
            "tenant_id = ? AND kafka_offset > (SELECT counted_to FROM tenant_streams WHERE tenant_id = ?) AND kafka_offset <= ?"));

    private TenantWrite() {
    }

    /** Returns how many of the plan's kept events were inserted. */
    static int write(Connection connection, TenantScope scope, TenantPlan plan) {
        UUID tenant = scope.tenant();
        int inserted = 0;
        List<KeptEvent> kept = plan.kept();
        List<KeptEvent> states = plan.latestStates();
        if (kept.isEmpty()) { // only unreadable (erased) events: the chain moves, nothing else (ADR 33)
            inserted = execute(connection, scope, null, List.of(stream(tenant, plan)));
        }
        for (int from = 0; from < kept.size(); from += EVENTS_PER_STATEMENT) {
            List<KeptEvent> chunk = kept.subList(from, Math.min(kept.size(), from + EVENTS_PER_STATEMENT));
            List<Fragment> parts = new ArrayList<>(TypedRows.fragments(chunk));
            if (from + EVENTS_PER_STATEMENT >= kept.size()) {
                parts.addAll(TypedRows.stateFragments(states.subList(0, Math.min(states.size(), EVENTS_PER_STATEMENT))));
                parts.add(stream(tenant, plan));
            }
            inserted += execute(connection, scope, CONTEXT_EVENTS.fragment(chunk), parts);
        }
        // states beyond the last statement's thousand go in statements of their own: a full poll of one tenant's tasks
        // would bind more parameters than a statement may (MultiRowInsert.MOST_PARAMETERS; FullPollIT)
        for (int from = EVENTS_PER_STATEMENT; from < states.size(); from += EVENTS_PER_STATEMENT) {
            execute(connection, scope, null, TypedRows.stateFragments(
                    states.subList(from, Math.min(states.size(), from + EVENTS_PER_STATEMENT))));
        }
        if (plan.movesCheckpoint()) {
            moveCheckpoint(connection, tenant, plan.countedTo());
        }
        return inserted;
    }

    /**
     * Counts the tenant's rows after its statistics checkpoint up to the new one into sync_stats, and moves it there
     * (ADR 49): a statement of its own, after the rows are written, once every {@link
     * io.contextstore.projector.projection.ProjectionPlanner#CHECKPOINT_EVERY} events of the tenant.
     */
    private static void moveCheckpoint(Connection connection, UUID tenant, long countedTo) {
        try (PreparedStatement prepared = connection.prepareStatement(MOVE_CHECKPOINT)) {
            MultiRowInsert.bind(prepared, moveCheckpointParameters(tenant, countedTo));
            prepared.executeUpdate();
        } catch (SQLException e) {
            throw TRANSLATOR.translate("move the statistics checkpoint", MOVE_CHECKPOINT, e);
        }
    }

    /** @param events the context_events insert, or null when the statement inserts no event */
    private static int execute(Connection connection, TenantScope scope, Fragment events, List<Fragment> parts) {
        boolean carries = scope.carry();
        List<String> texts = new ArrayList<>(parts.size() + 2);
        List<Object> parameters = new ArrayList<>();
        texts.add(carries ? TenantScope.SET : "");
        if (carries) {
            parameters.add(scope.tenant().toString());
        }
        texts.add(events == null ? NO_EVENTS : events.sql());
        parameters.addAll(events == null ? List.of() : events.parameters());
        for (Fragment part : parts) {
            texts.add(part.sql());
            parameters.addAll(part.parameters());
        }
        String sql = text(texts);
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            prepared.unwrap(PGStatement.class).setPrepareThreshold(PREPARE_AT_USE);
            MultiRowInsert.bind(prepared, parameters);
            prepared.execute();
            if (carries) {
                prepared.getMoreResults();
            }
            try (ResultSet rs = prepared.getResultSet()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw TRANSLATOR.translate("write the read model", sql, e);
        }
    }

    /**
     * The statement for its parts' texts: the setting's prefix (or none), the events' insert, then the other parts.
     * Made once for each shape of a small statement, whose parts' texts {@link MultiRowInsert} makes once too: the
     * same string each time is neither built nor hashed again, here or by pgjdbc's cache of prepared statements.
     */
    private static String text(List<String> parts) {
        String kept = TEXTS.get(parts);
        if (kept != null) {
            return kept;
        }
        StringBuilder sql = new StringBuilder(parts.get(0)).append("WITH inserted AS (").append(parts.get(1)).append(')');
        for (int i = 2; i < parts.size(); i++) {
            sql.append(", part").append(i - 2).append(" AS (").append(parts.get(i)).append(')');
        }
        String made = sql.append(" SELECT count(*) FROM inserted").toString();
        if (made.length() <= KEPT_LENGTH) {
            TEXTS.put(List.copyOf(parts), made);
        }
        return made;
    }

    static List<Object> moveCheckpointParameters(UUID tenant, long countedTo) {
        return List.of(tenant, tenant, countedTo, countedTo, tenant);
    }

    /** The tenant's chain head and count; its last offset also tells the search indexer how far to index (ADR 44). */
    private static Fragment stream(UUID tenant, TenantPlan plan) {
        return new Fragment("""
                INSERT INTO tenant_streams (tenant_id, kafka_partition, chain_head, events, last_offset)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET chain_head = excluded.chain_head, events = excluded.events,
                    last_offset = excluded.last_offset, kafka_partition = excluded.kafka_partition""",
                List.of(tenant, plan.partition(), plan.chainHead(), plan.events(), plan.lastOffset()));
    }
}
