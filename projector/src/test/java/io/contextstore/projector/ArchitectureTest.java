package io.contextstore.projector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.contextstore.projector");

    @Test
    void theProjectionDecidesWithoutSpringKafkaJdbcClockOrRandomness() {
        noClasses().that().resideInAPackage("..projector.projection..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "java.sql..", "javax.sql..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.util.UUID.class, "randomUUID")
                .check(classes);
    }

    /** Services are separate deployables: they share schemas and platform, never each other's code. */
    @Test
    void theServiceDependsOnNoOtherDeployable() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.contextstore.ingest..", "io.contextstore.query..", "io.contextstore.stack..", "io.contextstore.client..").check(classes);
    }
}
