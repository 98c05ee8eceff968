package io.contextstore.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.contextstore.ingest");

    @Test
    void theDeciderAndTheItemModelAreFreeOfSpringKafkaAndJdbc() {
        noClasses().that().haveSimpleNameStartingWith("PushDecider").or().haveSimpleName("ItemParser")
                .or().haveSimpleName("ContextItem").or().haveSimpleName("PushContext")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "java.sql..", "javax.sql..")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(classes);
    }

    @Test
    void controllersAndAdaptersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).or().haveSimpleName("KafkaEventLog")
                .or().haveSimpleName("DedupIndex")
                .should().notBePublic()
                .check(classes);
    }

    /** Services are separate deployables: they share schemas and platform, never each other's code. */
    @Test
    void theServiceDependsOnNoOtherDeployable() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.contextstore.projector..", "io.contextstore.query..", "io.contextstore.stack..", "io.contextstore.client..").check(classes);
    }
}
