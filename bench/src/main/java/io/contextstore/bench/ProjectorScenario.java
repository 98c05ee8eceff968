package io.contextstore.bench;

import io.contextstore.events.ContextEvent;
import io.contextstore.platform.crypto.CryptoRandom;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyRing;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.projector.ProjectorMeters;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Projector throughput: the log is prefilled while the projector instances are paused, then they
 * resume and the clock runs until they have passed the end of the log.
 */
final class ProjectorScenario {

    /**
     * The kept instance's search indexer waits this long before its first turn, longer than a bench run: it would
     * otherwise index each run's events while the ceilings' rounds that follow are measured (in a run the indexer
     * yields to the catching-up projector anyway, ADR 44).
     */
    private static final String[] INDEXER_HELD = {"--contextstore.projector.search-interval=2h",
        "--contextstore.projector.search-sweep=2h"};

    /**
     * @param tenantsPerBatch the mean number of tenants in the instances' polls of the run
     * @param spent           the CPU time from resuming the instances to their passing the end of the log
     * @param applied         the stretch of the log the instances applied
     */
    record Result(String name, int tenants, long events, int instances, Duration took, double tenantsPerBatch,
                  CoreTime.Spent spent, LogRead.Range applied) {
        double eventsPerSecond() {
            return events / (took.toNanos() / 1e9);
        }
    }

    private final BenchStack stack;
    private final Log log;

    ProjectorScenario(BenchStack stack) {
        this.stack = stack;
        this.log = new Log(stack);
    }

    Result run(String name, int tenantCount, int perTenant, int instances) {
        return run(name, tenantCount, perTenant, instances, false);
    }

    /** @param sealed whether the prefilled decisions are sealed under their tenant's key (ADR 33), as ingest writes them */
    Result run(String name, int tenantCount, int perTenant, int instances, boolean sealed) {
        List<ConfigurableApplicationContext> projectors = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            projectors.add(stack.startProjector());
        }
        try {
            return measure(name, projectors, tenantCount, perTenant, sealed);
        } finally {
            projectors.forEach(stack::stopProjector);
        }
    }

    /**
     * One instance, started now and kept until closed, as a deployed projector runs. A new instance for each run put
     * its start in the run's clock: the JIT compiler still compiled the start's code through the run (0.4-0.7 s of
     * compiling in a run of 100,000 events at 100 tenants), and the instance's connections prepared every statement
     * again (bench/profiling.md, 7 December 2026, 20:10-21:15).
     */
    Kept keep() {
        return new Kept(stack.startProjector(INDEXER_HELD));
    }

    /** A projector instance kept across runs. */
    final class Kept implements AutoCloseable {
        private final ConfigurableApplicationContext instance;

        private Kept(ConfigurableApplicationContext instance) {
            this.instance = instance;
        }

        Result run(String name, int tenantCount, int perTenant) {
            return measure(name, List.of(instance), tenantCount, perTenant, false);
        }

        @Override
        public void close() {
            stack.stopProjector(instance);
        }
    }

    private Result measure(String name, List<ConfigurableApplicationContext> projectors, int tenantCount,
                           int perTenant, boolean sealed) {
        log.awaitProjected(log.endOffsets(), Duration.ofMinutes(10));
        projectors.forEach(p -> containers(p).forEach(MessageListenerContainer::pause));
        List<UUID> tenants = new ArrayList<>();
        for (int i = 0; i < tenantCount; i++) {
            tenants.add(sealed ? stack.newTenant(name + "-" + i) : UUID.randomUUID());
        }
        Map<Integer, Long> start = log.endOffsets();
        log.prefill(tenants, perTenant, name + "-" + System.nanoTime(), sealed ? sealer(tenants) : event -> event);
        Map<Integer, Long> end = log.endOffsets();
        Polls before = Polls.of(projectors);
        CoreTime cores = CoreTime.now();
        projectors.forEach(p -> containers(p).forEach(MessageListenerContainer::resume));
        Duration took = log.awaitProjected(end, Duration.ofMinutes(30));
        CoreTime.Spent spent = cores.spentSince();
        return new Result(name, tenantCount, (long) tenantCount * perTenant, projectors.size(), took,
                Polls.of(projectors).tenantsPerBatchSince(before), spent, new LogRead.Range(start, end));
    }

    /** The instances' polls so far, summed from their batch tenants meters: how many, and their tenants. */
    private record Polls(long batches, double tenants) {

        static Polls of(List<ConfigurableApplicationContext> projectors) {
            List<DistributionSummary> meters = projectors.stream()
                    .map(p -> p.getBean(MeterRegistry.class).get(ProjectorMeters.BATCH_TENANTS).summary()).toList();
            return new Polls(meters.stream().mapToLong(DistributionSummary::count).sum(),
                    meters.stream().mapToDouble(DistributionSummary::totalAmount).sum());
        }

        double tenantsPerBatchSince(Polls before) {
            return (tenants - before.tenants) / (batches - before.batches);
        }
    }

    /** Seals each event under its tenant's key, created as the ingest API creates it. */
    private java.util.function.UnaryOperator<ContextEvent> sealer(List<UUID> tenants) {
        SubjectKeys keys = new SubjectKeys(MasterKeyRing.fromFile(stack.masterKeyFile(), CryptoRandom.nonces()),
                CryptoRandom.keys(), UUID::randomUUID);
        Map<UUID, SubjectKey> byTenant = new java.util.HashMap<>();
        try (Database ingest = Database.connect(stack.settings(ServiceRole.INGEST), "bench-keys")) {
            for (UUID tenant : tenants) {
                byTenant.put(tenant, ingest.inTenant(tenant, jdbc -> keys.current(jdbc, tenant, Set.of(""))).get(""));
            }
        }
        java.util.function.Supplier<byte[]> nonces = CryptoRandom.nonces();
        return event -> EventSealing.seal(event, event.getContentHash(), byTenant.get(event.getTenantId()), nonces.get());
    }

    private static List<MessageListenerContainer> containers(ConfigurableApplicationContext projector) {
        return List.copyOf(projector.getBeansOfType(MessageListenerContainer.class).values());
    }
}
