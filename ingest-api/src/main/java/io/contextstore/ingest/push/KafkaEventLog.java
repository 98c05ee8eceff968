package io.contextstore.ingest.push;

import io.contextstore.events.CloudEventHeaders;
import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;

/**
 * Appends to {@code context.events} with an idempotent producer ({@code acks=all}), keyed by tenant
 * so a tenant's events stay in one partition, in order. Sends a whole request's events at once and
 * then waits for every acknowledgement, bounded by the delivery timeout.
 */
final class KafkaEventLog implements EventLog, AutoCloseable {

    private final Producer<String, ContextEvent> producer;
    private final Duration ackWait;
    private final Timer acknowledged;

    KafkaEventLog(Map<String, Object> producerConfig, Duration ackWait, Timer acknowledged) {
        this.producer = new KafkaProducer<>(producerConfig, Topics.CONTEXT_EVENTS.keySerializer(),
                Topics.CONTEXT_EVENTS.valueSerializer());
        this.ackWait = ackWait;
        this.acknowledged = acknowledged;
    }

    @Override
    public List<Appended> append(List<ContextEvent> events) {
        List<Object> pending = new ArrayList<>(events.size());
        for (ContextEvent event : events) {
            pending.add(send(event));
        }
        long deadline = System.nanoTime() + ackWait.toNanos();
        List<Appended> outcomes = new ArrayList<>(events.size());
        for (Object sent : pending) {
            outcomes.add(sent instanceof Future<?> future ? await(future, deadline) : (Appended) sent);
        }
        return outcomes;
    }

    private Object send(ContextEvent event) {
        ProducerRecord<String, ContextEvent> record = new ProducerRecord<>(Topics.CONTEXT_EVENTS.name(), null,
                event.getTenantId().toString(), event, CloudEventHeaders.of(event));
        long sentAt = System.nanoTime();
        try {
            return producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.record(System.nanoTime() - sentAt, TimeUnit.NANOSECONDS);
                }
            });
        } catch (KafkaException e) {
            return new Failed(e);
        }
    }

    private static Appended await(Future<?> future, long deadlineNanos) {
        try {
            long remaining = Math.max(0, deadlineNanos - System.nanoTime());
            RecordMetadata metadata = (RecordMetadata) future.get(remaining, TimeUnit.NANOSECONDS);
            return new Landed(metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            return new Failed(e.getCause() instanceof Exception cause ? cause : e);
        } catch (TimeoutException e) {
            return new Failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
