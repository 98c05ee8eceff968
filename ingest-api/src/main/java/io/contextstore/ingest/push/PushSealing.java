package io.contextstore.ingest.push;

import io.contextstore.events.ContextEvent;
import io.contextstore.ingest.push.decision.ContextItem;
import io.contextstore.ingest.push.decision.PushContext;
import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.platform.db.OneTrip;
import io.contextstore.platform.web.ApiProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Seals what a push appends (ADR 33): before deciding, each item's log hash is keyed by its subject's data
 * key (created on first use), so identities and dedup work on keyed hashes; after deciding, each new event's
 * text fields are encrypted into its {@code sealed} bytes. Without a master key configured it does nothing.
 */
final class PushSealing {

    /** The command with keyed hashes, and the keys that keyed them, by subject. */
    record Keyed(PushContext command, Map<String, SubjectKey> keys) {
    }

    private final SubjectKeys keys;
    private final Supplier<byte[]> nonces;

    /** @param keys null when sealing is off (no master key) */
    PushSealing(SubjectKeys keys, Supplier<byte[]> nonces) {
        this.keys = keys;
        this.nonces = nonces;
    }

    /**
     * Reads the keys a push may need, whatever scopes its items resolve to (its user's and the tenant's), as a statement
     * of the push's look-up trip; null when it seals nothing.
     */
    OneTrip.Statement<Map<String, SubjectKey>> possibleKeys(PushContext command) {
        if (keys == null || command.items().stream().noneMatch(item -> EventSealing.seals(item.kind()))) {
            return null;
        }
        return keys.live(command.tenantId(), EventSealing.possibleSubjects(command.userId()));
    }

    /** Keys the command with keys already read; empty when a subject it needs has no key yet (see {@link #key}). */
    Optional<Keyed> keyed(PushContext command, Map<String, SubjectKey> read) {
        Set<String> subjects = subjects(command);
        if (keys == null || subjects.isEmpty()) {
            return Optional.of(new Keyed(command, Map.of()));
        }
        return read.keySet().containsAll(subjects) ? Optional.of(keyedWith(command, read)) : Optional.empty();
    }

    /**
     * Reads or creates the keys in a transaction scoped to the tenant, for a push whose subject has no key yet. A key is
     * only created for a tenant that exists: for a token that outlived its deleted tenant the transaction fails with a
     * {@link DataIntegrityViolationException}, which {@link #deletedTenant} turns into the answer.
     */
    Keyed key(JdbcClient jdbc, PushContext command) {
        Set<String> subjects = subjects(command);
        if (keys == null || subjects.isEmpty()) {
            return new Keyed(command, Map.of());
        }
        return keyedWith(command, keys.current(jdbc, command.tenantId(), subjects));
    }

    private static Set<String> subjects(PushContext command) {
        return command.items().stream().filter(item -> EventSealing.seals(item.kind()))
                .flatMap(item -> Stream.of(subject(item, command.userId()), hashSubject(item, command.userId())))
                .collect(Collectors.toSet());
    }

    private static Keyed keyedWith(PushContext command, Map<String, SubjectKey> bySubject) {
        List<ContextItem> keyed = command.items().stream().map(item -> EventSealing.seals(item.kind())
                ? item.withLogHash(bySubject.get(hashSubject(item, command.userId())).contentHash(item.canonical()))
                : item).toList();
        return new Keyed(new PushContext(command.tenantId(), command.userId(), command.deviceId(), keyed, command.batch()),
                bySubject);
    }

    static RuntimeException deletedTenant(DataIntegrityViolationException cause) {
        return ApiProblem.forbidden("this tenant was deleted; nothing can be pushed to it");
    }

    ContextEvent seal(ContextEvent event, ContextItem item, Keyed keyed) {
        SubjectKey key = keyed.keys().get(subject(item, event.getUserId()));
        return key == null ? event : EventSealing.seal(event, item.contentHash(), key, nonces.get());
    }

    /**
     * Whose key a share's log hash is keyed by: its personal original's (the author's), so the share's identity
     * derives from what its author proves to own (ADR 36). Its content is sealed under {@link #subject}'s key: a share of
     * a decision is the tenant's as any shared item is, and outlives its author's erasure, anonymised, as those do.
     */
    private static String hashSubject(ContextItem item, String userId) {
        return item.shares() != null ? userId : subject(item, userId);
    }

    /** The item's scope is resolved before it is keyed: a personal item of any kind is its author's to erase. */
    private static String subject(ContextItem item, String userId) {
        return EventSealing.subject(item.kind(), item.scope(), userId);
    }
}
