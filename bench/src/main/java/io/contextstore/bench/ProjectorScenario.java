package io.contextstore.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Projector throughput: the log is prefilled while the projector instances are paused, then they
 * resume and the clock runs until they have passed the end of the log.
 */
final class ProjectorScenario {

    record Result(String name, int tenants, long events, int instances, Duration took) {
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
        List<ConfigurableApplicationContext> projectors = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            projectors.add(stack.startProjector());
        }
        try {
            log.awaitProjected(log.endOffsets(), Duration.ofMinutes(10));
            projectors.forEach(p -> containers(p).forEach(MessageListenerContainer::pause));
            List<UUID> tenants = new ArrayList<>();
            for (int i = 0; i < tenantCount; i++) {
                tenants.add(UUID.randomUUID());
            }
            log.prefill(tenants, perTenant, name + "-" + System.nanoTime());
            Map<Integer, Long> end = log.endOffsets();
            projectors.forEach(p -> containers(p).forEach(MessageListenerContainer::resume));
            Duration took = log.awaitProjected(end, Duration.ofMinutes(30));
            return new Result(name, tenantCount, (long) tenantCount * perTenant, instances, took);
        } finally {
            stack.stopProjectors();
        }
    }

    private static List<MessageListenerContainer> containers(ConfigurableApplicationContext projector) {
        return List.copyOf(projector.getBeansOfType(MessageListenerContainer.class).values());
    }
}
