package io.contextstore.platform.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentSettingsTest {

    @TempDir
    Path directory;

    @Test
    void aSecretIsReadFromTheFileItsFileVariableNamesWithoutTheTrailingNewline() throws IOException {
        Path file = Files.writeString(directory.resolve("owner"), "s3cret value\n");
        EnvironmentSettings env = EnvironmentSettings.of(Map.of("OWNER_PASSWORD_FILE", file.toString()));

        assertThat(env.required("OWNER_PASSWORD")).isEqualTo("s3cret value");
    }

    @Test
    void aValueAndAFileForTheSameSettingAreRefusedAsAmbiguous() throws IOException {
        Path file = Files.writeString(directory.resolve("owner"), "from-file");
        EnvironmentSettings env = EnvironmentSettings.of(Map.of("OWNER_PASSWORD", "inline",
                "OWNER_PASSWORD_FILE", file.toString()));

        assertThatThrownBy(() -> env.required("OWNER_PASSWORD")).hasMessageContaining("not both");
    }

    @Test
    void aMissingRequiredSettingIsNamedAndAnEmptyOneCountsAsMissing() {
        EnvironmentSettings env = EnvironmentSettings.of(Map.of("URL", ""));

        assertThatThrownBy(() -> env.required("URL")).hasMessage("URL (or URL_FILE) is required");
        assertThat(env.orDefault("OWNER", "cs_owner")).isEqualTo("cs_owner");
    }

    @Test
    void theDatabaseNameComesFromTheJdbcUrlsPath() {
        assertThat(MigrateMain.databaseName("jdbc:postgresql://postgres:5432/contextstore")).isEqualTo("contextstore");
        assertThat(MigrateMain.databaseName("jdbc:postgresql://db/ctx?sslmode=require")).isEqualTo("ctx");
        assertThatThrownBy(() -> MigrateMain.databaseName("jdbc:postgresql://postgres:5432/"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMisconfiguredJobExitsWithTwoBeforeConnectingAnywhere() {
        assertThat(MigrateMain.run(EnvironmentSettings.of(Map.of(MigrateMain.OWNER_PASSWORD, "x")))).isEqualTo(2);
    }
}
