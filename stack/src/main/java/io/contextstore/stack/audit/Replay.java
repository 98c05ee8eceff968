package io.contextstore.stack.audit;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.topic.Topics;
import io.contextstore.projector.projection.KeptEvent;
import io.contextstore.projector.projection.LoggedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An auditor's replay of one tenant: the log as the audit API streams it from Kafka, written as
 * JSON Lines with what the auditor recomputed ({@code kept}, and {@code chain} for kept events),
 * and the recomputed chain compared with the one the projector stored. An erasure's line is kept by no
 * chain: the chain runs through the erased events, whose log hashes stay readable (ADR 33).
 */
final class Replay {

    record Summary(long records, long undecodable, long erasures, long kept, long compared, long startOffset, long endOffset,
                   long bound, String recomputedHead, Optional<ChainCheck.Divergence> divergence, Duration took) {
    }

    private static final int CHUNK = 1000;

    private final AuditClient client;
    private final Clock clock;

    Replay(AuditClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Exactly one of {@code fromOffset} and {@code fromTime} may be given; neither replays from the beginning. */
    Summary run(String token, UUID tenant, Long fromOffset, String fromTime, Writer out, ProgressMeter progress) {
        long started = clock.millis();
        try (AuditClient.Lines events = client.events(token, tenant, fromOffset, fromTime)) {
            long start = events.header("Log-Start-Offset");
            long end = events.header("Log-End-Offset");
            JsonNode head = client.chain(token, tenant);
            long bound = Math.min(end, head.get("watermark").longValue()) - 1;
            try (AuditClient.Lines links = client.links(token, tenant)) {
                ChainCheck check = new ChainCheck(links(links.iterator()), bound);
                check.seedUntil(start);
                long records = 0;
                long undecodable = 0;
                long erasures = 0;
                List<ObjectNode> lines = new ArrayList<>(CHUNK);
                for (Iterator<String> it = events.iterator(); it.hasNext(); ) {
                    ObjectNode line = (ObjectNode) AuditClient.JSON.readTree(it.next());
                    records++;
                    undecodable += line.has("undecodable") ? 1 : 0;
                    erasures += line.has("erasure") ? 1 : 0;
                    lines.add(line);
                    if (lines.size() == CHUNK) {
                        flush(lines, check, out);
                        progress.update(line.get("offset").longValue() - start, end - start);
                    }
                }
                flush(lines, check, out);
                Optional<ChainCheck.Divergence> divergence = check.finish(head.get("chain_head").stringValue(),
                        head.get("events").longValue(), head.get("last_offset").longValue());
                progress.finish(records);
                return new Summary(records, undecodable, erasures, check.kept(), check.compared(), start, end, bound, check.head(),
                        divergence, Duration.ofMillis(clock.millis() - started));
            }
        }
    }

    /** Recomputes what the chunk keeps, then writes its lines with the outcome. */
    private static void flush(List<ObjectNode> lines, ChainCheck check, Writer out) {
        List<LoggedEvent> events = new ArrayList<>(lines.size());
        for (ObjectNode line : lines) {
            if (line.has("erasure")) {
                JsonNode erased = line.get("erasure").get("user_id");
                check.erased(erased.isNull() ? null : erased.stringValue(), line.get("offset").longValue());
            } else if (!line.has("undecodable")) {
                ContextEvent event = Topics.CONTEXT_EVENTS.value().decode(Base64.getDecoder().decode(line.get("value").stringValue()));
                events.add(new LoggedEvent(line.get("partition").intValue(), line.get("offset").longValue(), event));
            }
        }
        Map<Long, String> chains = new HashMap<>();
        for (KeptEvent kept : check.accept(events)) {
            chains.put(kept.logged().offset(), kept.chain());
        }
        try {
            for (ObjectNode line : lines) {
                String chain = chains.get(line.get("offset").longValue());
                line.put("kept", chain != null);
                if (chain != null) {
                    line.put("chain", chain);
                }
                out.write(AuditClient.JSON.writeValueAsString(line));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines.clear();
    }

    private static Iterator<ChainCheck.Link> links(Iterator<String> lines) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return lines.hasNext();
            }

            @Override
            public ChainCheck.Link next() {
                JsonNode link = AuditClient.JSON.readTree(lines.next());
                return new ChainCheck.Link(link.get("offset").longValue(), UUID.fromString(link.get("id").stringValue()),
                        link.get("content_hash").stringValue(), link.get("chain").stringValue());
            }
        };
    }
}
