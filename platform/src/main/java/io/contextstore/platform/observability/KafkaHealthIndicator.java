package io.contextstore.platform.observability;

import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether the Kafka cluster answers, and with enough live brokers to accept an {@code acks=all}
 * write: fewer than {@code min.insync.replicas} brokers means every push would fail, so the service
 * is not ready even though some broker answers.
 */
final class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {

    static final int TIMEOUT_MS = 2000;

    private final Admin admin;
    private final int requiredBrokers;

    KafkaHealthIndicator(Admin admin, int requiredBrokers) {
        this.admin = admin;
        this.requiredBrokers = requiredBrokers;
    }

    @Override
    public Health health() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
            Health.Builder health = nodes.size() >= requiredBrokers ? Health.up() : Health.down();
            return health.withDetail("brokers", nodes.size()).withDetail("required", requiredBrokers).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return Health.down().withDetail("error", cause.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
