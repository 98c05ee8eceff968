package io.contextstore.bench;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The payloads every scenario uses: decisions of about 1 KiB, unique by a run id and a sequence number. */
final class Items {

    static final String FILLER = "Kafka is the system of record; the read model is a projection of it. ".repeat(10);

    private Items() {
    }

    static Map<String, Object> decision(String run, long n) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("kind", "decision");
        item.put("title", "decision " + run + "-" + n);
        item.put("decision", FILLER);
        item.put("rationale", "measured by the benchmark");
        item.put("tags", List.of("bench", "architecture"));
        return item;
    }

    /** The event ingest would produce for {@link #decision}: what the raw producer baseline sends. */
    static ContextEvent event(UUID tenant, String run, long n) {
        Map<String, Object> content = new LinkedHashMap<>(decision(run, n));
        String hash = ContentHash.of(content);
        Instant now = Instant.now();
        return ContextEvent.newBuilder().setEventId(ContentHash.eventId(tenant, hash)).setTenantId(tenant)
                .setUserId("bench").setDeviceId("bench").setProjectId(null).setContentHash(hash).setClientSeq(null)
                .setOccurredAt(now).setReceivedAt(now)
                .setPayload(new DecisionRecorded((String) content.get("title"), FILLER, "measured by the benchmark",
                        List.of("bench", "architecture")))
                .build();
    }
}
