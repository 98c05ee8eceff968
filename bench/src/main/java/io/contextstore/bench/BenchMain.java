package io.contextstore.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs every scenario once on a fresh embedded stack and writes bench/RESULTS.md and the latency
 * chart. Usage: {@code bench/run [--quick] [--out DIR]}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        Profile profile = arguments.contains("--quick") ? Profile.quick() : Profile.full();
        int out = arguments.indexOf("--out");
        Path directory = Path.of(out >= 0 ? arguments.get(out + 1) : "bench");
        Report report = new Report("bench/run" + (arguments.isEmpty() ? "" : " " + String.join(" ", args)), profile);
        try (BenchStack stack = BenchStack.start(12)) {
            new Scenarios(stack, profile, report).runAll();
        }
        report.write(directory);
        System.exit(0);
    }
}
