package io.contextstore.testing;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The two library modules every service builds on, checked here because their own builds come before
 * this module: schemas depends on nothing of ours, platform only on schemas. (Each service checks its
 * own dependencies in its ArchitectureTest.)
 */
class ModuleDependenciesTest {

    @Test
    void schemasDependOnNothingOfOurs() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.events..")
                .check(new ClassFileImporter().importPackages("io.contextstore.events"));
    }

    @Test
    void platformDependsOnlyOnSchemas() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.platform..", "io.contextstore.events..")
                .check(new ClassFileImporter().importPackages("io.contextstore.platform"));
    }
}
