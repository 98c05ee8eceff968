package io.contextstore.stack.audit;

import io.contextstore.events.EventKind;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tables the projector derives from the log, and nothing else: tenants, license keys, the
 * dedup index and audit grants are not in the log and are never rebuilt or swapped.
 */
final class ReadModelTables {

    /** How rows of a tenant table are identified and ordered for a comparison. */
    record Table(String name, String key, boolean byOffset) {

        /** The key as text, ordered byte-wise (collation "C") so both sides and Java agree on the order. */
        String orderBy() {
            return byOffset ? key : key + " COLLATE \"C\"";
        }
    }

    /** Per-tenant tables, compared tenant by tenant: context_events first (its key is the log offset), each kind's table. */
    static final List<Table> TENANT_TABLES = Stream.of(
            Stream.of(new Table("context_events", "kafka_offset", true)),
            Stream.of(EventKind.values()).map(ReadModelTables::kindTable),
            Stream.of(new Table("item_versions", "kafka_offset", true),
                    new Table("sync_stats", "kind || '/' || private_to || '/' || project_scope", false),
                    new Table("tenant_streams", "tenant_id::text", false)))
            .flatMap(s -> s).toList();

    /** Partition-level, not tenant data: compared once, when every tenant is verified. */
    static final Table FAILURES = new Table("projection_failures",
            "topic || '/' || kafka_partition || '/' || lpad(kafka_offset::text, 20, '0')", false);

    /**
     * Every table a live rebuild swaps, in the order the switch locks them: the offsets first,
     * as the projector does, then what pulls read, then the rest.
     */
    static final List<String> SWAPPED = Stream.of(Stream.of("projector_offsets", "tenant_streams", "context_events"),
            Stream.of(EventKind.values()).map(EventKind::table), Stream.of("item_versions", "sync_stats", "projection_failures"))
            .flatMap(s -> s).toList();

    /** A kind's table: rows of a content kind by offset; a state kind's by user and entity. */
    private static Table kindTable(EventKind kind) {
        return kind.isState()
                ? new Table(kind.table(), "user_id || '/' || " + String.join(" || '/' || ", kind.entityFields()), false)
                : new Table(kind.table(), "kafka_offset", true);
    }

    private ReadModelTables() {
    }
}
