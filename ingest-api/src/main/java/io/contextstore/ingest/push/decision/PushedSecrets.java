package io.contextstore.ingest.push.decision;

import io.contextstore.platform.web.ApiProblem;
import io.contextstore.redaction.Confidence;
import io.contextstore.redaction.Finding;
import io.contextstore.redaction.SecretDetector;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The server's second look (ADR 31): an item whose text still carries a secret that a client should have
 * redacted is refused with a 400 naming the field (its JSON Pointer) and the rule, never the value, so the
 * secret reaches neither the log nor the problem, the access log or a metric. Only high-confidence rules
 * refuse: the generic {@code secret-assignment} heuristic is the client's alone. Free of Spring, like the item parser.
 */
final class PushedSecrets {

    private static final SecretDetector REFUSED = SecretDetector.standard().only(Confidence.HIGH);

    private PushedSecrets() {
    }

    /** @param pointer the JSON Pointer of a member of the item, by name */
    static void refuse(Map<String, Object> content, UnaryOperator<String> pointer) {
        for (Map.Entry<String, Object> field : content.entrySet()) {
            if (field.getValue() instanceof String text) {
                check(text, pointer.apply(field.getKey()));
            } else if (field.getValue() instanceof List<?> values) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) instanceof String text) {
                        check(text, pointer.apply(field.getKey()) + "/" + i);
                    }
                }
            }
        }
    }

    private static void check(String text, String pointer) {
        Finding finding = REFUSED.first(text);
        if (finding != null) {
            throw ApiProblem.invalidField(pointer, "contains a secret (rule " + finding.rule().id() + "); redact it before pushing");
        }
    }
}
