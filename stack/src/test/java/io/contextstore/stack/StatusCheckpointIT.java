package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.projector.projection.ProjectionPlanner;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A member's status through the API, on a tenant whose statistics have a checkpoint (ADR 49): the counts are what the
 * caller may read, checkpoint and the events after it together, never a teammate's own items.
 */
class StatusCheckpointIT {

    private static final int BATCH = 1000;

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();

    @Test
    void aMembersStatusCountsItsOwnAndTheSharedItemsOnBothSidesOfTheCheckpointAndNoTeammatesOwn() throws SQLException {
        TestTenant alice = services.tenants().create("alice");
        TestTenant bob = services.tenants().member(alice.tenantId(), "bob");
        String alices = api.login(alice.licenseKey(), "laptop");
        String bobs = api.login(bob.licenseKey(), "laptop");
        int each = ProjectionPlanner.CHECKPOINT_EVERY / 2 + 50; // together past the first checkpoint
        for (int from = 0; from < each; from += BATCH) {
            push(alices, messages("alice", from, Math.min(each, from + BATCH)));
            push(bobs, messages("bob", from, Math.min(each, from + BATCH)));
        }
        push(bobs, List.of(Map.of("kind", "decision", "title", "after the checkpoint", "decision", "d")));
        long last = push(alices, messages("alice", each, each + 1));

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                api.get("/api/v1/context/status", alices).json().get("watermark").longValue() >= last);

        assertThat(countedTo(alice)).as("the checkpoint moved").isNotNegative();
        JsonNode alicesCounts = api.get("/api/v1/context/status", alices).json().get("counts");
        JsonNode bobsCounts = api.get("/api/v1/context/status", bobs).json().get("counts");
        assertThat(alicesCounts.get("message").longValue()).isEqualTo(each + 1);
        assertThat(bobsCounts.get("message").longValue()).isEqualTo(each);
        assertThat(alicesCounts.get("decision").longValue()).isEqualTo(1);
        assertThat(bobsCounts.get("decision").longValue()).isEqualTo(1);
    }

    private static List<Map<String, Object>> messages(String user, int from, int to) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = from; i < to; i++) {
            items.add(Map.of("kind", "message", "message_id", user + "-" + i, "session_id", "s", "role", "user",
                    "content", user + "'s message " + i));
        }
        return items;
    }

    /** Pushes a batch; answers the last item's cursor. */
    private long push(String token, List<Map<String, Object>> items) {
        ApiClient.Response response = api.post("/api/v1/context/push", token, ApiClient.json(Map.of("items", items)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode results = response.json().get("results");
        return results.get(results.size() - 1).get("cursor").longValue();
    }

    private long countedTo(TestTenant tenant) throws SQLException {
        try (Connection owner = services.infrastructure().ownerConnection()) {
            owner.setAutoCommit(false);
            try (PreparedStatement scope = owner.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
                scope.setString(1, tenant.tenantId().toString());
                scope.execute();
            }
            try (PreparedStatement query = owner.prepareStatement("SELECT counted_to FROM tenant_streams");
                 ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
