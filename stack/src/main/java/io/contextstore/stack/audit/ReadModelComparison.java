package io.contextstore.stack.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Compares one tenant's rows of one table in two schemas: row counts, a checksum over the ordered
 * rows, and the first key (for offset-keyed tables, the first log offset) where they differ. Each
 * side streams (key, md5 of the whole row) in key order from its own connection, so the two sides
 * may be read in different snapshots; rows are never held in memory.
 */
final class ReadModelComparison {

    /** One table of one tenant, compared. {@code firstDifference} is null when the two are identical. */
    record TableResult(String table, String tenant, long liveRows, long rebuiltRows, String liveChecksum,
                       String rebuiltChecksum, String firstDifference) {

        boolean identical() {
            return firstDifference == null;
        }

        String describe() {
            if (identical()) {
                return table + " of tenant " + tenant + ": " + liveRows + " rows, identical (" + liveChecksum.substring(0, 16) + ")";
            }
            return table + " of tenant " + tenant + " differs: live " + liveRows + " rows (checksum "
                    + liveChecksum.substring(0, 16) + "), rebuilt from the log " + rebuiltRows + " rows (checksum "
                    + rebuiltChecksum.substring(0, 16) + "); first difference at " + firstDifference;
        }
    }

    private static final int FETCH_SIZE = 5000;

    private ReadModelComparison() {
    }

    /**
     * Both connections must be in a transaction (a cursor needs one) and may read both schemas
     * under row-level security; {@code tenant} null compares a table that has no tenant column.
     */
    static TableResult compare(ReadModelTables.Table table, UUID tenant, Connection live, String liveSchema,
                               Connection rebuilt, String rebuiltSchema) throws SQLException {
        try (Side left = new Side(live, liveSchema, table, tenant); Side right = new Side(rebuilt, rebuiltSchema, table, tenant)) {
            String first = null;
            while (left.current != null || right.current != null) {
                int order = order(table, left.current, right.current);
                if (order == 0 && !left.current[1].equals(right.current[1]) && first == null) {
                    first = keyName(table, left.current[0]) + " (the row differs)";
                } else if (order < 0 && first == null) {
                    first = keyName(table, left.current[0]) + " (only in the live read model)";
                } else if (order > 0 && first == null) {
                    first = keyName(table, right.current[0]) + " (missing from the live read model)";
                }
                if (order <= 0) {
                    left.next();
                }
                if (order >= 0) {
                    right.next();
                }
            }
            String leftSum = left.checksum();
            String rightSum = right.checksum();
            if (first == null && !leftSum.equals(rightSum)) {
                first = "an unknown key (checksums differ)";
            }
            return new TableResult(table.name(), tenant == null ? "(all)" : tenant.toString(), left.count, right.count,
                    leftSum, rightSum, first);
        }
    }

    private static String keyName(ReadModelTables.Table table, String key) {
        return (table.byOffset() ? "offset " : table.key() + " = ") + key;
    }

    /** Byte-wise for text keys, as collation "C" orders them; numeric for offsets. Missing sorts last. */
    private static int order(ReadModelTables.Table table, String[] left, String[] right) {
        if (left == null) {
            return 1;
        }
        if (right == null) {
            return -1;
        }
        if (table.byOffset()) {
            return Long.compare(Long.parseLong(left[0]), Long.parseLong(right[0]));
        }
        return Arrays.compareUnsigned(left[0].getBytes(StandardCharsets.UTF_8), right[0].getBytes(StandardCharsets.UTF_8));
    }

    /** One side's rows in key order, with a running count and SHA-256 over (key, row hash). */
    private static final class Side implements AutoCloseable {
        private final PreparedStatement statement;
        private final ResultSet resultSet;
        private final MessageDigest digest;
        private String[] current;
        private long count;

        Side(Connection connection, String schema, ReadModelTables.Table table, UUID tenant) throws SQLException {
            if (tenant != null) {
                try (PreparedStatement scope = connection.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                    scope.setString(1, tenant.toString());
                    scope.execute();
                }
            }
            String where = tenant == null ? "" : " WHERE tenant_id = ?";
            // names come from ReadModelTables and the operator's schema option, quoted as identifiers
            statement = connection.prepareStatement("SELECT (" + table.key() + ")::text, md5(t::text) FROM "
                    + quote(schema) + "." + quote(table.name()) + " t" + where + " ORDER BY " + table.orderBy());
            if (tenant != null) {
                statement.setObject(1, tenant);
            }
            statement.setFetchSize(FETCH_SIZE);
            this.resultSet = statement.executeQuery();
            this.digest = sha256();
            next();
        }

        void next() throws SQLException {
            if (resultSet.next()) {
                current = new String[] {resultSet.getString(1), resultSet.getString(2)};
                digest.update((current[0] + ':' + current[1] + '\n').getBytes(StandardCharsets.UTF_8));
                count++;
            } else {
                current = null;
            }
        }

        String checksum() {
            return HexFormat.of().formatHex(digest.digest());
        }

        @Override
        public void close() throws SQLException {
            statement.close();
        }
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
