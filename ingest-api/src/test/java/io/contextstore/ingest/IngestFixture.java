package io.contextstore.ingest;

import io.contextstore.testing.ApiClient;
import io.contextstore.testing.Infrastructure;
import io.contextstore.testing.Tenants;
import io.contextstore.testing.TopicReader;
import java.nio.file.Path;

/** What an ingest integration test needs: the running API, its infrastructure and helpers. */
public final class IngestFixture {

    private final RunningIngestApi api;
    private final TopicReader topic;

    private IngestFixture(RunningIngestApi api) {
        this.api = api;
        this.topic = new TopicReader(api.infrastructure.kafkaBootstrapServers());
    }

    public static IngestFixture shared() {
        return new IngestFixture(RunningIngestApi.shared());
    }

    public ApiClient client() {
        return api.client;
    }

    public Tenants tenants() {
        return api.tenants;
    }

    public TopicReader topic() {
        return topic;
    }

    public Infrastructure infrastructure() {
        return api.infrastructure;
    }

    public Path keyDirectory() {
        return api.keyDirectory;
    }
}
