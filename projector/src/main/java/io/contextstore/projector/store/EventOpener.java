package io.contextstore.projector.store;

import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyUnavailableException;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.projection.LoggedEvent;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one tenant's sealed events before they are planned (ADR 33): with its subject's key the event gets
 * its text fields back; without it (the key was destroyed: erased) it is unreadable and projects nothing.
 * A key this process cannot unwrap, or no master key at all, is not an erasure: it is thrown, so the
 * partition retries instead of projecting content away.
 *
 * <p>Keys found are remembered per tenant and used again only where the writer trusts its own last commit
 * (no other instance moved the partition) and the batch holds no erasure of the tenant; an erasure forgets
 * the tenant's keys. A tenant's records are applied in log order by one writer, so an event after an
 * erasure is always opened with a fresh read of the keys, as a rebuild opens it: both find the key destroyed.
 */
final class EventOpener {

    /** One transaction's keys: found (to remember after the commit) and tenants to forget. */
    static final class Staged {
        private final Map<UUID, Map<UUID, SubjectKey>> found = new HashMap<>();
        private final Set<UUID> forgotten = new HashSet<>();

        /** An erasure of the tenant in this transaction: none of its keys may be used from memory again. */
        void forget(UUID tenant) {
            forgotten.add(tenant);
            found.remove(tenant);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(EventOpener.class);

    private final SubjectKeys keys;
    private final Map<UUID, Map<UUID, SubjectKey>> remembered = new ConcurrentHashMap<>();

    /** @param keys null when no master key is configured */
    EventOpener(SubjectKeys keys) {
        this.keys = keys;
    }

    /**
     * @param fromMemory whether keys remembered from earlier commits may be used for this tenant's batch
     * @param existing   the keys among the ids given that still exist, read inside the tenant's transaction
     */
    List<LoggedEvent> open(Staged staged, UUID tenant, List<LoggedEvent> events, boolean fromMemory,
                           BiFunction<SubjectKeys, Set<UUID>, Map<UUID, SubjectKey>> existing) {
        Set<UUID> needed = events.stream().filter(LoggedEvent::sealed).map(e -> EventSealing.keyIdOf(e.event()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        if (needed.isEmpty()) {
            return events;
        }
        if (keys == null) {
            throw new MasterKeyUnavailableException("tenant " + tenant + " has sealed events and no master key is configured");
        }
        Map<UUID, SubjectKey> known = fromMemory && !staged.forgotten.contains(tenant)
                ? remembered.getOrDefault(tenant, Map.of()) : Map.of();
        Map<UUID, SubjectKey> found = new HashMap<>();
        Set<UUID> unknown = new HashSet<>();
        for (UUID id : needed) {
            SubjectKey key = known.get(id);
            if (key != null) {
                found.put(id, key);
            } else {
                unknown.add(id);
            }
        }
        if (!unknown.isEmpty()) {
            found.putAll(existing.apply(keys, unknown));
        }
        if (!staged.forgotten.contains(tenant)) {
            staged.found.computeIfAbsent(tenant, t -> new HashMap<>()).putAll(found);
        }
        List<LoggedEvent> opened = new ArrayList<>(events.size());
        for (LoggedEvent event : events) {
            opened.add(event.sealed() ? open(event, found.get(EventSealing.keyIdOf(event.event()))) : event);
        }
        return opened;
    }

    Staged begin() {
        return new Staged();
    }

    /** After the transaction committed: remember what it found, forget what it erased. */
    void commit(Staged staged) {
        staged.forgotten.forEach(remembered::remove);
        staged.found.forEach((tenant, found) -> remembered.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).putAll(found));
    }

    /** After a failure or a change of hands: nothing remembered is used again. */
    void clear() {
        remembered.clear();
    }

    private static LoggedEvent open(LoggedEvent event, SubjectKey key) {
        if (key == null) {
            return LoggedEvent.unreadable(event);
        }
        try {
            EventSealing.Opened opened = EventSealing.open(event.event(), key);
            return LoggedEvent.opened(event, opened.event(), opened.plainHash());
        } catch (GeneralSecurityException e) {
            log.warn("Partition {} offset {}: sealed fields do not open with their key; projected as unreadable",
                    event.partition(), event.offset());
            return LoggedEvent.unreadable(event);
        }
    }
}
