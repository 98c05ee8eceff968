package io.contextstore.client.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemRedactionTest {

    private static final String TOKEN = "ghp_" + "R8vQ2mZx7LkP4nW9sT1yB6cD3fG5hJ0aE2uV";
    private final ItemRedaction redaction = ItemRedaction.withAllowlist(Path.of("/nonexistent/redaction-allowlist"));

    @Test
    void everyStringOfAnItemIsRedactedTagsAndNestedMembersToo() {
        Item item = Item.fromJson(Map.of("kind", "decision", "title", "CI uses " + TOKEN, "decision", "rotate it",
                "tags", List.of("ci", TOKEN), "extra", Map.of("nested", List.of("token=" + TOKEN))));

        ItemRedaction.Result result = redaction.redact(List.of(item));

        Item redacted = result.items().get(0);
        assertThat(redacted.payload()).doesNotContain(TOKEN.substring(4)).contains("CI uses [REDACTED:github-token]");
        assertThat(redacted.content().get("tags")).isEqualTo(List.of("ci", "[REDACTED:github-token]"));
        assertThat(redacted.contentHash()).isNotEqualTo(item.contentHash());
        assertThat(result.counts()).containsExactlyEntriesOf(Map.of("github-token", 3));
    }

    @Test
    void anItemWithoutSecretsIsTheSameItemWithTheSameHash() {
        Item item = Item.of(Kind.TASK, Map.of("task_id", "t-1", "description", "write the projector", "status", "pending"), null);

        ItemRedaction.Result result = redaction.redact(List.of(item));

        assertThat(result.items().get(0)).isSameAs(item);
        assertThat(result.counts()).isEmpty();
    }
}
