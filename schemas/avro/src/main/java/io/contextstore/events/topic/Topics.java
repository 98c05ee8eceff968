package io.contextstore.events.topic;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.SubjectErased;

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

    /**
     * The value codec of the control record that shares {@link #CONTEXT_EVENTS} with the events: an
     * erasure (ADR 33). Its {@code ce_type} header ({@code CloudEventHeaders.SUBJECT_ERASED_TYPE}) says which codec a record needs.
     */
    public static final Codec<SubjectErased> SUBJECT_ERASED = new SubjectErasedCodec();

    private Topics() {
    }
}
