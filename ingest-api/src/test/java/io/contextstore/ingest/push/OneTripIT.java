package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.OneTrip;
import io.contextstore.platform.db.DatabaseSettings;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.RowMapperResultSetExtractor;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.SingleColumnRowMapper;

/**
 * What a push's round trips rest on (Database.inTenantInOneTrip), on real PostgreSQL as the ingest role: the
 * statements sent in one round trip see the tenant's setting, commit together or not at all (whatever the driver's
 * Syncs), leave nothing of the tenant on the pooled connection, and a reader's trip writes nothing.
 */
class OneTripIT {

    private static final Infrastructure infrastructure = Infrastructure.shared();
    private static final Tenants tenants = new Tenants(infrastructure);
    /** One connection, so the next use of the pool is the same session. */
    private static final Database database = Database.connect(onePooledConnection(), "one-trip-it");

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void theStatementsOfOneTripRunAsTheTenantAndCommitTogether() {
        UUID tenant = tenants.create("alice").tenantId();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        OneTrip.Statement<List<UUID>> one = entry(tenant, first, 0);
        OneTrip.Statement<List<UUID>> two = entry(tenant, second, 1);

        OneTrip.Answers answers = database.inTenantInOneTrip(tenant, List.of(one, two));

        assertThat(answers.of(one)).as("each statement's own rows").containsExactly(first);
        assertThat(answers.of(two)).containsExactly(second);
        assertThat(indexed(tenant)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void aStatementThatFailsLeavesNothingOfTheTrip() {
        UUID tenant = tenants.create("alice").tenantId();
        UUID written = UUID.randomUUID();

        assertThatThrownBy(() -> database.inTenantInOneTrip(tenant, List.of(entry(tenant, written, 0),
                OneTrip.Statement.write("SELECT 1 / (SELECT count(*) FROM dedup_index WHERE false)", List.of()))))
                .isInstanceOf(DataAccessException.class);

        assertThat(indexed(tenant)).as("the first statement's row was rolled back with the second").isEmpty();
    }

    @Test
    void anotherTenantsRowIsRefusedAndTheTenantDoesNotOutliveTheTrip() {
        UUID tenant = tenants.create("alice").tenantId();
        UUID other = tenants.create("bob").tenantId();

        assertThatThrownBy(() -> database.inTenantInOneTrip(tenant, List.of(entry(other, UUID.randomUUID(), 0))))
                .as("row-level security checks the trip's rows against its tenant").isInstanceOf(DataAccessException.class);
        database.inTenantInOneTrip(tenant, List.of(entry(tenant, UUID.randomUUID(), 0)));

        String left = database.withoutTenant(jdbc -> jdbc.sql("SELECT coalesce(current_setting('app.tenant_id', true), '')")
                .query(String.class).single());
        assertThat(left).as("the setting on the same pooled connection afterwards").isEmpty();
        assertThat(indexed(other)).isEmpty();
    }

    @Test
    void aParameterWithoutATypeStillLeavesEveryStatementInTheTripsTransaction() {
        UUID tenant = tenants.create("alice").tenantId();
        OneTrip.Statement<Void> untyped = OneTrip.Statement.write("SELECT ?::text[]",
                List.of(new SqlParameterValue(Types.ARRAY, null)));

        // past the driver's prepare threshold (5 uses), where such a parameter makes it send each statement apart
        for (int use = 0; use < 8; use++) {
            UUID id = UUID.randomUUID();
            database.inTenantInOneTrip(tenant, List.of(untyped, entry(tenant, id, use)));
            assertThat(indexed(tenant)).as("use " + use + ": the insert ran as the tenant").contains(id);
        }
    }

    @Test
    void aReadersTripIsReadOnly() {
        UUID tenant = tenants.create("alice").tenantId();

        assertThatThrownBy(() -> database.readAsInOneTrip(tenant, "alice", "member",
                List.of(entry(tenant, UUID.randomUUID(), 0))))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("read-only transaction");
        assertThat(indexed(tenant)).isEmpty();
    }

    @Test
    void insideATransactionItIsRefusedRatherThanJoiningIt() {
        UUID tenant = tenants.create("alice").tenantId();

        assertThatThrownBy(() -> database.inTenant(tenant, jdbc -> database.inTenantInOneTrip(tenant,
                List.of(entry(tenant, UUID.randomUUID(), 0)))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(indexed(tenant)).isEmpty();
    }

    private static OneTrip.Statement<List<UUID>> entry(UUID tenant, UUID eventId, long offset) {
        return new OneTrip.Statement<>("""
                INSERT INTO dedup_index (tenant_id, event_id, content_hash, kafka_partition, kafka_offset)
                VALUES (?, ?, ?, 0, ?) RETURNING event_id""", List.of(tenant, eventId, eventId.toString().replace("-", "").repeat(2), offset),
                new RowMapperResultSetExtractor<>(new SingleColumnRowMapper<>(UUID.class)));
    }

    private static List<UUID> indexed(UUID tenant) {
        return database.readInTenant(tenant, jdbc -> jdbc.sql("SELECT event_id FROM dedup_index WHERE tenant_id = ?")
                .param(tenant).query(UUID.class).list());
    }

    private static DatabaseSettings onePooledConnection() {
        DatabaseSettings ingest = infrastructure.settings(ServiceRole.INGEST);
        return new DatabaseSettings(ingest.url(), ingest.username(), ingest.password(), 1, ingest.connectionTimeout());
    }
}
