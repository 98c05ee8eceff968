package io.contextstore.events.topic;

import io.contextstore.events.SubjectErased;
import java.util.List;

/**
 * Avro single-object encoding of {@link SubjectErased}, the control record that shares
 * {@code context.events} with the tenant's events (ADR 33). Readers tell it apart by its {@code ce_type}.
 */
final class SubjectErasedCodec implements Codec<SubjectErased> {

    static {
        ContextEventCodec.trust(SubjectErased.class);
    }

    private final Codec<SubjectErased> codec =
            new SingleObjectCodec<>(SubjectErased.class, List.of());

    @Override
    public byte[] encode(SubjectErased value) {
        return codec.encode(value);
    }

    @Override
    public SubjectErased decode(byte[] bytes) {
        return codec.decode(bytes);
    }
}
