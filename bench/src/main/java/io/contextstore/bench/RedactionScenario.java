package io.contextstore.bench;

import io.contextstore.redaction.LicenseKeyChecksum;
import io.contextstore.redaction.SecretDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The secret detector (ADR 31) over realistic content, item by item as the client redacts it: session transcripts,
 * this repository's own source code, service logs; a few secrets among them. Beside it, on the same texts in the
 * same run, the ceiling: one trivial regex ({@code ghp_} tokens) scanned over the same bytes.
 */
final class RedactionScenario {

    record Result(String content, int items, long bytes, double detectorMBps, double ceilingMBps, long findings) {
    }

    private static final Pattern CEILING = Pattern.compile("ghp_[A-Za-z0-9]{36}");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SplittableRandom random = new SplittableRandom(31);
    private final SecretDetector detector = SecretDetector.standard();

    Result run(String content, List<String> texts, double seconds) {
        long bytes = texts.stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sum();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            detect(texts);
            scan(texts);
        }
        long findings = detect(texts);
        double detector = throughput(bytes, seconds, () -> detect(texts));
        double ceiling = throughput(bytes, seconds, () -> scan(texts));
        return new Result(content, texts.size(), bytes, detector, ceiling, findings);
    }

    /** MB/s (10^6 bytes) of whole passes over the texts for at least {@code seconds}. */
    private static double throughput(long bytes, double seconds, Runnable pass) {
        long start = System.nanoTime();
        long passes = 0;
        long elapsed;
        do {
            pass.run();
            passes++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < seconds * 1e9);
        return bytes * (double) passes / 1e6 / (elapsed / 1e9);
    }

    private long detect(List<String> texts) {
        long findings = 0;
        for (String text : texts) {
            findings += detector.redact(text).counts().values().stream().mapToInt(Integer::intValue).sum();
        }
        return findings;
    }

    private static long scan(List<String> texts) {
        long found = 0;
        for (String text : texts) {
            Matcher matcher = CEILING.matcher(text);
            while (matcher.find()) {
                found++;
            }
        }
        return found;
    }

    /** Messages of coding sessions: prose, commands and their output, code fences; one in twenty carries a secret. */
    List<String> transcripts(int items) {
        String[] prose = {"Let me look at how the projector commits its offsets before changing anything.",
                "The test fails because the token expired before the retry; max_tokens=4096 is unrelated.",
                "I ran the migration again and the password authentication failed for user cs_ingest.",
                "Can you refactor the push endpoint so that a batch is validated before anything is written?",
                "The secret sauce here is the dedup index: it is written only after Kafka acknowledged.",
                "Sure. I'll update PushController, then run the integration tests against the real broker.",
                "Here is the stack trace from the CI run; the connection was reset while the client was writing."};
        String[] output = {"$ git status\nOn branch main\nChanges not staged for commit:\n  modified:   ingest-api/src/main/java/Push.java",
                "$ mvn -q verify -pl ingest-api\n[ERROR] Tests run: 14, Failures: 1, Errors: 0, Skipped: 0",
                "$ ls -la\ntotal 48\ndrwxr-xr-x  5 alice staff  160 Dec  3 10:12 .\n-rw-r--r--  1 alice staff 2048 Dec  3 10:11 pom.xml",
                "```java\nfor (ConsumerRecord<byte[], byte[]> record : records) {\n    long offset = record.offset();\n    rows.add(plan(record));\n}\n```",
                "$ env | grep -i token\nGITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}\nTOKEN_URL=https://auth.example.com/token"};
        List<String> texts = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            StringBuilder text = new StringBuilder();
            int parts = 1 + random.nextInt(8);
            for (int p = 0; p < parts; p++) {
                text.append(random.nextInt(3) == 0 ? output[random.nextInt(output.length)] : prose[random.nextInt(prose.length)])
                        .append('\n');
            }
            if (i % 20 == 0) {
                text.append(secret()).append('\n');
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** Source files of this repository (main code), as an assistant reads and writes them. */
    static List<String> code(Path root, int maxItems) {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources = files.filter(path -> path.toString().endsWith(".java") && path.toString().contains("/src/main/")
                    && !path.toString().contains("/target/")).sorted().limit(maxItems).toList();
            List<String> texts = new ArrayList<>(sources.size());
            for (Path source : sources) {
                texts.add(Files.readString(source));
            }
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blocks of 100 service log lines (ids, hashes, offsets, warnings); a bearer token in one block of ten. */
    List<String> logs(int items) {
        String[] messages = {"Pushed %s events for tenant %s in %s ms", "Projected batch up to offset %s for tenant %s in %s ms",
                "Token verification key %s of tenant %s fetched in %s ms", "Rejected token %s for tenant %s: expired %s s ago",
                "Pull of cursor %s for tenant %s answered %s events"};
        List<String> texts = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            StringBuilder block = new StringBuilder();
            for (int line = 0; line < 100; line++) {
                String message = messages[random.nextInt(messages.length)];
                block.append("2026-12-03T10:").append(10 + line % 50).append(":0").append(line % 10).append(".123Z  INFO 4242 --- [exec-")
                        .append(line % 8).append("] i.c.ingest.push.PushService : ")
                        .append(String.format(message, random.nextInt(1000), UUID.randomUUID(), random.nextInt(5000)))
                        .append(" content_hash=").append(hex(64)).append('\n');
            }
            if (i % 10 == 0) {
                block.append("DEBUG Authorization: Bearer ").append(jwt()).append('\n');
            }
            texts.add(block.toString());
        }
        return texts;
    }

    private String secret() {
        return switch (random.nextInt(5)) {
            case 0 -> "export GITHUB_TOKEN=ghp_" + alphanumeric(36);
            case 1 -> "aws_access_key_id = AKIA" + alphanumeric(16).toUpperCase().replace('0', 'A').replace('1', 'B')
                    .replace('8', 'C').replace('9', 'D');
            case 2 -> "DATABASE_URL=postgres://app:" + alphanumeric(20) + "@db.internal:5432/ctx";
            case 3 -> "DB_PASSWORD=" + alphanumeric(8) + "-" + alphanumeric(8) + "!";
            default -> {
                String body = alphanumeric(40);
                yield "ctx login --key " + LicenseKeyChecksum.PREFIX + body + LicenseKeyChecksum.checksum(body);
            }
        };
    }

    private String jwt() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"EdDSA\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(("{\"sub\":\"alice\",\"tenant_id\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8))
                + "." + alphanumeric(86);
    }

    private String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    private String hex(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append("0123456789abcdef".charAt(random.nextInt(16)));
        }
        return out.toString();
    }
}
