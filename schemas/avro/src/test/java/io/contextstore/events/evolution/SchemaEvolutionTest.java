package io.contextstore.events.evolution;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.events.ContextEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build fails when a changed .avsc is not backward and forward compatible with the last
 * release kept in {@code released/<n>/}, when a release is not compatible with the one before it (a
 * release is cut after the check above ran, so the chain is what keeps the check meaningful), and when
 * the producer writes with a schema no release holds. The other tests try changes on a throwaway copy of the
 * schemas and show the check refuses the incompatible ones and lets a compatible one through.
 */
class SchemaEvolutionTest {

    private static final Path CURRENT = Path.of("src", "main", "avro");
    private static final Path RELEASES = Path.of("released");

    @Test
    void theCurrentSchemasAreBackwardAndForwardCompatibleWithTheLastRelease() {
        Path last = SchemaCompatibilityCheck.lastRelease(RELEASES);

        assertThat(SchemaCompatibilityCheck.parse(last)).containsKeys("io.contextstore.events.ContextEvent",
                "io.contextstore.events.TaskTracked");
        assertThat(SchemaCompatibilityCheck.problems(last, CURRENT)).isEmpty();
    }

    @Test
    void everyReleaseIsBackwardAndForwardCompatibleWithTheOneBeforeIt() {
        List<Path> releases = SchemaCompatibilityCheck.releases(RELEASES);

        assertThat(releases).hasSizeGreaterThan(1);
        for (int i = 1; i < releases.size(); i++) {
            assertThat(SchemaCompatibilityCheck.problems(releases.get(i - 1), releases.get(i)))
                    .as(releases.get(i) + " against " + releases.get(i - 1)).isEmpty();
        }
    }

    @Test
    void theSchemaTheProducerWritesWithIsTheLastReleaseSoEveryRecordHasAReleasedFingerprint() {
        Schema released = SchemaCompatibilityCheck.parse(lastRelease()).get("io.contextstore.events.ContextEvent");

        assertThat(SchemaNormalization.parsingFingerprint64(ContextEvent.getClassSchema()))
                .as("the contract changed since the last release: run schemas/avro/cut-release and commit what it writes")
                .isEqualTo(SchemaNormalization.parsingFingerprint64(released));
    }

    @Test
    void aRequiredFieldAddedWithoutADefaultFailsTheCheck(@TempDir Path copy) throws IOException {
        edit(copy, "TaskTracked.avsc", "{\"name\": \"task_id\", \"type\": \"string\"},",
                "{\"name\": \"task_id\", \"type\": \"string\"}, {\"name\": \"priority\", \"type\": \"int\"},");

        List<String> problems = SchemaCompatibilityCheck.problems(lastRelease(), copy);

        assertThat(problems).contains("io.contextstore.events.TaskTracked is not backward compatible: a reader with the "
                + "new schema cannot read released data: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1 (priority)");
        assertThat(problems).allMatch(p -> p.contains("not backward compatible"));
    }

    @Test
    void aRemovedRequiredFieldFailsTheCheckForReadersOfTheRelease(@TempDir Path copy) throws IOException {
        edit(copy, "TaskTracked.avsc", "{\"name\": \"description\", \"type\": \"string\"},", "");

        List<String> problems = SchemaCompatibilityCheck.problems(lastRelease(), copy);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("TaskTracked is not forward compatible")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("(description)"));
        assertThat(problems).allMatch(p -> p.contains("not forward compatible"));
    }

    @Test
    void aChangedFieldTypeFailsTheCheckBothWays(@TempDir Path copy) throws IOException {
        edit(copy, "DecisionRecorded.avsc", "{\"name\": \"title\", \"type\": \"string\"}", "{\"name\": \"title\", \"type\": \"int\"}");

        List<String> problems = SchemaCompatibilityCheck.problems(lastRelease(), copy);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains("DecisionRecorded is not backward compatible")
                .contains("TYPE_MISMATCH at /fields/0/type"));
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("DecisionRecorded is not forward compatible"));
    }

    @Test
    void aNewKindIsTheOneForwardIncompatibilityAllowedButAnExistingBranchMayNotChange(@TempDir Path copy) throws IOException {
        Files.writeString(copy.resolve("NoteRecorded.avsc"), """
                {"type": "record", "name": "NoteRecorded", "namespace": "io.contextstore.events",
                 "fields": [{"name": "note", "type": "string"}]}""");
        edit(copy, "ContextEvent.avsc", "\"io.contextstore.events.ProjectContextRecorded\"",
                "\"io.contextstore.events.ProjectContextRecorded\", \"io.contextstore.events.NoteRecorded\"");
        assertThat(SchemaCompatibilityCheck.problems(lastRelease(), copy)).as("a new kind (ADR 29)").isEmpty();

        edit(copy, "ContextEvent.avsc", "{\"name\": \"user_id\", \"type\": \"string\"}", "{\"name\": \"user_id\", \"type\": \"long\"}");

        assertThat(SchemaCompatibilityCheck.problems(lastRelease(), copy))
                .anySatisfy(p -> assertThat(p).contains("ContextEvent is not forward compatible").contains("TYPE_MISMATCH"));
    }

    @Test
    void aFieldAddedWithADefaultAndARemovedTypeAreToldApart(@TempDir Path copy) throws IOException {
        edit(copy, "TaskTracked.avsc", "{\"name\": \"task_id\", \"type\": \"string\"},",
                "{\"name\": \"task_id\", \"type\": \"string\"}, {\"name\": \"priority\", \"type\": \"int\", \"default\": 0},");
        assertThat(SchemaCompatibilityCheck.problems(lastRelease(), copy)).isEmpty();

        Files.delete(copy.resolve("ProjectContextRecorded.avsc"));
        edit(copy, "ContextEvent.avsc", ",\n      \"io.contextstore.events.ProjectContextRecorded\"", "");

        assertThat(SchemaCompatibilityCheck.problems(lastRelease(), copy))
                .contains("io.contextstore.events.ProjectContextRecorded was removed");
    }

    private static Path lastRelease() {
        return SchemaCompatibilityCheck.lastRelease(RELEASES);
    }

    /** A throwaway copy of the current schemas (made once per test), with one text replaced in one file. */
    private static void edit(Path copy, String file, String from, String to) throws IOException {
        if (!Files.exists(copy.resolve("ContextEvent.avsc"))) {
            try (Stream<Path> files = Files.list(CURRENT)) {
                for (Path source : files.toList()) {
                    Files.copy(source, copy.resolve(source.getFileName()));
                }
            }
        }
        String text = Files.readString(copy.resolve(file));
        assertThat(text).as("the schema to change").contains(from);
        Files.writeString(copy.resolve(file), text.replace(from, to));
    }
}
