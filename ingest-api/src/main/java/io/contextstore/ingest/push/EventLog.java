package io.contextstore.ingest.push;

import io.contextstore.events.ContextEvent;
import java.util.List;

/** Where events are appended: Kafka, acknowledged by all in-sync replicas. */
interface EventLog {

    /** One outcome per event, in order: where it landed, or why it did not. Waits a bounded time. */
    List<Appended> append(List<ContextEvent> events);

    sealed interface Appended permits Landed, Failed {
    }

    record Landed(int partition, long offset) implements Appended {
    }

    record Failed(Exception cause) implements Appended {
    }
}
