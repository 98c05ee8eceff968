package io.contextstore.ingest.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.ingest.IngestFixture;
import io.contextstore.testing.ApiClient;
import io.contextstore.testing.ApiClient.Response;
import io.contextstore.testing.Tenants.TestTenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public JSONTestSuite (test_parsing/) against the push endpoint: every document that is not
 * JSON (n_) gets 400, and no document at all gets a 5xx.
 */
class JsonTestSuiteIT {

    private final IngestFixture ingest = IngestFixture.shared();

    @Test
    void everyInvalidDocumentIs400AndNoDocumentIsA5xx() throws IOException {
        TestTenant tenant = ingest.tenants().create("fuzz");
        ApiClient api = ingest.client();
        String token = api.login(tenant.licenseKey(), "fuzzer");
        List<Path> documents = documents();
        List<String> failures = new ArrayList<>();
        int invalid = 0;

        for (Path document : documents) {
            String name = document.getFileName().toString();
            Response response = api.post("/api/v1/context/push", token, Files.readAllBytes(document), "application/json");
            if (response.status() >= 500) {
                failures.add(name + " -> " + response.status());
            }
            if (name.startsWith("n_")) {
                invalid++;
                if (response.status() != 400 || !response.contentType().startsWith("application/problem+json")) {
                    failures.add(name + " -> " + response.status() + " (expected 400 problem+json)");
                }
            }
        }

        assertThat(documents).hasSizeGreaterThan(300);
        assertThat(invalid).isGreaterThan(180);
        assertThat(failures).isEmpty();
        assertThat(ingest.topic().eventsOf(tenant.tenantId())).isEmpty();
    }

    private static List<Path> documents() throws IOException {
        Path suite = locateSuite();
        try (Stream<Path> files = Files.list(suite)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    /** ../shared/testdata sits beside the project root, in CI as here. */
    static Path locateSuite() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/testdata/JSONTestSuite/test_parsing");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("JSONTestSuite not found beside the project (../shared/testdata)");
    }
}
