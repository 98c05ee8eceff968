package io.contextstore.ingest.push.decision;

import java.util.List;
import java.util.UUID;

/** The command: push these items for this tenant, user and device (all three from the verified token). */
public record PushContext(UUID tenantId, String userId, String deviceId, List<ContextItem> items, boolean batch) {
}
