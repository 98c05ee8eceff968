package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.EventKind;
import io.contextstore.events.FieldRule;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kind of the catalogue has what the running system needs of it: a read-model table with its columns and a list endpoint. */
class KindCatalogueIT {

    private final RunningServices services = RunningServices.shared();

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void aKindHasItsTableWithAColumnPerFieldUnderForcedRowLevelSecurity(EventKind kind) throws Exception {
        Set<String> columns = new HashSet<>();
        boolean forced;
        try (Connection owner = services.infrastructure().ownerConnection()) {
            try (PreparedStatement select = owner.prepareStatement(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ?")) {
                select.setString(1, kind.table());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        columns.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement select = owner.prepareStatement(
                    "SELECT relforcerowsecurity FROM pg_class WHERE relname = ? AND relnamespace = 'public'::regnamespace")) {
                select.setString(1, kind.table());
                try (ResultSet rows = select.executeQuery()) {
                    forced = rows.next() && rows.getBoolean(1);
                }
            }
        }

        assertThat(columns).as("columns of " + kind.table()).contains("tenant_id", "user_id", "project_id")
                .containsAll(kind.fields().stream().map(FieldRule::name).toList());
        assertThat(forced).as(kind.table() + " has FORCE ROW LEVEL SECURITY").isTrue();
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void aKindHasAListEndpointAnsweringWithItsRows(EventKind kind) {
        ApiClient api = services.client();
        TestTenant tenant = services.tenants().create("alice");
        String token = api.login(tenant.licenseKey(), "laptop");

        ApiClient.Response list = api.get("/api/v1/context/" + kind.endpoint() + "/?cursor=0", token);

        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().has(kind.listName())).isTrue();
        assertThat(list.json().get("next_cursor").longValue()).isZero();
    }
}
