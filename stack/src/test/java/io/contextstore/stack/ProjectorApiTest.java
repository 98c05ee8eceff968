package io.contextstore.stack;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.contextstore.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The stack assembles the services but uses the projector through its small API only: its application
 * and configuration, the rebuild and catch-up entry points (rebuild), and the pure planner the audit
 * replay recomputes the chain with (projection). Its consumer, writer and lag are the projector's own.
 */
class ProjectorApiTest {

    @Test
    void theStackUsesTheProjectorThroughRebuildProjectionAndItsApplicationOnly() {
        ArchitectureRules.dependsOnlyOn("io.contextstore.stack..", "io.contextstore.events..", "io.contextstore.platform..",
                        "io.contextstore.embedded..", "io.contextstore.ingest..", "io.contextstore.query..",
                        "io.contextstore.projector", "io.contextstore.projector.rebuild..", "io.contextstore.projector.projection..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.contextstore.stack"));
    }
}
