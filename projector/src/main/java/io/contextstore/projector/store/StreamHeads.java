package io.contextstore.projector.store;

import io.contextstore.projector.projection.TenantState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.postgresql.PGStatement;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;

/**
 * Reads the stream heads (chain head, event count) of the tenants a writer remembers nothing of, several tenants a
 * round trip, each tenant's read under its own row-level security setting. After a restart or a rebalance every
 * tenant of a partition is new to the writer, and a read of its own cost a tenant two round trips (the setting, the
 * read) before its write; here sixteen tenants share one (ADR 51).
 */
final class StreamHeads {

    /** Tenants a round trip, at most. */
    private static final int TENANTS_PER_TRIP = 16;
    private static final String READ = TenantScope.SET + "SELECT chain_head, events FROM tenant_streams WHERE tenant_id = ?";
    /**
     * A trip's text by its number of tenants. A trip of fewer tenants is padded (its last tenant read again) to the
     * next power of two, so a connection prepares five texts, not sixteen.
     */
    private static final Map<Integer, String> TEXTS = IntStream.rangeClosed(0, Integer.numberOfTrailingZeros(TENANTS_PER_TRIP))
            .map(power -> 1 << power).boxed()
            .collect(Collectors.toUnmodifiableMap(size -> size, size -> String.join(";", Collections.nCopies(size, READ))));
    private static final SQLErrorCodeSQLExceptionTranslator TRANSLATOR = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");

    private StreamHeads() {
    }

    /**
     * Each tenant's state as the read model holds it (the genesis for a tenant it has no stream of), with no event ids
     * known. Leaves the transaction set to the last tenant read, so the next statement must set its own.
     */
    static Map<UUID, TenantState> read(Connection connection, List<UUID> tenants) {
        Map<UUID, TenantState> heads = new HashMap<>();
        for (int from = 0; from < tenants.size(); from += TENANTS_PER_TRIP) {
            readTrip(connection, tenants.subList(from, Math.min(tenants.size(), from + TENANTS_PER_TRIP)), heads);
        }
        return heads;
    }

    /** The next power of two from {@code tenants} up: the size of the text a trip of that many tenants is sent with. */
    private static int padded(int tenants) {
        return tenants <= 1 ? 1 : Integer.highestOneBit(tenants - 1) << 1;
    }

    private static void readTrip(Connection connection, List<UUID> tenants, Map<UUID, TenantState> heads) {
        int size = padded(tenants.size());
        String sql = TEXTS.get(size);
        try (PreparedStatement prepared = connection.prepareStatement(sql)) {
            prepared.unwrap(PGStatement.class).setPrepareThreshold(1);
            for (int i = 0; i < size; i++) {
                UUID tenant = tenants.get(Math.min(i, tenants.size() - 1));
                prepared.setString(2 * i + 1, tenant.toString());
                prepared.setObject(2 * i + 2, tenant);
            }
            prepared.execute(); // the first tenant's setting
            for (int i = 0; i < size; i++) {
                prepared.getMoreResults();
                try (ResultSet head = prepared.getResultSet()) {
                    heads.put(tenants.get(Math.min(i, tenants.size() - 1)), head.next()
                            ? new TenantState(head.getString(1), head.getLong(2), Set.of())
                            : TenantState.empty());
                }
                prepared.getMoreResults(); // the next tenant's setting
            }
        } catch (SQLException e) {
            throw TRANSLATOR.translate("read the tenants' stream heads", sql, e);
        }
    }
}
