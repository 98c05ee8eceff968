package io.contextstore.events.topic;

/** Header names on {@link Topics#CONTEXT_EVENTS_DLQ} records. */
public final class DeadLetterHeaders {

    public static final String REASON = "dlq_reason";
    public static final String ORIGINAL_TOPIC = "dlq_original_topic";
    public static final String ORIGINAL_PARTITION = "dlq_original_partition";
    public static final String ORIGINAL_OFFSET = "dlq_original_offset";

    private DeadLetterHeaders() {
    }
}
