package io.contextstore.bench;

import io.contextstore.events.topic.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The produce ceilings of section 1 (issue 16): Kafka's own producer performance tool
 * ({@code org.apache.kafka.tools.ProducerPerformance}, as shipped in kafka-tools), in its own JVM, against the
 * stack's broker, with the producer settings ingest uses ({@link IngestSends}: idempotent, {@code acks=all}, lz4,
 * linger 5 ms, batches up to 256 KiB) and our events' own bytes. Over a topic with as many partitions as the events topic, it is the aggregate ceiling; over a
 * one-partition topic, the ceiling of one tenant, whose events all go to one partition.
 *
 * <p>The tool's own records ({@code --record-size}) are random letters, which lz4 cannot shrink, while our events are
 * mostly text and shrink well: that tool's figure bounded a different load than ours (the raw producer beat it four
 * times over on one partition). So it sends a thousand of our serialized events instead, each folded to 7-bit text
 * because the tool reads its payload file as lines of UTF-8: the same sizes, the same bytes but for the top bit.
 */
final class KafkaToolCeiling {

    /** The tool's last line: "N records sent, R records/sec (M MB/sec), ...". */
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    private static final int PAYLOADS = 1000;

    /** Records a run sends: a fresh JVM each run, so enough records that its start and warm-up weigh little. */
    private static final int RECORDS = 200_000;

    private final BenchStack stack;
    private final int recordSize;
    private final Path payloads;

    KafkaToolCeiling(BenchStack stack) throws IOException {
        this.stack = stack;
        List<byte[]> events = serializedEvents();
        this.recordSize = (int) (events.stream().mapToLong(e -> e.length).sum() / events.size());
        this.payloads = payloadFile(events);
    }

    int recordSize() {
        return recordSize;
    }

    /**
     * The tool's rate sending {@link #RECORDS} records over a topic of {@code partitions}, and the CPU time of the whole
     * run: the tool's JVM starts on that clock, so its CPU an event is a little more than its sending's.
     */
    Scenarios.Figure figure(int partitions) throws IOException, InterruptedException {
        CoreTime cores = stack.cores();
        double rate = recordsPerSecond(partitions);
        return new Scenarios.Figure(rate, null, RECORDS, cores.spentSince());
    }

    /** Records per second the tool reached sending {@link #RECORDS} over a topic of {@code partitions}. */
    private double recordsPerSecond(int partitions) throws IOException, InterruptedException {
        String topic = topic(partitions);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", Integer.toString(RECORDS), "--payload-file", payloads.toString(),
                "--throughput", "-1", "--producer-props", "bootstrap.servers=" + stack.kafka()));
        command.addAll(IngestSends.asArguments());
        Process tool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(tool.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (SUMMARY.matcher(line).find()) {
                    last = line;
                }
            }
        }
        if (!tool.waitFor(5, TimeUnit.MINUTES) || tool.exitValue() != 0 || last == null) {
            tool.destroyForcibly();
            throw new IllegalStateException("Kafka's producer performance tool failed (exit " + tool.exitValue() + ")");
        }
        Matcher summary = SUMMARY.matcher(last);
        summary.find();
        return Double.parseDouble(summary.group(2));
    }

    /** A topic of its own per partition count, made once, like the events topic but for the tool's bytes. */
    private String topic(int partitions) throws InterruptedException {
        String name = "bench.ceiling.p" + partitions;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka()))) {
            admin.createTopics(Set.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create " + name, e.getCause());
            }
        }
        return name;
    }

    /** Events as the raw producer and ingest send them, serialized. */
    private static List<byte[]> serializedEvents() {
        UUID tenant = UUID.randomUUID();
        List<byte[]> events = new ArrayList<>(PAYLOADS);
        try (var serializer = Topics.CONTEXT_EVENTS.valueSerializer()) {
            for (int i = 0; i < PAYLOADS; i++) {
                events.add(serializer.serialize(Topics.CONTEXT_EVENTS.name(), Items.event(tenant, "size", i)));
            }
        }
        return events;
    }

    /** One event a line, each byte folded to a printable 7-bit character, so no byte is a line end or breaks UTF-8. */
    private static Path payloadFile(List<byte[]> events) throws IOException {
        StringBuilder text = new StringBuilder();
        for (byte[] event : events) {
            for (byte b : event) {
                text.append(printable(b & 0x7F));
            }
            text.append('\n');
        }
        return write(text);
    }

    /** A control character becomes a letter or sign of its own (0x0A, a line end, becomes 'j'); the rest stay. */
    private static char printable(int sevenBits) {
        return (char) (sevenBits < 0x20 || sevenBits == 0x7F ? ((sevenBits + 0x40) & 0x7F) | 0x20 : sevenBits);
    }

    private static Path write(CharSequence text) throws IOException {
        Path file = Files.createTempFile("contextstore-bench-payloads-", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        return file;
    }
}
