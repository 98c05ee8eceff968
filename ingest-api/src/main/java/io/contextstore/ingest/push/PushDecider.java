package io.contextstore.ingest.push;

import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, without I/O, what a push appends: content already in the dedup index is a duplicate,
 * content repeated inside the request is appended once, everything else becomes a new event.
 */
final class PushDecider {

    sealed interface Outcome permits AlreadyInLog, Append, RepeatInRequest {
    }

    /** The index says this content is in the log already. */
    record AlreadyInLog(IndexedEvent indexed) implements Outcome {
    }

    /** New content: append this event. */
    record Append(ContextEvent event) implements Outcome {
    }

    /** The same content as an earlier item of this request; answered like that one. */
    record RepeatInRequest(int firstIndex) implements Outcome {
    }

    private PushDecider() {
    }

    static List<Outcome> decide(PushContext command, Map<String, IndexedEvent> known, Instant receivedAt) {
        List<Outcome> outcomes = new ArrayList<>(command.items().size());
        Map<String, Integer> firstIndexByHash = new HashMap<>();
        for (int i = 0; i < command.items().size(); i++) {
            ContextItem item = command.items().get(i);
            Integer first = firstIndexByHash.putIfAbsent(item.contentHash(), i);
            if (first != null) {
                outcomes.add(new RepeatInRequest(first));
            } else if (known.containsKey(item.contentHash())) {
                outcomes.add(new AlreadyInLog(known.get(item.contentHash())));
            } else {
                outcomes.add(new Append(event(command, item, receivedAt)));
            }
        }
        return outcomes;
    }

    static ContextEvent event(PushContext command, ContextItem item, Instant receivedAt) {
        return ContextEvent.newBuilder()
                .setEventId(ContentHash.eventId(command.tenantId(), item.contentHash()))
                .setTenantId(command.tenantId())
                .setUserId(command.userId())
                .setDeviceId(command.deviceId())
                .setProjectId(item.projectId())
                .setContentHash(item.contentHash())
                .setClientSeq(item.clientSeq())
                .setOccurredAt(item.occurredAt() == null ? receivedAt : item.occurredAt())
                .setReceivedAt(receivedAt)
                .setPayload(item.payload())
                .build();
    }
}
