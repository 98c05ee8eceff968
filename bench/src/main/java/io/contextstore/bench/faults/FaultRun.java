package io.contextstore.bench.faults;

import io.contextstore.stack.cluster.ClusterTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One fault, start to finish: mark the devices' queues, inject, hold under load while measuring when writes are
 * back and when what was written since is visible, heal, then stop generating and check (queues drained, every
 * acknowledged id projected once, no foreign rows, audit verify, replicas in sync), and start generating again.
 */
final class FaultRun {

    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(180);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final Fault fault;
    private final ClusterTopology cluster;
    private final Fleet fleet;
    private final Timeline timeline;
    private final Checks checks;
    private double writesBack = Double.NaN;
    private double visible = Double.NaN;

    FaultRun(Fault fault, ClusterTopology cluster, Fleet fleet, Timeline timeline, Checks checks) {
        this.fault = fault;
        this.cluster = cluster;
        this.fleet = fleet;
        this.timeline = timeline;
        this.checks = checks;
    }

    Outcome run() {
        Campaign.log("injecting: %s", fault.what());
        long acknowledgedBefore = total(fleet.acknowledged());
        Map<Device, Long> marks = fleet.mark();
        long injected = System.nanoTime();
        int marker = timeline.mark(fault.name());
        Fault.Heal heal = fault.inject(cluster);
        Checks.until(fault.hold(), () -> {
            measure(marks, injected);
            return false;
        });
        heal.heal();
        timeline.healed(marker);
        double healed = Checks.seconds(injected);
        Campaign.log("healed after %.1f s", healed);
        Checks.until(RECOVERY_LIMIT, () -> {
            measure(marks, injected);
            return !Double.isNaN(writesBack) && !Double.isNaN(visible);
        });
        fleet.generate(false);
        boolean drained = checks.awaitDrained(RECOVERY_LIMIT);
        ReadModelCheck.Counts counts = checks.awaitProjected(RECOVERY_LIMIT);
        long foreign = checks.foreignRowsSeen();
        Checks.Audit audit = checks.auditVerify();
        boolean inSync = checks.awaitFullIsr(RECOVERY_LIMIT);
        long window = total(fleet.acknowledged()) - acknowledgedBefore;
        String note = fault instanceof Fault.ReplicaLag lag ? lag.probe().summary() : "";
        fleet.generate(true);
        Checks.pause(SETTLE);
        return new Outcome(fault, window, counts, foreign, audit, drained, fleet.dead(), inSync, healed, writesBack,
                visible, note, fault instanceof Fault.ReplicaLag lag ? lag.probe().violations() : 0);
    }

    /** Writes back: every device had an item recorded after the injection acknowledged. Visible: every tenant reads one. */
    private void measure(Map<Device, Long> marks, long injected) {
        if (Double.isNaN(writesBack) && fleet.writesBackSince(marks)) {
            writesBack = Checks.seconds(injected);
        }
        if (Double.isNaN(visible)) {
            Map<UUID, List<String>> since = fleet.acknowledgedSince(injected);
            if (since.values().stream().noneMatch(List::isEmpty)
                    && Checks.safely(() -> checks.readModel().anyVisible(since))) {
                visible = Checks.seconds(injected);
            }
        }
    }

    private static long total(Map<UUID, Set<String>> acknowledged) {
        return acknowledged.values().stream().mapToLong(Set::size).sum();
    }
}
