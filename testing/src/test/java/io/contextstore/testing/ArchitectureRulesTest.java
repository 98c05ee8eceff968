package io.contextstore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.contextstore.testing.fixture.adapter.ExposedAdapter;
import io.contextstore.testing.fixture.adapter.SharedAdapter;
import io.contextstore.testing.fixture.decision.ClockReadingDecision;
import io.contextstore.testing.fixture.decision.JdbcDecision;
import io.contextstore.testing.fixture.decision.PureDecision;
import io.contextstore.testing.fixture.decision.RandomDecision;
import io.contextstore.testing.fixture.web.PublicController;
import org.junit.jupiter.api.Test;

/** The shared rules catch what they promise to, on fixture classes made to break them. */
class ArchitectureRulesTest {

    private static final String FIXTURE = "io.contextstore.testing.fixture";

    @Test
    void decisionCodeThatDecidesFromItsArgumentsOnlyPasses() {
        assertThat(violations(ArchitectureRules.decisionCodeIsPure(), PureDecision.class)).isEmpty();
    }

    @Test
    void decisionCodeThatReadsTheClockDrawsRandomnessOrUsesJdbcFails() {
        assertThat(violations(ArchitectureRules.decisionCodeIsPure(), ClockReadingDecision.class)).contains("Instant.now()");
        assertThat(violations(ArchitectureRules.decisionCodeIsPure(), RandomDecision.class)).contains("UUID.randomUUID()");
        assertThat(violations(ArchitectureRules.decisionCodeIsPure(), JdbcDecision.class)).contains("java.sql.Connection");
    }

    @Test
    void aPublicControllerFailsAndAPackagePrivateOnePasses() {
        String report = violations(ArchitectureRules.controllersArePackagePrivate(), fixtures());

        assertThat(report).contains("PublicController").doesNotContain("HiddenController");
    }

    @Test
    void aPublicAdapterOnlyItsOwnPackageUsesFailsUnlessItIsTheModulesApi() {
        String report = violations(ArchitectureRules.adaptersArePackagePrivate(), fixtures());

        assertThat(report).contains(ExposedAdapter.class.getName())
                .doesNotContain(SharedAdapter.class.getName()).doesNotContain("HiddenAdapter");
        assertThat(violations(ArchitectureRules.adaptersArePackagePrivate(FIXTURE + ".adapter"), fixtures())).isEmpty();
    }

    @Test
    void aDependencyOnOneOfOurModulesOutsideTheAllowedOnesFails() {
        assertThat(violations(ArchitectureRules.dependsOnlyOn(FIXTURE + ".."), PublicController.class))
                .contains(Tenants.class.getName());
        assertThat(violations(ArchitectureRules.dependsOnlyOn(FIXTURE + "..", "io.contextstore.testing"),
                PublicController.class)).isEmpty();
    }

    /** The adapters and the controllers; the decision fixtures break other rules on purpose. */
    private static JavaClasses fixtures() {
        return new ClassFileImporter().importPackages(FIXTURE + ".adapter", FIXTURE + ".web");
    }

    private static String violations(ArchRule rule, Class<?>... classes) {
        return violations(rule, new ClassFileImporter().importClasses(classes));
    }

    private static String violations(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        return result.hasViolation() ? result.getFailureReport().toString() : "";
    }
}
