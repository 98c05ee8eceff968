package io.contextstore.bench.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated devices under steady load: items recorded round robin at a fixed total rate, and every device
 * syncing on its own every {@code syncEvery}. Generation can pause (so queues can drain and the read model be
 * checked) while syncing goes on.
 */
final class Fleet implements AutoCloseable {

    private final List<Device> devices;
    private final ScheduledExecutorService recorder = Executors.newSingleThreadScheduledExecutor();
    private final ScheduledExecutorService syncers;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean generating;

    Fleet(List<Device> devices, int itemsPerSecond, Duration syncEvery) {
        this.devices = List.copyOf(devices);
        this.syncers = Executors.newScheduledThreadPool(Math.min(devices.size(), 4));
        recorder.scheduleAtFixedRate(this::recordOne, 0, 1_000_000 / itemsPerSecond, TimeUnit.MICROSECONDS);
        for (Device device : devices) {
            syncers.scheduleWithFixedDelay(device::sync, 0, syncEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void recordOne() {
        if (generating) {
            devices.get(Math.floorMod(next.getAndIncrement(), devices.size())).record();
        }
    }

    void generate(boolean on) {
        generating = on;
    }

    /** Every device's queue is empty: nothing pending, nothing dead. */
    boolean drained() {
        return devices.stream().allMatch(d -> d.pending() == 0 && d.dead() == 0);
    }

    /** Each device's last queued item now: a fault's mark. */
    Map<Device, Long> mark() {
        Map<Device, Long> marks = new HashMap<>();
        devices.forEach(d -> marks.put(d, d.lastQueued()));
        return marks;
    }

    /** Every device had an item recorded after its mark acknowledged: writes are back everywhere. */
    boolean writesBackSince(Map<Device, Long> marks) {
        return marks.entrySet().stream().allMatch(e -> e.getKey().acknowledgedAfter(e.getValue()));
    }

    /** The ids acknowledged since {@code nanos}, by tenant. */
    Map<UUID, List<String>> acknowledgedSince(long nanos) {
        Map<UUID, List<String>> byTenant = new HashMap<>();
        devices.forEach(d -> byTenant.computeIfAbsent(d.tenant(), t -> new java.util.ArrayList<>())
                .addAll(d.acknowledgedSince(nanos)));
        return byTenant;
    }

    long dead() {
        return devices.stream().mapToLong(Device::dead).sum();
    }

    /** The ids the server acknowledged, by tenant, over every device of that tenant. */
    Map<UUID, Set<String>> acknowledged() {
        Map<UUID, Set<String>> byTenant = new HashMap<>();
        devices.forEach(d -> byTenant.computeIfAbsent(d.tenant(), t -> new HashSet<>()).addAll(d.acknowledged()));
        return byTenant;
    }

    @Override
    public void close() {
        recorder.shutdownNow();
        syncers.shutdownNow();
        try {
            syncers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        devices.forEach(Device::close);
    }
}
