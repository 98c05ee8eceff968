package io.contextstore.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.contextstore.query");

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(classes);
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
    void theServiceDependsOnNoOtherDeployable() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.contextstore.ingest..", "io.contextstore.projector..", "io.contextstore.stack..", "io.contextstore.client..").check(classes);
    }
}
