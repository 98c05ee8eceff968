package io.contextstore.bench.faults;

import io.contextstore.stack.StackDirectory;
import io.contextstore.stack.cluster.ClusterTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/faults/run}: issue 17's fault campaign. Starts the production topology on this machine
 * ({@link ClusterTopology}), drives steady load from simulated devices (the real client library, durable queues),
 * injects each fault once under that load with recovery in between, and checks after each that every
 * acknowledged push is in the read model exactly once, every queue drained, no tenant sees another's rows and
 * {@code audit verify} is clean. Writes {@code bench/faults/RESULTS.md} and {@code bench/faults/campaign.svg}.
 * Bounded: every wait has a deadline, and the run stops by itself.
 */
public final class Campaign {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path out = Path.of(List.of(args).contains("--out") ? args[List.of(args).indexOf("--out") + 1] : "bench/faults");
        Path directory = Files.createTempDirectory("contextstore-faults");
        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        try (ClusterTopology cluster = ClusterTopology.start(new ClusterTopology.Options(new StackDirectory(directory), 0,
                Map.of("CONTEXTSTORE_PROJECTOR_SESSIONTIMEOUT", SESSION_TIMEOUT.toSeconds() + "s"), true))) {
            Timeline timeline = new Timeline(); // from the load's start: the chart shows the campaign, not the start-up
            Load load = Load.start(cluster, directory.resolve("devices"), timeline, quick ? 2 : 6, 2, quick ? 20 : 40);
            try (load) {
                Checks checks = new Checks(cluster, load.fleet());
                log("load running: %d devices, %d items/s; warming up", load.devices(), load.rate());
                load.fleet().generate(true);
                Checks.pause(Duration.ofSeconds(quick ? 5 : 15));
                for (Fault fault : chosen(faults(cluster, load), args)) {
                    outcomes.add(new FaultRun(fault, cluster, load.fleet(), timeline, checks).run());
                    log("%s", outcomes.get(outcomes.size() - 1).line());
                }
            }
            Files.createDirectories(out);
            Files.writeString(out.resolve("campaign.svg"), CampaignChart.svg(timeline.seconds(timeline.now()), timeline.markers()));
            Files.writeString(out.resolve("RESULTS.md"), Outcome.table(outcomes, quick, (System.nanoTime() - started) / 1e9));
            log("wrote %s and %s", out.resolve("RESULTS.md"), out.resolve("campaign.svg"));
        } finally {
            deleteQuietly(directory);
        }
        boolean clean = outcomes.stream().allMatch(Outcome::clean);
        System.exit(clean ? 0 : 1);
    }

    private static List<Fault> faults(ClusterTopology cluster, Load load) {
        int busy = load.partitionOfBusiestTenant();
        return List.of(
                new Fault.LeaderKill(busy),
                new Fault.BrokerPartition(busy),
                new Fault.ProjectorZombie("projector-a", SESSION_TIMEOUT),
                new Fault.IngestKill("ingest-a"),
                new Fault.PrimaryRestart(),
                new Fault.ReplicaLag(load.replicaProbe(cluster)));
    }

    /** {@code --only 4,5}: those faults (numbered as in the table), for a closer look at one; default all. */
    private static List<Fault> chosen(List<Fault> all, String[] args) {
        List<String> arguments = List.of(args);
        if (!arguments.contains("--only")) {
            return all;
        }
        return java.util.Arrays.stream(arguments.get(arguments.indexOf("--only") + 1).split(","))
                .map(n -> all.get(Integer.parseInt(n.trim()) - 1)).toList();
    }

    static void log(String format, Object... args) {
        System.out.printf("[faults %s] %s%n", java.time.LocalTime.now().withNano(0), String.format(format, args));
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + directory + ": " + e.getMessage());
        }
    }
}
