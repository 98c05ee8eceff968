package io.contextstore.bench.faults;

import io.contextstore.stack.cluster.ClusterTopology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private volatile double writesBack = Double.NaN;
    private volatile double visible = Double.NaN;

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
        // measured from the injection on, also while a slow injection (the replica probe's pulls) is still running
        ScheduledExecutorService measuring = Executors.newSingleThreadScheduledExecutor();
        measuring.scheduleWithFixedDelay(() -> {
            try {
                measure(marks, injected);
            } catch (RuntimeException notYet) {
                // a check that cannot run now runs at the next tick (a thrown task would never run again)
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
        Fault.Heal heal = fault.inject(cluster);
        Checks.pause(fault.hold());
        heal.heal();
        timeline.healed(marker);
        double healed = Checks.seconds(injected);
        Campaign.log("healed after %.1f s", healed);
        Checks.until(RECOVERY_LIMIT, () -> !Double.isNaN(writesBack) && !Double.isNaN(visible));
        measuring.shutdownNow();
        fleet.generate(false);
        boolean drained = checks.awaitDrained(RECOVERY_LIMIT);
        ReadModelCheck.Counts counts = checks.awaitProjected(RECOVERY_LIMIT);
        long foreign = checks.foreignRowsSeen();
        Checks.Audit audit = checks.auditVerify();
        if (!audit.clean()) {
            Campaign.log("audit verify found differences:%n%s", audit.output());
        }
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
