package io.contextstore.client.sync;

import io.contextstore.client.http.HttpAnswer;
import io.contextstore.client.http.Problem;
import io.contextstore.client.json.Json;
import io.contextstore.client.json.JsonException;
import io.contextstore.client.json.JsonValues;
import io.contextstore.client.sync.PushOutcome.Ack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a batch push answer means for the queue. Pure: the answer in, a {@link PushOutcome}
 * out. The rule of invariant I6: only a 2xx that acknowledges every item removes items; only a
 * refusal by the server (4xx other than 401, and 408/425/429 which are about timing) makes an item
 * dead; everything else is retried.
 */
public final class PushClassifier {

    private static final Pattern ITEM_POINTER = Pattern.compile("^/items/(\\d+)(/.*)?$");

    private PushClassifier() {
    }

    public static PushOutcome classify(HttpAnswer answer, int batchSize) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return acknowledged(answer, batchSize);
        }
        if (status == 401) {
            return new PushOutcome.Reauthenticate(answer.problem().describe());
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return new PushOutcome.RetryLater(answer.problem().describe(), retryAfter(answer.header("Retry-After")));
        }
        Problem problem = answer.problem();
        if (status == 400) {
            for (Problem.FieldError error : problem.errors()) {
                Matcher matcher = error.pointer() == null ? null : ITEM_POINTER.matcher(error.pointer());
                if (matcher != null && matcher.matches()) {
                    int index = Integer.parseInt(matcher.group(1));
                    if (index < batchSize) {
                        String field = matcher.group(2) == null ? "the item" : matcher.group(2);
                        return new PushOutcome.RejectItem(index, status + " " + orDefault(problem.title(), "Bad request")
                                + ": " + field + ": " + orDefault(error.detail(), problem.detail()));
                    }
                }
            }
        }
        // 403 and 404 name no item either: one item of the batch may be refused alone (a share of another user's item, a
        // project the user is not in), so the batch is halved rather than every item of it killed
        if ((status == 400 || status == 413 || status == 403 || status == 404) && batchSize > 1) {
            return new PushOutcome.Split(problem.describe());
        }
        if (status == 400 || status == 413) {
            return new PushOutcome.RejectItem(0, problem.describe());
        }
        return new PushOutcome.RejectAll(problem.describe());
    }

    private static PushOutcome acknowledged(HttpAnswer answer, int batchSize) {
        try {
            List<Object> results = JsonValues.array(Json.parseObject(answer.body()), "results");
            if (results == null || results.size() != batchSize) {
                return unexpected("expected " + batchSize + " results");
            }
            List<Ack> acks = new ArrayList<>(results.size());
            for (Object entry : results) {
                Map<String, Object> result = JsonValues.asObject(entry, "a result");
                String status = JsonValues.requiredText(result, "status");
                if (!status.equals("created") && !status.equals("duplicate")) {
                    return unexpected("unknown result status \"" + status + "\"");
                }
                acks.add(new Ack(status, JsonValues.text(result, "id"), JsonValues.requiredInteger(result, "cursor"),
                        JsonValues.text(result, "content_hash")));
            }
            return new PushOutcome.Acknowledged(List.copyOf(acks));
        } catch (JsonException e) {
            return unexpected(e.getMessage());
        }
    }

    /** A 2xx we cannot read acknowledges nothing we can prove: send again (the server deduplicates). */
    private static PushOutcome unexpected(String why) {
        return new PushOutcome.RetryLater("unexpected answer to a push: " + why, null);
    }

    /** {@code Retry-After} in seconds; an HTTP date or garbage is ignored (the backoff applies). */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
