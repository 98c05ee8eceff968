package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits from the command line through the real services (ADR 39): two devices edit one version while apart, the
 * second to sync makes a conflict that both see (both versions in their tier files, ctx conflicts lists it; offline,
 * search, list and show mark it and ctx conflicts reads it from the tiers); an edit on either resolves it everywhere;
 * a retraction leaves the tier files and stays in ctx history.
 */
class EditSyncIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    @Test
    void editsFromTwoDevicesConflictAreMarkedOfflineAreResolvedByAThirdEditAndARetractionLeavesEveryDevice() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        TestTenant alice = server.tenants().create("alice-" + marker);
        Ctx laptop = server.device(temp, alice, "laptop");
        Ctx desktop = server.device(temp, alice, "desktop");
        String title = "queue-" + marker;
        String rows = "SELECT count(*) FROM decisions WHERE title = '" + title + "'";
        ok(laptop.run("push", "decision", "--title", title, "--decision", "RabbitMQ"));
        ok(laptop.run("sync"));
        ok(desktop.run("sync"));
        String first = laptop.strings("org.db", "SELECT event_id FROM decisions WHERE title = '" + title + "'").get(0);

        ok(desktop.run("edit", first, "--set", "decision=Kafka", "--sync"));
        ok(laptop.run("edit", first, "--set", "decision=Pulsar")); // queued while the desktop's edit lands
        ok(laptop.run("sync"));
        ok(desktop.run("sync"));

        assertThat(laptop.strings("org.db", "SELECT decision FROM decisions WHERE title = '" + title + "' ORDER BY decision"))
                .containsExactly("Kafka", "Pulsar");
        assertThat(desktop.count("org.db", rows)).isEqualTo(2);
        Ctx.Run conflicts = desktop.run("conflicts");
        ok(conflicts);
        assertThat(conflicts.out()).contains("item " + first).contains("Kafka").contains("Pulsar");
        String pulsar = laptop.strings("org.db", "SELECT event_id FROM decisions WHERE decision = 'Pulsar'").get(0);
        assertMarkedInConflict(desktop, title, first, pulsar);
        assertMarkedInConflict(laptop, title, first, pulsar);
        Ctx.Run local = desktop.run("conflicts", "--local");
        ok(local);
        assertThat(local.out()).contains("this machine's view", "item " + first + " (decision)", "decision: Kafka",
                "decision: Pulsar", "by " + alice.userId() + "@laptop", "by " + alice.userId() + "@desktop");
        Map<String, Object> localJson = desktop.run("conflicts", "--local", "--json").json();
        assertThat(localJson).containsEntry("source", "local");
        assertThat(maps(localJson.get("conflicts"))).singleElement().satisfies(conflict -> {
            assertThat(conflict).containsEntry("item_id", first).containsEntry("kind", "decision");
            assertThat((List<?>) conflict.get("current")).hasSize(2);
        });
        server.stop();
        try {
            Ctx.Run offline = desktop.run("conflicts");
            ok(offline);
            assertThat(offline.out()).contains("this machine's view", "could not be reached", "item " + first,
                    "decision: Kafka", "decision: Pulsar");
            assertThat(desktop.run("conflicts", "--local").out()).contains("item " + first);
            assertMarkedInConflict(desktop, title, first, pulsar);
        } finally {
            server.start();
        }

        ok(laptop.run("edit", pulsar, "--set", "decision=Kafka, with Pulsar for streams", "--sync"));
        ok(desktop.run("sync"));

        assertThat(desktop.strings("org.db", "SELECT decision FROM decisions WHERE title = '" + title + "'"))
                .containsExactly("Kafka, with Pulsar for streams");
        assertThat(desktop.run("conflicts").out()).contains("no conflicts");
        String current = desktop.strings("org.db", "SELECT event_id FROM decisions WHERE title = '" + title + "'").get(0);
        assertThat(desktop.run("conflicts", "--local").out()).contains("no conflicts on this machine").doesNotContain(first);
        assertThat(maps(desktop.run("search", title, "--json").json().get("results"))).singleElement()
                .satisfies(hit -> assertThat(hit).containsEntry("item_id", first).containsEntry("conflict", false));
        assertThat(desktop.run("show", current).out()).doesNotContain("conflict");
        assertThat(desktop.run("list", "decisions").out()).contains(current).doesNotContain("conflict");

        ok(desktop.run("retract", current, "--reason", "we stay on RabbitMQ", "--sync"));
        ok(laptop.run("sync"));

        assertThat(laptop.count("org.db", rows)).isZero();
        assertThat(laptop.run("search", title).out()).doesNotContain(title);
        Ctx.Run history = laptop.run("history", first, "--kind", "decision");
        ok(history);
        assertThat(history.out()).contains("retracted").contains("RabbitMQ").contains("Pulsar")
                .contains("reason: we stay on RabbitMQ");
    }

    /**
     * Search, list and show on this machine, offline: both versions are rows of the one item, each marked in conflict
     * in text and JSON.
     */
    private static void assertMarkedInConflict(Ctx device, String title, String item, String version) {
        String mark = "\u26a0 conflict: item " + item + " has 2 current versions";
        assertThat(maps(device.run("search", title, "--json").json().get("results"))).hasSize(2).allSatisfy(hit ->
                assertThat(hit).containsEntry("item_id", item).containsEntry("conflict", true).containsEntry("current_versions", 2L));
        assertThat(maps(device.run("list", "decisions", "--json").json().get("decisions")))
                .filteredOn(row -> title.equals(row.get("title"))).hasSize(2)
                .allSatisfy(row -> assertThat(row).containsEntry("conflict", true));
        assertThat(device.run("search", title).out()).contains(mark);
        assertThat(device.run("list", "decisions").out()).contains(mark);
        Ctx.Run show = device.run("show", version);
        ok(show);
        assertThat(show.out()).contains(mark);
        assertThat(device.run("show", version, "--json").json()).containsEntry("item_id", item).containsEntry("conflict", true);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object json) {
        return (List<Map<String, Object>>) json;
    }

    private static void ok(Ctx.Run run) {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }
}
