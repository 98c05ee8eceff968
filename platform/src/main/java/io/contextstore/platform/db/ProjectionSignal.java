package io.contextstore.platform.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The projector's word that a tenant's events below {@code position} are committed: a PostgreSQL
 * {@code NOTIFY} on {@link #CHANNEL}, sent inside the projection transaction, so it is delivered exactly
 * when (and only if) the rows become visible. The query API listens once per instance and wakes the
 * streams and waiting pulls of that tenant (ADR 38). The payload format has this one home.
 *
 * <p>A payload names one or more tenants and the position they reached: {@code <tenant>[,<tenant>…]:<position>}. A
 * poll of a many-tenant log moves hundreds of tenants of one partition to one position, and a notification each cost
 * the projector 7% of its throughput at 10,000 tenants (bench/profiling.md, 6 December 2026); sharing payloads sends a
 * few instead. A payload of one tenant is the format of the first release, so a listener reads both.
 */
public record ProjectionSignal(UUID tenant, long position) {

    public static final String CHANNEL = "contextstore_projected";

    /**
     * The most tenants one payload names. PostgreSQL refuses a payload of 8,000 bytes or more; 200 tenants of 37
     * characters (an id and a comma) and a position of at most 20 take 7,420.
     */
    static final int TENANTS_PER_PAYLOAD = 200;

    /** The payloads that carry these signals: the tenants at one position share them, at most 200 a payload. */
    public static List<String> payloads(Map<UUID, Long> positions) {
        Map<Long, List<UUID>> byPosition = new TreeMap<>();
        positions.forEach((tenant, position) -> byPosition.computeIfAbsent(position, p -> new ArrayList<>()).add(tenant));
        List<String> payloads = new ArrayList<>();
        byPosition.forEach((position, tenants) -> {
            for (int from = 0; from < tenants.size(); from += TENANTS_PER_PAYLOAD) {
                StringJoiner payload = new StringJoiner(",", "", ":" + position);
                tenants.subList(from, Math.min(tenants.size(), from + TENANTS_PER_PAYLOAD))
                        .forEach(tenant -> payload.add(tenant.toString()));
                payloads.add(payload.toString());
            }
        });
        return payloads;
    }

    /**
     * The signals a payload carries; none for anything else, whole: the channel is not ours alone to write, and a
     * payload with one name that is not a tenant id is not one of ours.
     */
    public static List<ProjectionSignal> parse(String payload) {
        int colon = payload == null ? -1 : payload.lastIndexOf(':');
        if (colon < 0) {
            return List.of();
        }
        try {
            long position = Long.parseLong(payload.substring(colon + 1));
            List<ProjectionSignal> signals = new ArrayList<>();
            for (String tenant : payload.substring(0, colon).split(",", -1)) {
                signals.add(new ProjectionSignal(UUID.fromString(tenant), position));
            }
            return signals;
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
