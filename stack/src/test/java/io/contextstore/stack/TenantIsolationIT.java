package io.contextstore.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.topic.Topics;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Tenants.TestTenant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Invariants I3 and I4 through the API: two tenants interleaved in one partition. */
class TenantIsolationIT {

    private final RunningServices services = RunningServices.shared();
    private final ApiClient api = services.client();

    @Test
    void tenantsSharingAPartitionEachPullOnlyTheirOwnAndSmallPagesNeverSkipOrRepeat() {
        TestTenant first = services.tenants().create("alice");
        TestTenant second = tenantOnTheSamePartitionAs(first.tenantId());
        String a = api.login(first.licenseKey(), "a");
        String b = api.login(second.licenseKey(), "b");
        List<String> pushedByA = new ArrayList<>();
        List<String> pushedByB = new ArrayList<>();
        long last = -1;
        for (int i = 0; i < 40; i++) {
            JsonNode ra = api.post("/api/v1/context/decisions/", a, decision("a-" + i)).json();
            JsonNode rb = api.post("/api/v1/context/decisions/", b, decision("b-" + i)).json();
            pushedByA.add(ra.get("id").stringValue());
            pushedByB.add(rb.get("id").stringValue());
            last = Math.max(ra.get("cursor").longValue(), rb.get("cursor").longValue());
        }
        awaitProjected(a, last);

        for (int limit : new int[] {1, 3, 7, 500}) {
            assertThat(idsPaging(a, limit)).as("tenant A, limit " + limit).containsExactlyElementsOf(pushedByA);
            assertThat(idsPaging(b, limit)).as("tenant B, limit " + limit).containsExactlyElementsOf(pushedByB);
        }
        assertThat(api.get("/api/v1/context/decisions/?limit=1000", a).json().get("decisions"))
                .allMatch(d -> d.get("title").stringValue().startsWith("a-"));
        assertThat(api.get("/api/v1/context/status", b).json().get("counts").get("decision").longValue()).isEqualTo(40);
    }

    @Test
    void aTenantIdInTheBodyIsRefusedAndNeverChoosesTheTenant() {
        TestTenant mine = services.tenants().create("alice");
        TestTenant theirs = services.tenants().create("bob");
        String token = api.login(mine.licenseKey(), "a");

        var response = api.post("/api/v1/context/push", token, ApiClient.json(Map.of("kind", "decision", "title", "t",
                "decision", "d", "tenant_id", theirs.tenantId().toString())));

        assertThat(response.status()).isEqualTo(400);
        assertThat(services.topic().eventsOf(theirs.tenantId())).isEmpty();
        assertThat(services.topic().eventsOf(mine.tenantId())).isEmpty();
    }

    private List<String> idsPaging(String token, int limit) {
        List<String> ids = new ArrayList<>();
        Set<Long> cursors = new HashSet<>();
        long cursor = -1;
        boolean more = true;
        while (more) {
            JsonNode page = api.get("/api/v1/context/pull?cursor=" + cursor + "&limit=" + limit, token).json();
            for (JsonNode event : page.get("events")) {
                assertThat(cursors.add(event.get("cursor").longValue())).isTrue();
                assertThat(event.get("cursor").longValue()).isGreaterThan(cursor);
                ids.add(event.get("id").stringValue());
            }
            assertThat(page.get("events").size()).isLessThanOrEqualTo(limit);
            cursor = page.get("next_cursor").longValue();
            more = page.get("has_more").booleanValue();
        }
        return ids;
    }

    private TestTenant tenantOnTheSamePartitionAs(UUID tenant) {
        int partition = partitionOf(tenant);
        for (int attempt = 0; attempt < 200; attempt++) {
            TestTenant candidate = services.tenants().create("bob");
            if (partitionOf(candidate.tenantId()) == partition) {
                return candidate;
            }
        }
        throw new IllegalStateException("no tenant on partition " + partition + " in 200 attempts");
    }

    static int partitionOf(UUID tenant) {
        return Topics.CONTEXT_EVENTS.partitionOf(tenant.toString(), RunningServices.PARTITIONS);
    }

    private void awaitProjected(String token, long cursor) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/context/pull?limit=1&cursor=" + cursor, token).json().get("watermark").longValue() >= cursor);
    }

    private static String decision(String title) {
        return ApiClient.json(Map.of("title", title, "decision", "d"));
    }
}
