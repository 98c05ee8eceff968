package io.contextstore.client.tiers;

import io.contextstore.client.items.Kind;
import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Each kind's local table, derived from the catalogue ({@link EventKind}), so a new kind needs no tier
 * migration: on open, after the numbered {@link Migrations}, a kind of the tier whose table is missing gets
 * it, and a field the table has no column for gets one. The tables the numbered migrations made (the kinds
 * of release 1 to 5) already have every column, so for them this does nothing and their shape stays exactly
 * as released. A numbered migration never refers to a table made here: on a fresh file it would run first.
 *
 * <p>The shape is the one {@link RowWriter} writes: the common columns, then a column per field (counts as
 * INTEGER, the rest TEXT). Content kinds are keyed by content hash; states of a state kind may repeat (ADR 2),
 * so they are keyed by the server's event id and indexed by entity. A searchable kind also gets its full-text
 * index ({@link FullTextMigration#index}: title and body fields, and tags).
 */
final class KindTables {

    private KindTables() {
    }

    /** A kind's table as the catalogue describes it. */
    record Table(String name, List<Column> fields, List<String> entity, List<String> searched) {

        static Table of(EventKind kind) {
            return new Table(kind.localTable(), kind.fields().stream().map(Column::of).toList(), kind.entityFields(),
                    Kind.of(kind).searched());
        }

        /** The statements that create it, its indexes and its full-text index. */
        List<String> create() {
            String columns = fields.stream().map(Column::definition).collect(Collectors.joining(", "));
            List<String> sql = new ArrayList<>();
            if (entity.isEmpty()) {
                sql.add(Migrations.contentTable(name, columns));
            } else {
                sql.add("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY AUTOINCREMENT, content_hash TEXT NOT NULL,"
                        + " event_id TEXT UNIQUE, cursor INTEGER, project_id TEXT, user_id TEXT, device_id TEXT,"
                        + " occurred_at TEXT, received_at TEXT, origin TEXT NOT NULL, " + columns + ")");
                sql.add("CREATE INDEX " + name + "_by_entity ON " + name + " (" + String.join(", ", entity) + ")");
                sql.add("CREATE INDEX " + name + "_by_hash ON " + name + " (content_hash)");
            }
            if (!searched.isEmpty()) {
                sql.addAll(FullTextMigration.index(name, searched.toArray(String[]::new)));
            }
            return sql;
        }
    }

    /** A field's column. */
    record Column(String name, String type) {

        static Column of(FieldRule rule) {
            return new Column(rule.name(), rule.type() == FieldRule.Type.COUNT ? "INTEGER" : "TEXT");
        }

        String definition() {
            return name + " " + type;
        }
    }

    static List<Table> of(Tier tier) {
        return Arrays.stream(EventKind.values()).filter(kind -> kind.tier().name().equals(tier.name())).map(Table::of).toList();
    }

    /**
     * One read: the file's {@code user_version}, and whether every kind's table has every field's column.
     * Costs a look at the schema only, so the common open stays one statement and takes no lock.
     */
    static String probe(Tier tier) {
        String expected = quoted(expected(tier).stream());
        String tables = quoted(of(tier).stream().map(Table::name));
        return "SELECT (SELECT user_version FROM pragma_user_version), "
                + (expected.isEmpty() ? "1" : "(SELECT count(*) FROM sqlite_schema m, pragma_table_info(m.name) p"
                + " WHERE m.type = 'table' AND m.name IN (" + tables + ") AND m.name || '.' || p.name IN (" + expected
                + ")) = " + expected(tier).size());
    }

    /** What makes the file's kind tables match the catalogue: the missing tables, then the missing columns. */
    static List<String> missing(Connection connection, Tier tier) throws SQLException {
        Set<String> present = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT m.name || '.' || p.name FROM sqlite_schema m,"
                     + " pragma_table_info(m.name) p WHERE m.type = 'table'")) {
            while (rows.next()) {
                present.add(rows.getString(1));
            }
        }
        List<String> sql = new ArrayList<>();
        for (Table table : of(tier)) {
            if (!present.contains(table.name() + ".id")) {
                sql.addAll(table.create());
                continue;
            }
            table.fields().stream().filter(field -> !present.contains(table.name() + "." + field.name()))
                    .forEach(field -> sql.add("ALTER TABLE " + table.name() + " ADD COLUMN " + field.definition()));
        }
        return sql;
    }

    private static String quoted(Stream<String> names) {
        return names.map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    private static Set<String> expected(Tier tier) {
        return of(tier).stream().flatMap(table -> Stream.concat(Stream.of("id"), table.fields().stream().map(Column::name))
                .map(column -> table.name() + "." + column)).collect(Collectors.toSet());
    }
}
