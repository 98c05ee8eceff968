package io.contextstore.client.sync;

import java.time.Duration;
import java.util.List;

/** What to do with a batch after the server answered: the decision {@link PushClassifier} takes. */
public sealed interface PushOutcome {

    /** The server's result for one item: {@code created} or {@code duplicate}, its id and cursor. */
    record Ack(String status, String id, long cursor, String contentHash) {
    }

    /** 2xx with one result per item: every item leaves the queue. */
    record Acknowledged(List<Ack> results) implements PushOutcome {
    }

    /** Nothing was acknowledged and nothing is wrong with the items (network, 5xx, 429, 503): back off. */
    record RetryLater(String reason, Duration retryAfter) implements PushOutcome {
    }

    /** 401: the token is no good; log in again once and resend. */
    record Reauthenticate(String reason) implements PushOutcome {
    }

    /** 400 naming one item by {@code /items/<index>/...}: that item is dead, the others are sent again. */
    record RejectItem(int index, String reason) implements PushOutcome {
    }

    /** A refusal that names no item (400 without a pointer, 413, 403, 404): halve the batch to find the culprit. */
    record Split(String reason) implements PushOutcome {
    }

    /** Any other 4xx: the server refuses these items as they are; all go dead with its reason. */
    record RejectAll(String reason) implements PushOutcome {
    }
}
