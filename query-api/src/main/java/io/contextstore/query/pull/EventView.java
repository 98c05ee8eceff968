package io.contextstore.query.pull;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event as a pull shows it: {@code cursor} is the position after it (a pull from it continues with
 * the next event), {@code offset} its Kafka offset; {@code data} is the kind's fields, as pushed.
 * {@code item}: for a version of an edited item (ADR 39), which item and what it replaced; null otherwise.
 */
public record EventView(long cursor, long offset, UUID id, String kind, String userId, String deviceId, String projectId,
                 String contentHash, Long clientSeq, Instant occurredAt, Instant receivedAt, @JsonRawValue String data,
                 ItemView item, ScopeView scope) {

    /**
     * Who inside the tenant may read the event (ADR 36): {@code personal} (its author; {@code project_id} when it
     * also names a restricted project), {@code project} (the members of the teams on {@code project_id}) or
     * {@code tenant} (everyone), as its envelope said when it was pushed.
     */
    public record ScopeView(String level, String projectId) {
    }

    /**
     * The event as a version of an item: the item's id, the versions (cursors) the event replaced (none for a first
     * version), whether it is still current, and whether the item is in conflict now. A device drops its rows of the
     * replaced versions, keeps this one, and marks the item while it is in conflict.
     */
    public record ItemView(UUID id, List<Long> supersedes, boolean current, boolean conflict) {
    }
}
