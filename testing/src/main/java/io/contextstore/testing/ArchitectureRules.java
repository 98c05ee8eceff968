package io.contextstore.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

/**
 * The boundaries every service module keeps, as ArchUnit rules its {@code ArchitectureTest} checks
 * (docs/architecture.md). Code is selected by package, never by class name, so a new class in a
 * package is held to its package's rules without anyone listing it.
 */
public final class ArchitectureRules {

    /**
     * Where the code that decides lives: a package named {@code decision} (what a request asks, what a
     * push appends) or {@code projection} (what the log does to the read model), at any depth.
     */
    public static final String[] DECISION_PACKAGES = {"..decision..", "..projection.."};

    /** Frameworks and I/O that decision code must not see; adapters are the classes that do. */
    private static final String[] FRAMEWORK_AND_IO = {"org.springframework..", "org.apache.kafka..", "java.sql..",
        "javax.sql..", "jakarta.servlet.."};
    private static final String[] IO = {"org.apache.kafka..", "org.springframework.kafka..", "java.sql..", "javax.sql..",
        "org.springframework.jdbc.."};

    private static final Set<String> CLOCK_READS = Set.of("java.lang.System.currentTimeMillis", "java.lang.System.nanoTime",
            "java.util.UUID.randomUUID", "java.lang.Math.random");

    private ArchitectureRules() {
    }

    /**
     * Decision and projection code runs the same way on every replay (I5) and in a unit test: no Spring,
     * Kafka, JDBC or servlet types, no clock ({@code Clock}, any {@code java.time} {@code now()},
     * {@code System.currentTimeMillis}) and no randomness ({@code Random}, {@code UUID.randomUUID}).
     */
    public static ArchRule decisionCodeIsPure() {
        return noClasses().that().resideInAnyPackage(DECISION_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_AND_IO)
                .orShould().dependOnClassesThat().areAssignableTo(Clock.class)
                .orShould().dependOnClassesThat().areAssignableTo(RandomGenerator.class)
                .orShould().callMethodWhere(DescribedPredicate.describe("reads the clock or draws a random value",
                        ArchitectureRules::readsClockOrChance))
                .because("a decision replays the same from the same log (I5) and is tested without a broker or database");
    }

    /** A controller is reached through HTTP only: nothing else calls it, so nothing else may see it. */
    public static ArchRule controllersArePackagePrivate() {
        return classes().that().areAnnotatedWith(RestController.class).or().areAnnotatedWith(Controller.class)
                .should().notBePublic();
    }

    /**
     * A class that talks to Kafka or a database directly (an adapter) is package-private unless another
     * package of the module uses it, or it is in one of {@code apiPackages}, the module's API for others
     * (as the projector's rebuild is for the stack's audit commands).
     */
    public static ArchRule adaptersArePackagePrivate(String... apiPackages) {
        DescribedPredicate<JavaClass> adapter = DescribedPredicate.describe("talk to Kafka or a database",
                javaClass -> javaClass.getDirectDependenciesFromSelf().stream()
                        .anyMatch(dependency -> resideIn(dependency.getTargetClass(), IO)));
        // top-level classes only: a nested type is reached through its enclosing class, which the rule judges
        return classes().that(adapter).and().areTopLevelClasses().and().arePublic().and().resideOutsideOfPackages(apiPackages)
                .should(beUsedFromAnotherPackage()).allowEmptyShould(true);
    }

    /**
     * Which of our modules a module may use: its classes depend on no {@code io.contextstore} class
     * outside {@code allowed} (package patterns of its own code and the modules it builds on). A
     * service builds on schemas and platform, never on another service; schemas on nothing of ours;
     * platform on schemas.
     */
    public static ArchRule dependsOnlyOn(String... allowed) {
        return noClasses().should().dependOnClassesThat(DescribedPredicate.describe(
                "are ours outside " + Arrays.toString(allowed),
                javaClass -> resideIn(javaClass, "io.contextstore..") && !resideIn(javaClass, allowed)));
    }

    private static boolean readsClockOrChance(JavaMethodCall call) {
        String owner = call.getTargetOwner().getName();
        return owner.startsWith("java.time.") && call.getName().equals("now")
                || CLOCK_READS.contains(owner + "." + call.getName());
    }

    private static boolean resideIn(JavaClass javaClass, String... packages) {
        return JavaClass.Predicates.resideInAnyPackage(packages).test(javaClass);
    }

    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package (else be package-private)") {
            @Override
            public void check(JavaClass adapter, ConditionEvents events) {
                boolean usedElsewhere = adapter.getDirectDependenciesToSelf().stream().map(Dependency::getOriginClass)
                        .anyMatch(user -> !user.getPackageName().equals(adapter.getPackageName()));
                if (!usedElsewhere) {
                    events.add(SimpleConditionEvent.violated(adapter, adapter.getName()
                            + " is public but only its own package uses it: make it package-private"));
                }
            }
        };
    }
}
