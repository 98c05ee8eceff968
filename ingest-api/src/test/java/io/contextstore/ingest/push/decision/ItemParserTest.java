package io.contextstore.ingest.push.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.contextstore.events.EventKind;
import io.contextstore.events.TaskTracked;
import io.contextstore.platform.web.ApiProblem;
import io.contextstore.platform.web.JsonBodies;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ItemParserTest {

    private final JsonBodies json = new JsonBodies(1 << 20);

    @Test
    void deliveryMetadataIsNotPartOfTheContentHash() {
        ContextItem plain = parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\"}");
        ContextItem withMetadata = parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\","
                + "\"occurred_at\":\"2026-01-01T00:00:00Z\",\"client_seq\":7}");

        assertThat(withMetadata.contentHash()).isEqualTo(plain.contentHash());
        assertThat(withMetadata.clientSeq()).isEqualTo(7L);
        assertThat(withMetadata.occurredAt()).isEqualTo("2026-01-01T00:00:00Z");
    }

    @Test
    void memberOrderNullsAndEmptyTagsDoNotChangeTheContentHash() {
        ContextItem one = parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\"}");
        ContextItem other = parse("{\"decision\":\"d\",\"rationale\":null,\"tags\":[],\"title\":\"t\",\"kind\":\"decision\"}");

        assertThat(other.contentHash()).isEqualTo(one.contentHash());
    }

    @Test
    void theProjectIsPartOfTheContent() {
        assertThat(parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\",\"project_id\":\"a\"}").contentHash())
                .isNotEqualTo(parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\",\"project_id\":\"b\"}").contentHash());
    }

    @Test
    void theTaskEndpointImpliesTheKindAndTakesTheOriginalTaskEventFields() {
        ContextItem item = ItemParser.parse(json.parse(bytes("{\"task_id\":\"t1\",\"description\":\"d\","
                + "\"status\":\"completed\",\"outcome\":\"ok\",\"project_id\":\"p\",\"tool_success_count\":3,"
                + "\"tool_error_count\":1,\"user_corrections\":2}")), "", EventKind.TASK);

        assertThat(item.kind()).isEqualTo(EventKind.TASK);
        assertThat(item.payload()).isEqualTo(new TaskTracked("t1", "d", "completed", "ok", "p", 3, 1, 2));
    }

    @Test
    void theOriginalClientsEmptyAndZeroDefaultsAreAbsentFieldsAndHashAlike() {
        String defaults = "{\"task_id\": \"T-1\", \"description\": \"Fix the login bug\", \"status\": \"pending\", "
                + "\"outcome\": \"\", \"project_id\": \"\", \"tool_success_count\": 0, \"tool_error_count\": 0, "
                + "\"user_corrections\": 0}";
        ContextItem original = ItemParser.parse(json.parse(bytes(defaults)), "", EventKind.TASK);
        ContextItem minimal = ItemParser.parse(json.parse(bytes("{\"task_id\":\"T-1\",\"description\":\"Fix the login bug\","
                + "\"status\":\"pending\"}")), "", EventKind.TASK);

        assertThat(original.payload()).isEqualTo(new TaskTracked("T-1", "Fix the login bug", "pending", null, null, 0, 0, 0));
        assertThat(original.projectId()).isNull();
        assertThat(original.contentHash()).isEqualTo(minimal.contentHash());
        assertThat(original.entity()).isEqualTo("task/T-1");
    }

    @Test
    void anOccurredAtBeyondFourDigitYearsIsNotAnRfc3339TimestampThoughJavaParsesIt() {
        for (String at : new String[] {"+10000-01-01T00:00:00Z", "+200000000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"}) {
            assertThatThrownBy(() -> parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\",\"occurred_at\":\""
                    + at + "\"}")).as(at).isInstanceOf(ApiProblem.class)
                    .hasMessage("/occurred_at: must be an RFC 3339 timestamp such as 2026-11-25T10:15:30Z");
        }
        assertThat(parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\",\"occurred_at\":\"9999-12-31T23:59:59.999Z\"}")
                .occurredAt()).isEqualTo("9999-12-31T23:59:59.999Z");
    }

    @Test
    void aRequiredFieldMayNotBeEmpty() {
        assertThatThrownBy(() -> parse("{\"kind\":\"decision\",\"title\":\"\",\"decision\":\"d\"}"))
                .hasMessage("/title: must not be empty");
    }

    @Test
    void errorsNameTheFieldByJsonPointer() {
        assertThatThrownBy(() -> ItemParser.parse(json.parse(bytes("{\"kind\":\"decision\",\"title\":\"t\"}")),
                "/items/4", null))
                .isInstanceOf(ApiProblem.class)
                .hasMessage("/items/4/decision: is required");
        assertThatThrownBy(() -> parse("{\"kind\":\"decision\",\"title\":\"t\",\"decision\":\"d\",\"a/b~\":1}"))
                .hasMessage("/a~1b~0: is not a known field");
    }

    private ContextItem parse(String body) {
        return ItemParser.parse(json.parse(bytes(body)), "", null);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
