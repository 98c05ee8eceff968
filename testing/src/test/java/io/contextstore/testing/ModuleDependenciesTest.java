package io.contextstore.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The library modules every service builds on, checked here because their own builds come before this
 * module: schemas and the secret detector depend on nothing of ours, platform only on those two (license
 * keys are confirmed by the detector's checksum). (Each service checks its own dependencies in its
 * ArchitectureTest.)
 */
class ModuleDependenciesTest {

    @Test
    void schemasDependOnNothingOfOurs() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.events..")
                .check(new ClassFileImporter().importPackages("io.contextstore.events"));
    }

    @Test
    void theSecretDetectorDependsOnNothingOfOurs() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.redaction..")
                .check(new ClassFileImporter().importPackages("io.contextstore.redaction"));
    }

    @Test
    void platformDependsOnlyOnSchemasAndTheSecretDetector() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.platform..", "io.contextstore.events..", "io.contextstore.redaction..")
                .check(new ClassFileImporter().importPackages("io.contextstore.platform"));
    }
}
