package io.contextstore.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Collects the figures as Markdown, printed as they come and written to RESULTS.md at the end. */
final class Report {

    private final StringBuilder markdown = new StringBuilder();
    private final List<double[]> endToEnd = new ArrayList<>();

    /** A report without its heading, which measures the host: for the layout's tests. */
    Report() {
    }

    Report(String command, Profile profile) {
        Runtime runtime = Runtime.getRuntime();
        line("# Context Store benchmark results");
        line("");
        line("Produced by `" + command + "` (profile `" + profile.name() + "`) on "
                + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + ", commit "
                + System.getProperty("bench.commit", "unknown") + ".");
        line("");
        line("- Machine: " + runtime.availableProcessors() + " cores, " + memoryGiB() + " GiB RAM, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        line(HostSpeed.line());
        line("- Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        line("- Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion()
                + " (one KRaft broker, own JVM), PostgreSQL 17 (embedded, fsync on), Spring Boot "
                + org.springframework.boot.SpringBootVersion.getVersion());
        line("- Everything (broker, database, services, load driver) shares this machine; each figure is one run.");
        line("");
    }

    void section(String title) {
        line("");
        line("## " + title);
        line("");
    }

    void table(String... header) {
        int length = markdown.length();
        if (length >= 2 && !(markdown.charAt(length - 1) == '\n' && markdown.charAt(length - 2) == '\n')) {
            line(""); // Markdown reads a table that follows a paragraph's line as more of the paragraph
        }
        line("| " + String.join(" | ", header) + " |");
        line("|" + "---|".repeat(header.length));
    }

    void row(Object... cells) {
        List<String> text = new ArrayList<>();
        for (Object cell : cells) {
            text.add(cell instanceof Double d ? String.format("%,.0f", d) : String.valueOf(cell));
        }
        line("| " + String.join(" | ", text) + " |");
    }

    void note(String text) {
        line("");
        line(text);
    }

    void endToEndPoint(int rate, double p50, double p99) {
        endToEnd.add(new double[] {rate, p50, p99});
    }

    void line(String text) {
        System.out.println(text);
        markdown.append(text).append('\n');
    }

    void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("RESULTS.md"), markdown);
            if (!endToEnd.isEmpty()) {
                Files.writeString(directory.resolve("e2e-latency.svg"), LatencyChart.svg(endToEnd));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long memoryGiB() {
        try {
            String total = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D+", "");
            return Math.round(Long.parseLong(total) / 1024.0 / 1024.0);
        } catch (IOException | RuntimeException e) {
            return Runtime.getRuntime().maxMemory() >> 30;
        }
    }
}
