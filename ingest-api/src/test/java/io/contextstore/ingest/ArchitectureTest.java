package io.contextstore.ingest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.contextstore.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The shared boundaries (docs/architecture.md): what to push is decided in {@code push.decision}. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.contextstore.ingest");

    @Test
    void parsingAndDedupDecisionsAreFreeOfSpringKafkaJdbcClockAndRandomness() {
        ArchitectureRules.decisionCodeIsPure().check(classes);
    }

    @Test
    void controllersAndAdaptersArePackagePrivate() {
        ArchitectureRules.controllersArePackagePrivate().check(classes);
        ArchitectureRules.adaptersArePackagePrivate().check(classes);
    }

    /** Services are separate deployables: they share schemas, platform and the secret detector, never each other's code. */
    @Test
    void theServiceDependsOnlyOnSchemasPlatformAndTheSecretDetector() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.ingest..", "io.contextstore.events..", "io.contextstore.platform..",
                        "io.contextstore.redaction..")
                .check(classes);
    }
}
