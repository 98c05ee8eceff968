package io.contextstore.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Runs a figure and its ceiling in alternating rounds after a discarded warm-up round, and keeps each one's median
 * run. One cold run beside another measures the JIT and the machine's moment more than the system: a run here gave
 * batches of 1,000 pushes at 28% of the raw producer and the next at 52%, on the same commit, each one run.
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

    private final int rounds;
    private final List<Scenario<R>> scenarios = new ArrayList<>();

    Rounds(int rounds) {
        this.rounds = rounds;
    }

    Rounds<R> add(String name, Callable<R> run, ToDoubleFunction<R> rate) {
        scenarios.add(new Scenario<>(name, run, rate));
        return this;
    }

    /** The warm-up round, then {@code rounds} rounds of every scenario in turn; by name, in the order added. */
    Map<String, Measured<R>> run() throws Exception {
        for (Scenario<R> scenario : scenarios) {
            scenario.run().call();
        }
        Map<String, List<R>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Scenario<R> scenario : scenarios) {
                results.computeIfAbsent(scenario.name(), name -> new ArrayList<>()).add(scenario.run().call());
            }
        }
        Map<String, Measured<R>> measured = new LinkedHashMap<>();
        for (Scenario<R> scenario : scenarios) {
            List<R> runs = results.get(scenario.name());
            List<R> sorted = runs.stream().sorted(Comparator.comparingDouble(scenario.rate())).toList();
            measured.put(scenario.name(), new Measured<>(sorted.get(sorted.size() / 2),
                    runs.stream().map(run -> scenario.rate().applyAsDouble(run)).toList()));
        }
        return measured;
    }
}
