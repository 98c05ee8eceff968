package io.contextstore.platform.db;

import java.util.Optional;
import java.util.UUID;

/**
 * The projector's word that a tenant's events below {@code position} are committed: a PostgreSQL
 * {@code NOTIFY} on {@link #CHANNEL}, sent inside the projection transaction, so it is delivered exactly
 * when (and only if) the rows become visible. The query API listens once per instance and wakes the
 * streams and waiting pulls of that tenant (ADR 38). The payload format has this one home.
 */
public record ProjectionSignal(UUID tenant, long position) {

    public static final String CHANNEL = "contextstore_projected";

    public String payload() {
        return tenant + ":" + position;
    }

    /** The signal a payload carries; empty for anything else (the channel is not ours alone to write). */
    public static Optional<ProjectionSignal> parse(String payload) {
        int colon = payload == null ? -1 : payload.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProjectionSignal(UUID.fromString(payload.substring(0, colon)),
                    Long.parseLong(payload.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
