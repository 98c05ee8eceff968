package io.contextstore.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs every scenario once on a fresh embedded stack and writes bench/RESULTS.md and the latency
 * chart. Usage: {@code bench/run [--quick] [--out DIR] [--only SECTION,...]}, the sections being
 * {@link Scenarios#SECTIONS} ({@code --only redaction} and {@code memory} start no bench stack).
 */
public final class BenchMain {

    /** Partitions of the events topic in the bench's stack, as in the default deployment. */
    static final int PARTITIONS = 12;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        // every Spring context the benchmark starts logs warnings only, like the driver itself
        System.setProperty("logging.config", "classpath:logback-bench.xml");
        List<String> arguments = List.of(args);
        Profile profile = arguments.contains("--quick") ? Profile.quick() : Profile.full();
        int out = arguments.indexOf("--out");
        Path directory = Path.of(out >= 0 ? arguments.get(out + 1) : "bench");
        Report report = new Report("bench/run" + (arguments.isEmpty() ? "" : " " + String.join(" ", args)), profile);
        int only = arguments.indexOf("--only");
        List<String> sections = only >= 0 ? Scenarios.known(List.of(arguments.get(only + 1).split(","))) : null;
        try (BenchStack stack = sections == null || Scenarios.needsStack(sections) ? BenchStack.start(PARTITIONS) : null) {
            Scenarios scenarios = new Scenarios(stack, profile, report);
            if (sections != null) {
                scenarios.run(sections);
            } else {
                scenarios.runAll();
            }
        }
        report.write(directory);
        System.exit(0);
    }
}
