package io.contextstore.bench;

import io.contextstore.ingest.IngestProperties;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The producer settings ingest sends with, read from its own defaults: a ceiling sends as ingest does. */
final class IngestSends {

    private IngestSends() {
    }

    static Map<String, Object> settings() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("contextstore.ingest.producer", IngestProperties.Producer.class).kafkaSettings();
    }

    /** The same as {@code key=value} arguments, for Kafka's own tools. */
    static List<String> asArguments() {
        return settings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    }
}
