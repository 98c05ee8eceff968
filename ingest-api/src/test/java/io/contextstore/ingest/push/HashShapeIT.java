package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.testing.Infrastructure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every column that holds a SHA-256 takes 64 lower-case hex digits and nothing else (V18's domain, which replaced a
 * pattern that cost more than the rest of a dedup-index row). Each statement runs in a transaction that is rolled back.
 */
class HashShapeIT {

    private static final String HASH = "0123456789abcdef".repeat(4);
    private static final String[] COLUMNS = {
            "INSERT INTO dedup_index (tenant_id, content_hash, event_id, kafka_partition, kafka_offset)"
                    + " VALUES (?, ?, gen_random_uuid(), 0, 0)",
            "INSERT INTO entity_heads (tenant_id, content_hash, user_id, entity, event_id, kafka_partition, kafka_offset)"
                    + " VALUES (?, ?, 'alice', 'task/1', gen_random_uuid(), 0, 0)",
            "WITH t AS (INSERT INTO tenants (tenant_id, name) VALUES (?, 'shape') RETURNING tenant_id)"
                    + " INSERT INTO license_keys (key_id, tenant_id, user_id, key_hash, key_hint)"
                    + " SELECT gen_random_uuid(), tenant_id, 'alice', ?, 'ck_…' FROM t"};

    private final Infrastructure infrastructure = Infrastructure.shared();

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aHashOfSixtyFourLowerCaseHexDigitsIsTaken(int column) throws SQLException {
        assertThat(insert(column, HASH)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "63", "65", "upper", "g", "space", "newline", "dash", "non-ascii"})
    void anythingElseIsRefusedByEveryHashColumn(String shape) {
        String hash = switch (shape) {
            case "" -> "";
            case "63" -> HASH.substring(1);
            case "65" -> HASH + "0";
            case "upper" -> HASH.toUpperCase();
            case "g" -> "g" + HASH.substring(1);
            case "space" -> " " + HASH.substring(1);
            case "newline" -> HASH.substring(1) + "\n";
            case "dash" -> HASH.substring(0, 32) + "-" + HASH.substring(33);
            case "non-ascii" -> "é" + HASH.substring(1);
            default -> throw new IllegalArgumentException(shape);
        };
        for (int column = 0; column < COLUMNS.length; column++) {
            int c = column;
            assertThatThrownBy(() -> insert(c, hash)).as(COLUMNS[c]).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("check violation").isEqualTo("23514"));
        }
    }

    private int insert(int column, String hash) throws SQLException {
        UUID tenant = UUID.randomUUID();
        try (Connection c = infrastructure.superuserConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(COLUMNS[column])) {
                s.setObject(1, tenant);
                s.setString(2, hash);
                return s.executeUpdate();
            } finally {
                c.rollback();
            }
        }
    }
}
