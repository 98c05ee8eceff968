package io.contextstore.stack.audit;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContentHash;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.DecisionRecorded;
import io.contextstore.events.topic.Topics;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.ServiceRole;
import io.contextstore.platform.tenancy.AuditGrants;
import io.contextstore.stack.RunningServices;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants.TestTenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;

/**
 * A bounded measurement, run once by hand (bench/audit/run.sh), never by the test suite: N events of
 * one tenant produced raw, projected by the live projector, then replayed by an auditor and verified.
 */
public final class AuditBench {

    public static void main(String[] args) throws Exception {
        int events = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        RunningServices services = RunningServices.shared();
        Infrastructure infrastructure = services.infrastructure();
        TestTenant tenant = services.tenants().create("bench");
        UUID firm = services.tenants().administration().createTenant("bench-auditors");
        String auditorKey = services.tenants().issue(firm, "auditor", "auditor", null).key().value();
        try (Database admin = Database.connect(infrastructure.settings(ServiceRole.ADMIN), "bench-admin")) {
            new AuditGrants(admin).grant(tenant.tenantId(), new AuditGrants.Auditor(firm, "auditor"), Instant.now());
        }

        long started = System.nanoTime();
        long last = produce(infrastructure.kafkaBootstrapServers(), tenant.tenantId(), events);
        double produceSeconds = seconds(started);
        System.out.printf("produced %,d events raw in %.1f s (%,.0f/s); last offset %d%n", events, produceSeconds,
                events / produceSeconds, last);

        ApiClient api = services.client();
        String auditor = api.login(auditorKey, "bench");
        long projecting = System.nanoTime();
        long deadline = projecting + Duration.ofMinutes(30).toNanos();
        while (api.get("/api/v1/audit/tenants/" + tenant.tenantId() + "/chain", auditor).json().get("watermark").longValue() < last) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the projector did not reach offset " + last + " in 30 minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        double projectSeconds = seconds(started);
        System.out.printf("live projector reached the end %.1f s after the first produce (%,.0f events/s end to end)%n",
                projectSeconds, events / projectSeconds);

        Path replayed = out.resolve("replay.jsonl");
        long replaying = System.nanoTime();
        int replay = audit(services, infrastructure, "replay", "--tenant", tenant.tenantId().toString(),
                "--license-key", auditorKey, "--output", replayed.toString(), "--progress");
        double replaySeconds = seconds(replaying);
        System.out.printf("replay: exit %d, %,d events in %.1f s = %,.0f events/s (%,d MB of JSON Lines)%n", replay, events,
                replaySeconds, events / replaySeconds, Files.size(replayed) >> 20);

        long verifying = System.nanoTime();
        int verify = audit(services, infrastructure, "verify", "--tenant", tenant.tenantId().toString(), "--progress");
        double verifySeconds = seconds(verifying);
        System.out.printf("verify --tenant: exit %d, %,d events in %.1f s%n", verify, events, verifySeconds);

        long verifyingAll = System.nanoTime();
        int verifyAll = audit(services, infrastructure, "verify", "--progress");
        System.out.printf("verify (every tenant): exit %d in %.1f s%n", verifyAll, seconds(verifyingAll));
        Files.deleteIfExists(replayed);
        System.exit(0);
    }

    private static long produce(String bootstrapServers, UUID tenant, int events) throws Exception {
        byte[] key = tenant.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Instant base = Instant.parse("2026-11-25T00:00:00Z");
        String filler = "x".repeat(200);
        long last = -1;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers,
                "acks", "all", "enable.idempotence", true, "linger.ms", 10, "batch.size", 262_144,
                "compression.type", "lz4"), new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> tail = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                String title = "decision " + i;
                String hash = ContentHash.of(Map.of("kind", "decision", "title", title, "decision", filler));
                Instant at = base.plusMillis(i);
                ContextEvent event = ContextEvent.newBuilder().setEventId(ContentHash.eventId(tenant, hash))
                        .setTenantId(tenant).setUserId("bench").setDeviceId("producer").setProjectId(null)
                        .setContentHash(hash).setClientSeq(null).setOccurredAt(at).setReceivedAt(at)
                        .setPayload(new DecisionRecorded(title, filler, null, List.of("bench"))).build();
                var sent = producer.send(new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null, key,
                        Topics.CONTEXT_EVENTS.value().encode(event), CloudEventHeaders.of(event)));
                if (i >= events - 1) {
                    tail.add(sent);
                }
            }
            producer.flush();
            last = tail.get(0).get().offset();
        }
        return last;
    }

    private static int audit(RunningServices services, Infrastructure infrastructure, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", Path.of("target", "no-embedded-stack").toAbsolutePath().toString(),
                "--base-url", services.client().baseUrl(),
                "--bootstrap-servers", infrastructure.kafkaBootstrapServers(),
                "--database-url", infrastructure.databaseUrl(),
                "--owner", Infrastructure.OWNER, "--owner-password", Infrastructure.ownerPassword(),
                "--projector-password", Infrastructure.password(ServiceRole.PROJECTOR),
                "--auditor-password", Infrastructure.password(ServiceRole.AUDITOR)));
        return new CommandLine(new AuditCommand()).execute(all.toArray(String[]::new));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
