package io.contextstore.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.contextstore.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The shared boundaries (docs/architecture.md): what a pull or a list asks for is decided in
 * {@code pull.decision} and {@code lists.decision}.
 */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.contextstore.query");

    @Test
    void requestDecisionsAreFreeOfSpringKafkaJdbcClockAndRandomness() {
        ArchitectureRules.decisionCodeIsPure().check(classes);
    }

    @Test
    void controllersAndAdaptersArePackagePrivate() {
        ArchitectureRules.controllersArePackagePrivate().check(classes);
        ArchitectureRules.adaptersArePackagePrivate().check(classes);
    }

    @Test
    void searchDependsOnNoOtherFeaturePackage() {
        noClasses().that().resideInAPackage("io.contextstore.query.search")
                .should().dependOnClassesThat().resideInAnyPackage("io.contextstore.query.pull..",
                        "io.contextstore.query.lists..", "io.contextstore.query.status..", "io.contextstore.query.audit..")
                .check(classes);
    }

    /** Services are separate deployables: they share schemas and platform, never each other's code. */
    @Test
    void theServiceDependsOnlyOnSchemasAndPlatform() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.query..", "io.contextstore.events..", "io.contextstore.platform..")
                .check(classes);
    }
}
