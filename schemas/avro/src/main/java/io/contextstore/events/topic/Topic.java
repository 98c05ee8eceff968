package io.contextstore.events.topic;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;

/**
 * One Kafka topic with the codecs of its key and value: the only place a topic's name and wire
 * format are defined.
 */
public record Topic<K, V>(String name, Codec<K> key, Codec<V> value) {

    public Serializer<K> keySerializer() {
        return (topic, data) -> data == null ? null : key.encode(data);
    }

    public Serializer<V> valueSerializer() {
        return (topic, data) -> data == null ? null : value.encode(data);
    }

    public Deserializer<K> keyDeserializer() {
        return (topic, data) -> data == null ? null : key.decode(data);
    }

    public Deserializer<V> valueDeserializer() {
        return (topic, data) -> data == null ? null : value.decode(data);
    }

    /**
     * The partition of {@code partitions} that the producer's default partitioner gives a record keyed {@code key}
     * (murmur2 of the key's bytes): where a tenant's events are, for whoever reads one tenant's part of the log.
     */
    public int partitionOf(K key, int partitions) {
        return Utils.toPositive(Utils.murmur2(this.key.encode(key))) % partitions;
    }
}
