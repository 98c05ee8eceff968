package io.contextstore.client.tiers;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each kind's local table follows from the catalogue (real SQLite files): fresh tier files have a table for
 * every kind, with a column per field and its full-text index when it is searchable; the table the catalogue
 * describes is the one the released migrations made; and a kind whose table a file lacks gets it on open,
 * with no migration written for it, and its rows are written and searched there.
 */
class KindTablesIT {

    private static final List<String> COMMON = List.of("id", "content_hash", "event_id", "cursor", "project_id", "user_id",
            "device_id", "occurred_at", "received_at", "origin");

    @TempDir
    Path home;

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void freshTierFilesHaveEveryKindsTableWithAColumnPerFieldAndItsFullTextIndex(EventKind kind) throws SQLException {
        Tier tier = Tier.valueOf(kind.tier().name());
        TierDatabase.open(home, tier).close();

        try (Connection file = connect(tier)) {
            List<String> columns = Stream.concat(COMMON.stream(), Kind.of(kind).fields().stream()).toList();
            assertThat(columns(file, kind.localTable())).as("the local table of " + kind).extracting(c -> c.get(0))
                    .containsExactlyElementsOf(columns);
            List<String> searched = KindTables.Table.of(kind).searched();
            assertThat(columns(file, kind.localTable() + "_fts")).extracting(c -> c.get(0)).containsExactlyElementsOf(searched);
            assertThat(searched.isEmpty()).isEqualTo(!kind.searchText().searchable());
        }
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void theTableTheCatalogueDescribesIsTheOneTheReleasedMigrationsMade(EventKind kind) throws SQLException {
        Tier tier = Tier.valueOf(kind.tier().name());
        TierDatabase.open(home, tier).close();

        try (Connection released = connect(tier);
             Connection derived = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("derived.db"))) {
            execute(derived, KindTables.Table.of(kind).create());
            assertThat(columns(derived, kind.localTable())).isEqualTo(columns(released, kind.localTable()));
        }
    }

    @ParameterizedTest
    @EnumSource(Tier.class)
    void aCurrentFileIsSeenCurrentByTheOneReadOfAnOpenSoTheOpenTakesNoLock(Tier tier) throws SQLException {
        TierDatabase.open(home, tier).close();

        try (Connection file = connect(tier); Statement statement = file.createStatement();
             ResultSet probe = statement.executeQuery(KindTables.probe(tier))) {
            probe.next();
            assertThat(probe.getInt(1)).isEqualTo(TierDatabase.latestVersion(tier));
            assertThat(probe.getBoolean(2)).isTrue();
        }
        if (tier != Tier.PLATFORM) {
            String table = KindTables.of(tier).get(0).name();
            try (Connection file = connect(tier)) {
                execute(file, List.of("ALTER TABLE " + table + " RENAME TO " + table + "_kept"));
            }
            try (Connection file = connect(tier); Statement statement = file.createStatement();
                 ResultSet probe = statement.executeQuery(KindTables.probe(tier))) {
                probe.next();
                assertThat(probe.getBoolean(2)).as("without the table of " + table).isFalse();
            }
        }
    }

    @Test
    void aStateKindWhoseTableIsMissingGetsItOnOpenAndItsStatesAreWrittenThere() throws SQLException {
        TierDatabase.open(home, Tier.SESSIONS).close();
        try (Connection file = connect(Tier.SESSIONS)) {
            execute(file, List.of("DROP TABLE tool_usage_events"));
        }

        try (TierDatabase sessions = TierDatabase.open(home, Tier.SESSIONS)) {
            sessions.inTransaction(c -> {
                try (RowWriter writer = new RowWriter(c)) {
                    Item item = Item.of(Kind.TOOL_ANALYTICS, Map.of("session_id", "s-1", "tool_name", "Bash", "calls", 3L), null);
                    writer.local(item, item.contentHash(), "alice", "laptop");
                    writer.pulled(new PulledEvent(7, "e-1", Kind.TOOL_ANALYTICS, "alice", "desktop", null, "h-2",
                            null, "2026-12-01T10:00:00Z", Map.of("session_id", "s-1", "tool_name", "Bash", "calls", 5L, "errors", 1L)));
                }
                return null;
            });
        }

        try (Connection file = connect(Tier.SESSIONS)) {
            assertThat(strings(file, "SELECT origin || ':' || calls || ':' || errors FROM tool_usage_events ORDER BY id"))
                    .containsExactly("local:3:0", "pull:5:1");
            assertThat(strings(file, "SELECT name FROM sqlite_schema WHERE tbl_name = 'tool_usage_events' AND type = 'index'"))
                    .contains("tool_usage_events_by_entity", "tool_usage_events_by_hash");
        }
    }

    @Test
    void aSearchableKindWhoseTableIsMissingGetsItAndItsFullTextIndexOnOpen() throws SQLException {
        TierDatabase.open(home, Tier.ORG).close();
        try (Connection file = connect(Tier.ORG)) {
            execute(file, List.of("DROP TABLE learnings_fts", "DROP TABLE learnings"));
        }

        try (TierDatabase org = TierDatabase.open(home, Tier.ORG)) {
            org.inTransaction(c -> {
                try (RowWriter writer = new RowWriter(c)) {
                    Item item = Item.of(Kind.LEARNING, Map.of("skill", "maven", "learning", "caching the build", "tags", List.of("ci")), null);
                    writer.local(item, item.contentHash(), null, null);
                }
                return null;
            });
        }

        try (Connection file = connect(Tier.ORG)) {
            assertThat(strings(file, "SELECT skill FROM learnings_fts WHERE learnings_fts MATCH 'cache'")).containsExactly("maven");
            assertThat(strings(file, "SELECT skill FROM learnings_fts WHERE learnings_fts MATCH 'tags:ci'")).containsExactly("maven");
        }
    }

    @Test
    void aFieldTheTableLacksGetsItsColumnOnOpenAndTheRestOfTheTableIsKept() throws SQLException {
        TierDatabase.open(home, Tier.SESSIONS).close();
        try (Connection file = connect(Tier.SESSIONS)) {
            execute(file, List.of("INSERT INTO tool_usage_events (content_hash, origin, session_id, tool_name, calls, errors)"
                    + " VALUES ('h', 'local', 's-1', 'Bash', 2, 1)", "ALTER TABLE tool_usage_events DROP COLUMN errors"));
        }

        TierDatabase.open(home, Tier.SESSIONS).close();

        try (Connection file = connect(Tier.SESSIONS)) {
            assertThat(strings(file, "SELECT tool_name || ':' || calls || ':' || coalesce(errors, 'none') FROM tool_usage_events"))
                    .containsExactly("Bash:2:none");
        }
    }

    private Connection connect(Tier tier) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + home.resolve(tier.fileName()));
    }

    /** Each column's name, type, not-null flag and primary-key position, in order. */
    private static List<List<String>> columns(Connection connection, String table) throws SQLException {
        List<List<String>> columns = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, type, \"notnull\", pk FROM pragma_table_info('" + table + "')")) {
            while (rows.next()) {
                columns.add(List.of(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
            }
        }
        return columns;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void execute(Connection connection, List<String> sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.executeUpdate(each);
            }
        }
    }
}
