package io.contextstore.projector;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.contextstore.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The shared boundaries (docs/architecture.md): what the log does to the read model is decided in {@code projection}. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.contextstore.projector");

    @Test
    void theProjectionDecidesWithoutSpringKafkaJdbcClockOrRandomness() {
        ArchitectureRules.decisionCodeIsPure().check(classes);
    }

    @Test
    void controllersAndAdaptersArePackagePrivate() {
        ArchitectureRules.controllersArePackagePrivate().allowEmptyShould(true).check(classes);
        // rebuild is the projector's API for the stack's audit commands
        ArchitectureRules.adaptersArePackagePrivate("io.contextstore.projector.rebuild").check(classes);
    }

    /** Services are separate deployables: they share schemas and platform, never each other's code. */
    @Test
    void theServiceDependsOnlyOnSchemasAndPlatform() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.projector..", "io.contextstore.events..",
                "io.contextstore.platform..").check(classes);
    }
}
