package io.contextstore.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.contextstore.platform.migrate.MigrateMain;
import io.contextstore.stack.cluster.Deployable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md cannot drift from the code: its rows for the project's settings are exactly
 * the {@code @ConfigurationProperties} records' components (name, environment variable, default), the
 * migrate job's rows are exactly the variables it reads, and every Spring Boot property it names is one
 * Spring Boot documents. On a mismatch the message holds the rows as they should be.
 */
class ConfigurationDocsTest {

    private static final String DOCUMENT = "docs/configuration.md";

    private final List<List<String>> rows = tableRows(Repository.read(DOCUMENT));

    @Test
    void everyServiceSettingIsDocumentedWithItsVariableAndDefaultAndNothingElseIs() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (Class<?> record : Settings.records("io.contextstore")) {
            for (Setting setting : Settings.of(record)) {
                expected.put(setting.name(), List.of(setting.environmentVariable(), setting.defaultValue()));
            }
        }
        Map<String, List<String>> documented = new LinkedHashMap<>();
        for (List<String> row : rows) {
            if (row.get(0).startsWith("contextstore.")) {
                documented.put(row.get(0), List.of(row.get(1), row.get(2)));
                assertThat(row.get(3)).as("meaning of %s", row.get(0)).isNotBlank();
            }
        }
        assertThat(documented).as("rows of %s; they should read:%n%s", DOCUMENT, render(expected)).isEqualTo(expected);
    }

    @Test
    void theMigrateJobsVariablesAreDocumentedAndNothingElse() {
        List<String> documented = rows.stream().map(row -> row.get(0)).filter(name -> name.startsWith(MigrateMain.PREFIX))
                .map(name -> name.replace(" (_FILE)", "")).toList();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(MigrateMain.variables());
    }

    @Test
    void everySpringPropertyDocumentedIsOneSpringBootReadsAndEveryComposeVariableIsDocumented() {
        Settings.SpringProperties spring = Settings.spring();
        List<String> springRows = rows.stream().map(row -> row.get(0))
                .filter(name -> !name.startsWith("contextstore.") && !name.startsWith(MigrateMain.PREFIX)).toList();
        assertThat(springRows).isNotEmpty().allMatch(spring::documents, "a Spring Boot property");
        List<String> documented = rows.stream().map(row -> row.get(0)).toList();
        List<String> undocumented = new ArrayList<>();
        ComposeFile compose = ComposeFile.load();
        for (Deployable service : Deployable.values()) {
            for (String variable : compose.environment(service.composeService()).keySet()) {
                if (Settings.propertyOf(variable, documented, List.of()).isEmpty()) {
                    undocumented.add(service.composeService() + ": " + variable);
                }
            }
        }
        assertThat(undocumented).as("variables docker-compose.yml passes that %s does not list", DOCUMENT).isEmpty();
    }

    /** The cells of every table row whose first cell is a code span, without the backticks; "—" is empty. */
    static List<List<String>> tableRows(String markdown) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            if (line.startsWith("| `")) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|", -1)) {
                    String text = cell.trim();
                    text = text.equals("—") ? "" : text;
                    cells.add(text.startsWith("`") && text.endsWith("`") ? text.substring(1, text.length() - 1) : text);
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    private static String render(Map<String, List<String>> expected) {
        return expected.entrySet().stream().map(e -> "| `" + e.getKey() + "` | `" + e.getValue().get(0) + "` | "
                        + (e.getValue().get(1).isEmpty() ? "—" : "`" + e.getValue().get(1) + "`") + " | |")
                .collect(Collectors.joining("\n"));
    }
}
