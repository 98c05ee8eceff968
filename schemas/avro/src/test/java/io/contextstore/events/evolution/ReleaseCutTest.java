package io.contextstore.events.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cut-release} writes the next release from the current schemas, run here on a throwaway copy of the module. */
class ReleaseCutTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void aChangedContractBecomesTheNextReleaseListedForTheCodec(@TempDir Path copy) throws Exception {
        copyModule(copy);
        Path task = copy.resolve("src/main/avro/TaskTracked.avsc");
        Files.writeString(task, Files.readString(task).replace("{\"name\": \"task_id\", \"type\": \"string\"},",
                "{\"name\": \"task_id\", \"type\": \"string\"}, {\"name\": \"priority\", \"type\": \"int\", \"default\": 0},"));
        int before = SchemaCompatibilityCheck.releases(copy.resolve("released")).size();

        Result cut = cutRelease(copy);

        Path next = copy.resolve("released").resolve(String.valueOf(before + 1));
        assertThat(cut.status()).as(cut.output()).isZero();
        assertThat(SchemaCompatibilityCheck.lastRelease(copy.resolve("released"))).isEqualTo(next);
        assertThat(Files.readString(next.resolve("TaskTracked.avsc"))).contains("priority");
        assertThat(names(next)).isEqualTo(names(copy.resolve("src/main/avro")));
        List<String> listed = Files.readAllLines(copy.resolve("released/RELEASES"));
        assertThat(listed.get(listed.size() - 1)).isEqualTo(String.valueOf(before + 1));
        assertThat(SchemaCompatibilityCheck.problems(next.resolveSibling(String.valueOf(before)), next)).isEmpty();
    }

    @Test
    void anUnchangedContractIsNoNewRelease(@TempDir Path copy) throws Exception {
        copyModule(copy);
        List<String> listed = Files.readAllLines(copy.resolve("released/RELEASES"));

        Result cut = cutRelease(copy);

        assertThat(cut.status()).isEqualTo(1);
        assertThat(cut.output()).contains("nothing to release");
        assertThat(Files.readAllLines(copy.resolve("released/RELEASES"))).isEqualTo(listed);
    }

    private record Result(int status, String output) {
    }

    private static Result cutRelease(Path module) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("bash", MODULE.resolve("cut-release").toString(), module.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** The parts of the module the script reads and writes: the current schemas and the releases. */
    private static void copyModule(Path copy) throws IOException {
        for (String part : List.of("src/main/avro", "released")) {
            Files.createDirectories(copy.resolve(part).getParent());
            try (Stream<Path> files = Files.walk(MODULE.resolve(part))) {
                for (Path source : files.toList()) {
                    Files.copy(source, copy.resolve(MODULE.relativize(source).toString()));
                }
            }
        }
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
