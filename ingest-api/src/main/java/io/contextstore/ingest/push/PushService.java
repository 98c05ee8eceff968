package io.contextstore.ingest.push;

import io.contextstore.events.ContextEvent;
import io.contextstore.events.EventIdentity;
import io.contextstore.ingest.push.EventLog.Appended;
import io.contextstore.ingest.push.EventLog.Failed;
import io.contextstore.ingest.push.EventLog.Landed;
import io.contextstore.ingest.push.decision.ContextItem;
import io.contextstore.ingest.push.decision.IndexedEvent;
import io.contextstore.ingest.push.decision.PushContext;
import io.contextstore.ingest.push.decision.PushDecider.AlreadyInLog;
import io.contextstore.ingest.push.decision.PushDecider.Append;
import io.contextstore.ingest.push.decision.PushDecider.Known;
import io.contextstore.ingest.push.decision.PushDecider.Outcome;
import io.contextstore.ingest.push.decision.PushDecider.RepeatInRequest;
import io.contextstore.ingest.push.decision.PushDecider;
import io.contextstore.ingest.push.decision.ScopeRules;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.db.Database;
import io.contextstore.platform.db.OneTrip;
import io.contextstore.platform.web.ServiceUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * Look up, decide, append, index, answer. A 2xx leaves this class only when every new event is in
 * Kafka with {@code acks=all}; whatever landed before a failure is indexed, so a retry of the whole
 * request appends only what is still missing. A push reads before deciding in two round trips (the projects it names
 * and its subjects' keys, then what the index already holds) and records what landed in a third, each a fixed
 * statement sequence sent at once as one transaction ({@link Database#inTenantInOneTrip}).
 */
final class PushService {

    private record Looked(PushSealing.Keyed keyed, Known known) {
    }

    private final Database database;
    private final DedupIndex index;
    private final EventLog log;
    private final Clock clock;
    private final Duration retryAfter;
    private final PushMetrics metrics;
    private final PushSealing sealing;

    PushService(Database database, EventLog log, Clock clock, Duration retryAfter, PushMetrics metrics,
                PushSealing sealing) {
        this.database = database;
        this.sealing = sealing;
        this.index = new DedupIndex(database);
        this.log = log;
        this.clock = clock;
        this.retryAfter = retryAfter;
        this.metrics = metrics;
    }

    List<PushResult> push(PushContext request) {
        Looked looked = lookUp(request);
        PushSealing.Keyed keyed = looked.keyed();
        PushContext command = keyed.command();
        List<Outcome> outcomes = PushDecider.decide(command, looked.known(), clock.instant());
        metrics.dedupHits(outcomes.stream().filter(AlreadyInLog.class::isInstance).count());

        List<ContextEvent> toAppend = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Append append) {
                toAppend.add(sealing.seal(append.event(), command.items().get(i), keyed));
            }
        }
        List<Appended> appended = log.append(toAppend);
        List<IndexedEvent> landed = landed(toAppend, appended);
        Map<UUID, IndexedEvent> recorded = index.record(command.tenantId(), command.userId(), landed);
        failIfAnyFailed(appended);
        List<PushResult> results = answers(command.items(), outcomes, landed, recorded);
        metrics.answered(results);
        return results;
    }

    private Looked lookUp(PushContext request) {
        try {
            PushSealing.Keyed keyed = scopedAndKeyed(request);
            PushContext command = keyed.command();
            List<String> entities = command.items().stream().map(ContextItem::entity).filter(Objects::nonNull)
                    .distinct().toList();
            return new Looked(keyed, index.find(command.tenantId(), command.userId(), PushDecider.contentIds(command),
                    entities, PushDecider.versionOffsets(command)));
        } catch (DataIntegrityViolationException e) {
            throw PushSealing.deletedTenant(e);
        }
    }

    /**
     * Who may read each item, before anything is keyed or written (a scope the user is not in writes nothing), and the
     * keys of the subjects it names: one trip reads both. Only a subject's first push makes its key, in a transaction.
     */
    private PushSealing.Keyed scopedAndKeyed(PushContext request) {
        OneTrip.Statement<Map<String, ScopeRules.ProjectAccess>> projects =
                ProjectMemberships.of(request.userId(), ScopeRules.namedProjects(request));
        OneTrip.Statement<Map<String, SubjectKey>> keys = sealing.possibleKeys(request);
        List<OneTrip.Statement<?>> reads = OneTrip.present(projects, keys);
        OneTrip.Answers answers = reads.isEmpty() ? OneTrip.Answers.NONE
                : database.inTenantInOneTrip(request.tenantId(), reads);
        PushContext scoped = ScopeRules.resolve(request, answers.of(projects, Map.of()));
        return sealing.keyed(scoped, answers.of(keys, Map.of()))
                .orElseGet(() -> database.inTenant(scoped.tenantId(), jdbc -> sealing.key(jdbc, scoped)));
    }

    private static List<IndexedEvent> landed(List<ContextEvent> events, List<Appended> appended) {
        List<IndexedEvent> landed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (appended.get(i) instanceof Landed at) {
                ContextEvent event = events.get(i);
                landed.add(new IndexedEvent(event.getEventId(), event.getContentHash(),
                        EventIdentity.entity(event.getPayload()).orElse(null), at.partition(), at.offset(),
                        IndexedEvent.Facts.of(event)));
            }
        }
        return landed;
    }

    private void failIfAnyFailed(List<Appended> appended) {
        appended.stream().filter(Failed.class::isInstance).map(Failed.class::cast).findFirst().ifPresent(failed -> {
            throw new ServiceUnavailableException("Kafka did not acknowledge the push ("
                    + failed.cause().getClass().getSimpleName() + "); retry later", retryAfter, failed.cause());
        });
    }

    /** Every answer names the hash the client computed, not the keyed one of the log (ADR 33). */
    private static List<PushResult> answers(List<ContextItem> items, List<Outcome> outcomes, List<IndexedEvent> landed,
                                            Map<UUID, IndexedEvent> recorded) {
        Map<UUID, IndexedEvent> ours = new HashMap<>();
        landed.forEach(event -> ours.put(event.eventId(), event));
        List<PushResult> results = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            String contentHash = items.get(i).contentHash();
            if (outcome instanceof AlreadyInLog already) {
                results.add(PushResult.duplicate(already.indexed()).withContentHash(contentHash));
            } else if (outcome instanceof Append append) {
                UUID id = append.event().getEventId();
                results.add(appendedAnswer(ours.get(id), recorded.get(id)).withContentHash(contentHash));
            } else {
                results.add(results.get(((RepeatInRequest) outcome).firstIndex()).asDuplicate());
            }
        }
        return results;
    }

    /**
     * Our copy won the index: created. A concurrent push of the same event indexed first: both
     * copies are in the log (the projector keeps the first by offset), so answer duplicate with the
     * later of the two offsets, which a read-your-writes pull can safely wait for.
     */
    private static PushResult appendedAnswer(IndexedEvent ours, IndexedEvent winner) {
        if (winner.offset() == ours.offset() && winner.partition() == ours.partition()) {
            return PushResult.created(ours);
        }
        return PushResult.duplicate(new IndexedEvent(winner.eventId(), winner.contentHash(), ours.entity(),
                winner.partition(), Math.max(winner.offset(), ours.offset())));
    }
}
