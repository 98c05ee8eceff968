package io.contextstore.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kind catalogue agrees with the .avsc files: each kind's fields are its record's, and each record is a released kind. */
class KindCatalogueTest {

    private static final Path RELEASED = Path.of("released");

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void aKindsFieldsAreItsAvroRecordsFieldsInOrderWithMatchingTypes(EventKind kind) {
        List<Schema.Field> record = kind.payloadSchema().getFields().stream()
                .filter(field -> !field.name().equals("project_id")).toList();

        assertThat(kind.fields()).extracting(FieldRule::name).containsExactlyElementsOf(record.stream().map(Schema.Field::name).toList());
        for (int i = 0; i < record.size(); i++) {
            assertThat(avroType(kind.fields().get(i))).as(kind + "." + record.get(i).name())
                    .isEqualTo(describe(record.get(i).schema()));
        }
        assertThat(kind.fields()).extracting(FieldRule::name).containsAll(kind.entityFields());
    }

    @Test
    void everyPayloadOfTheEnvelopeIsAKindAndEveryKindIsInTheEnvelope() {
        Set<String> union = ContextEvent.getClassSchema().getField("payload").schema().getTypes().stream()
                .map(Schema::getFullName).collect(Collectors.toSet());

        assertThat(union).isEqualTo(Arrays.stream(EventKind.values()).map(k -> k.payloadSchema().getFullName())
                .collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void everyKindIsInTheLastReleaseOfTheContract(EventKind kind) throws IOException {
        List<String> releases = Files.readAllLines(RELEASED.resolve("RELEASES")).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        Path last = RELEASED.resolve(releases.get(releases.size() - 1));

        assertThat(last.resolve(kind.payloadSchema().getName() + ".avsc")).as("add the kind to a new release").exists();
        assertThat(Files.readString(last.resolve("ContextEvent.avsc"))).contains("\"" + kind.payloadSchema().getFullName() + "\"");
    }

    @Test
    void endpointsTablesAndWireNamesAreEachUsedOnce() {
        for (var name : List.<java.util.function.Function<EventKind, String>>of(EventKind::wireName, EventKind::endpoint,
                EventKind::table, EventKind::localTable)) {
            assertThat(Arrays.stream(EventKind.values()).map(name)).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(EventKind.class)
    void aKindIsFoundByItsWireNameEndpointAndPayload(EventKind kind) {
        assertThat(EventKind.fromWireName(kind.wireName())).contains(kind);
        assertThat(EventKind.fromEndpoint(kind.endpoint())).contains(kind);
        assertThat(EventKind.ofPayload(kind.newPayload())).isEqualTo(kind);
        assertThat(EventKind.wireNames()).contains(kind.wireName());
    }

    @Test
    void anUnknownNameIsNoKind() {
        assertThat(EventKind.fromWireName("gossip")).isEmpty();
        assertThat(EventKind.fromEndpoint("gossip")).isEmpty();
    }

    private static String avroType(FieldRule rule) {
        return switch (rule.type()) {
            case TEXT, IDENTIFIER, CHOICE -> rule.required() ? "string" : "union[null, string]";
            case COUNT -> "int";
            case TAGS -> "array[string]";
        };
    }

    private static String describe(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> "union" + schema.getTypes().stream().map(KindCatalogueTest::describe).toList();
            case ARRAY -> "array[" + describe(schema.getElementType()) + "]";
            default -> schema.getType().getName();
        };
    }
}
