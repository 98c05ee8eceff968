package io.contextstore.events.evolution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaParser;

/**
 * The rule for evolving the event contract: every named type of the last release must still exist,
 * and each must be both backward compatible (a reader with the new schema reads records written with
 * the released one) and forward compatible (a reader still on the released schema reads records
 * written with the new one), by Avro's own {@link SchemaCompatibility}. Analysts and auditors read
 * years of log with whatever schema they have, so both directions matter.
 */
final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {
    }

    /** The highest numbered release under {@code releases} ({@code released/1}, {@code released/2}, ...). */
    static Path lastRelease(Path releases) {
        List<Path> all = releases(releases);
        if (all.isEmpty()) {
            throw new IllegalStateException("no release under " + releases);
        }
        return all.get(all.size() - 1);
    }

    /** The numbered release directories under {@code releases}, oldest first. */
    static List<Path> releases(Path releases) {
        try (Stream<Path> directories = Files.list(releases)) {
            return directories.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt(d -> Integer.parseInt(d.getFileName().toString())))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .avsc file of a directory, parsed together (they refer to each other), by full name. */
    static Map<String, Schema> parse(Path directory) {
        SchemaParser parser = new SchemaParser();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList()) {
                parser.parse(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Schema> byName = new TreeMap<>();
        parser.getParsedNamedSchemas().forEach(schema -> byName.put(schema.getFullName(), schema));
        return byName;
    }

    /** What breaks compatibility between the released schemas and the current ones; empty when nothing does. */
    static List<String> problems(Path released, Path current) {
        Map<String, Schema> before = parse(released);
        Map<String, Schema> now = parse(current);
        List<String> problems = new ArrayList<>();
        before.forEach((name, old) -> {
            Schema changed = now.get(name);
            if (changed == null) {
                problems.add(name + " was removed");
                return;
            }
            describe(problems, name, "not backward compatible: a reader with the new schema cannot read released data",
                    SchemaCompatibility.checkReaderWriterCompatibility(changed, old));
            describe(problems, name, "not forward compatible: a reader with the released schema cannot read new data",
                    SchemaCompatibility.checkReaderWriterCompatibility(old, changed),
                    incompatibility -> isNewKind(incompatibility, changed, before));
        });
        return problems;
    }

    /**
     * The one forward incompatibility a release may bring (ADR 29): a new branch of the envelope's payload
     * union — a new kind, whose record the released schemas do not have. Readers of the release skip such
     * records by their {@code ce_type} header; every other change must stay readable by them.
     */
    private static boolean isNewKind(SchemaCompatibility.Incompatibility incompatibility, Schema writer,
                                     Map<String, Schema> released) {
        if (!writer.getFullName().equals("io.contextstore.events.ContextEvent")
                || incompatibility.getType() != SchemaIncompatibilityType.MISSING_UNION_BRANCH) {
            return false;
        }
        // Found by name: fields added to the envelope (release 3's sealed) move the payload's position.
        String branches = "/fields/" + writer.getField("payload").pos() + "/type/";
        if (!incompatibility.getLocation().matches(java.util.regex.Pattern.quote(branches) + "\\d+")) {
            return false;
        }
        int index = Integer.parseInt(incompatibility.getLocation().substring(branches.length()));
        Schema branch = writer.getField("payload").schema().getTypes().get(index);
        return branch.getType() == Schema.Type.RECORD && !released.containsKey(branch.getFullName());
    }

    private static void describe(List<String> problems, String name, String what,
                                 SchemaCompatibility.SchemaPairCompatibility result) {
        describe(problems, name, what, result, incompatibility -> false);
    }

    private static void describe(List<String> problems, String name, String what,
                                 SchemaCompatibility.SchemaPairCompatibility result,
                                 Predicate<SchemaCompatibility.Incompatibility> allowed) {
        if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
            return;
        }
        for (SchemaCompatibility.Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            if (!allowed.test(incompatibility)) {
                problems.add(name + " is " + what + ": " + incompatibility.getType() + " at "
                        + incompatibility.getLocation() + " (" + incompatibility.getMessage() + ")");
            }
        }
    }
}
