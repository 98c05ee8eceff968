package io.contextstore.projector.store;

import io.contextstore.platform.crypto.EventSealing;
import io.contextstore.platform.crypto.MasterKeyUnavailableException;
import io.contextstore.platform.crypto.SubjectKey;
import io.contextstore.platform.crypto.SubjectKeys;
import io.contextstore.projector.projection.LoggedEvent;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one tenant's sealed events before they are planned (ADR 33): with its subject's key the event gets
 * its text fields back; without it (the key was destroyed: erased) it is unreadable and projects nothing.
 * A key this process cannot unwrap, or no master key at all, is not an erasure: it is thrown, so the
 * partition retries instead of projecting content away.
 */
final class EventOpener {

    private static final Logger log = LoggerFactory.getLogger(EventOpener.class);

    private final SubjectKeys keys;

    /** @param keys null when no master key is configured */
    EventOpener(SubjectKeys keys) {
        this.keys = keys;
    }

    /** @param existing the keys among the ids given that still exist, read inside the tenant's transaction */
    List<LoggedEvent> open(UUID tenant, List<LoggedEvent> events,
                           BiFunction<SubjectKeys, Set<UUID>, Map<UUID, SubjectKey>> existing) {
        Set<UUID> needed = events.stream().filter(LoggedEvent::sealed).map(e -> EventSealing.keyIdOf(e.event()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        if (needed.isEmpty()) {
            return events;
        }
        if (keys == null) {
            throw new MasterKeyUnavailableException("tenant " + tenant + " has sealed events and no master key is configured");
        }
        Map<UUID, SubjectKey> found = existing.apply(keys, needed);
        List<LoggedEvent> opened = new ArrayList<>(events.size());
        for (LoggedEvent event : events) {
            opened.add(event.sealed() ? open(event, found.get(EventSealing.keyIdOf(event.event()))) : event);
        }
        return opened;
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
