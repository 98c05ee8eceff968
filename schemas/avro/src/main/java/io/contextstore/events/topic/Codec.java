package io.contextstore.events.topic;

/**
 * Turns values of one type into the bytes of a Kafka key or value and back.
 * Decoding failures are {@link UndecodableRecordException}s so consumers can route poison records.
 */
public interface Codec<T> {

    byte[] encode(T value);

    T decode(byte[] bytes);
}
