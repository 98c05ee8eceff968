package io.contextstore.bench.faults;

import io.contextstore.embedded.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka node cut off from every other process: iptables drops every packet its sockets send. The node runs
 * under a group id of its own, which is what the rule matches; the campaign runs in a network namespace of its
 * own ({@code unshare -n}), so the rule touches nothing outside it.
 */
final class NetworkCut {

    private final List<String> rule;

    private NetworkCut(int groupId) {
        this.rule = List.of("OUTPUT", "-m", "owner", "--gid-owner", Integer.toString(groupId), "-j", "DROP");
    }

    static NetworkCut of(KafkaBroker broker) {
        NetworkCut cut = new NetworkCut(broker.groupId().orElseThrow(() -> new IllegalStateException(
                "Kafka node " + broker.nodeId() + " runs under no group id of its own: it cannot be cut off alone")));
        cut.iptables("-A");
        return cut;
    }

    void heal() {
        iptables("-D");
    }

    private void iptables(String action) {
        List<String> command = new ArrayList<>(List.of("iptables", action));
        command.addAll(rule);
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
