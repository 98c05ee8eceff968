package io.contextstore.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edits from the command line through the real services (ADR 39): two devices edit one version while apart, the
 * second to sync makes a conflict that both see (both versions in their tier files, ctx conflicts lists it); an edit
 * on either resolves it everywhere; a retraction leaves the tier files and stays in ctx history.
 */
class EditSyncIT {

    private final TestServer server = TestServer.shared();

    @TempDir
    Path temp;

    @Test
    void editsFromTwoDevicesConflictAreResolvedByAThirdEditAndARetractionLeavesEveryDevice() {
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
        ok(laptop.run("edit", pulsar, "--set", "decision=Kafka, with Pulsar for streams", "--sync"));
        ok(desktop.run("sync"));

        assertThat(desktop.strings("org.db", "SELECT decision FROM decisions WHERE title = '" + title + "'"))
                .containsExactly("Kafka, with Pulsar for streams");
        assertThat(desktop.run("conflicts").out()).contains("no conflicts");
        String current = desktop.strings("org.db", "SELECT event_id FROM decisions WHERE title = '" + title + "'").get(0);

        ok(desktop.run("retract", current, "--reason", "we stay on RabbitMQ", "--sync"));
        ok(laptop.run("sync"));

        assertThat(laptop.count("org.db", rows)).isZero();
        assertThat(laptop.run("search", title).out()).doesNotContain(title);
        Ctx.Run history = laptop.run("history", first, "--kind", "decision");
        ok(history);
        assertThat(history.out()).contains("retracted").contains("RabbitMQ").contains("Pulsar")
                .contains("reason: we stay on RabbitMQ");
    }

    private static void ok(Ctx.Run run) {
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }
}
