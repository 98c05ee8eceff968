package io.contextstore.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Runs a figure and its ceiling in alternating rounds after discarded warm-up rounds, and keeps each one's median
 * run. One cold run beside another measures the JIT and the machine's moment more than the system: a run here gave
 * batches of 1,000 pushes at 28% of the raw producer and the next at 52%, on the same commit, each one run.
 * <p>
 * Warm-up ends when this JVM's JIT compiler (the services' and the driver's) has settled: after the first warm-up
 * round, another follows while the compiler worked for more than {@link #SETTLED} of the last one's time, up to
 * {@code maxWarmUps} rounds. On two cores a compiler that still works takes its share from the figures: single pushes
 * gave 458-551/s in rounds where it compiled for 53-87% of the time, 630-655/s once it was under 8%.
 */
final class Rounds<R> {

    /** One scenario: its rate, taken from its result. */
    record Scenario<R>(String name, Callable<R> run, ToDoubleFunction<R> rate) {
    }

    /** A scenario's median run and the rate of every measured round, in order. */
    record Measured<R>(R median, List<Double> rates) {
        String every() {
            return rates.stream().map(rate -> String.format("%,.0f", rate)).collect(Collectors.joining(", "));
        }
    }

    /** JIT compilation time, as a share of a warm-up round's wall time, under which the compiler counts as settled. */
    static final double SETTLED = 0.10;

    private final int rounds;
    private final int maxWarmUps;
    private final LongSupplier compiledMillis;
    private final List<Scenario<R>> scenarios = new ArrayList<>();
    private final Compiled measuredRounds;
    private int warmUps;

    /** One discarded warm-up round, whatever the compiler does: for a figure that is not a throughput. */
    Rounds(int rounds) {
        this(rounds, 1, Rounds::compiledSoFar);
    }

    /** The profile's measured rounds, after as many warm-up rounds as the compiler needs, up to the profile's most. */
    Rounds(Profile profile) {
        this(profile.rounds(), profile.warmUpRounds(), Rounds::compiledSoFar);
    }

    /** @param compiledMillis the JIT compiler's time so far, summed over its threads as the JVM reports it */
    Rounds(int rounds, int maxWarmUps, LongSupplier compiledMillis) {
        this.rounds = rounds;
        this.maxWarmUps = maxWarmUps;
        this.compiledMillis = compiledMillis;
        this.measuredRounds = new Compiled();
    }

    /** This JVM's JIT compilation time so far, in milliseconds, summed over the compiler's threads. */
    private static long compiledSoFar() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    Rounds<R> add(String name, Callable<R> run, ToDoubleFunction<R> rate) {
        scenarios.add(new Scenario<>(name, run, rate));
        return this;
    }

    /** The warm-up rounds, then {@code rounds} rounds of every scenario in turn; by name, in the order added. */
    Map<String, Measured<R>> run() throws Exception {
        double compiling;
        do {
            Compiled round = new Compiled().start();
            for (Scenario<R> scenario : scenarios) {
                scenario.run().call();
            }
            compiling = round.stop().share();
            warmUps++;
        } while (compiling > SETTLED && warmUps < maxWarmUps);
        Map<String, List<R>> results = new LinkedHashMap<>();
        measuredRounds.start();
        for (int round = 0; round < rounds; round++) {
            for (Scenario<R> scenario : scenarios) {
                results.computeIfAbsent(scenario.name(), name -> new ArrayList<>()).add(scenario.run().call());
            }
        }
        measuredRounds.stop();
        Map<String, Measured<R>> measured = new LinkedHashMap<>();
        for (Scenario<R> scenario : scenarios) {
            List<R> runs = results.get(scenario.name());
            List<R> sorted = runs.stream().sorted(Comparator.comparingDouble(scenario.rate())).toList();
            measured.put(scenario.name(), new Measured<>(sorted.get(sorted.size() / 2),
                    runs.stream().map(run -> scenario.rate().applyAsDouble(run)).toList()));
        }
        return measured;
    }

    /** How the figures were taken, for a section's note; after {@link #run}. */
    String described() {
        return String.format("Medians of %d alternating rounds after %s (warm-up ends once the JIT compiler of the JVM "
                        + "that runs the services and the driver works for under %.0f%% of a round's time, or after %d "
                        + "rounds); the compiler worked for %.1f s of the measured rounds' %.0f s.", rounds,
                warmUps == 1 ? "a discarded warm-up round" : warmUps + " discarded warm-up rounds", SETTLED * 100,
                maxWarmUps, measuredRounds.compiled / 1000.0, measuredRounds.wallMillis / 1000.0);
    }

    /** The JIT compiler's time (summed over its threads, as the JVM reports it) beside the wall time of a stretch. */
    private final class Compiled {
        private long startedNanos;
        private long compiledAtStart;
        private long compiled;
        private long wallMillis;

        Compiled start() {
            startedNanos = System.nanoTime();
            compiledAtStart = compiledMillis.getAsLong();
            return this;
        }

        Compiled stop() {
            compiled = compiledMillis.getAsLong() - compiledAtStart;
            wallMillis = Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000);
            return this;
        }

        double share() {
            return (double) compiled / wallMillis;
        }
    }
}
