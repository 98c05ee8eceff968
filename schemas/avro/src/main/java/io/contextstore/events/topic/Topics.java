package io.contextstore.events.topic;

import io.contextstore.events.ContextEvent;

/** Every topic of Context Store, with its key and value formats. */
public final class Topics {

    /** The system of record. Key: tenant id (so one tenant stays on one partition, in order). */
    public static final Topic<String, ContextEvent> CONTEXT_EVENTS =
            new Topic<>("context.events", Codecs.UTF8, new ContextEventCodec());

    /**
     * Records the projector could not apply, copied byte for byte with the reason and the
     * original coordinates in headers (see {@link DeadLetterHeaders}).
     */
    public static final Topic<byte[], byte[]> CONTEXT_EVENTS_DLQ =
            new Topic<>("context.events.dlq", Codecs.BYTES, Codecs.BYTES);

    private Topics() {
    }
}
