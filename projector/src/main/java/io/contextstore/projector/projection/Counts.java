package io.contextstore.projector.projection;

import io.contextstore.events.EventKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tenant's kept events counted as {@code sync_stats} counts them: per kind, owner and project scope ("" when none),
 * how many and the last offset (ADR 49). Immutable; {@link #plus} answers a new one.
 */
public record Counts(Map<Key, Count> byKey) {

    public static final Counts NONE = new Counts(Map.of());

    public record Key(EventKind kind, String privateTo, String projectScope) {
    }

    public record Count(long events, long lastOffset) {
    }

    public Counts {
        byKey = Map.copyOf(byKey);
    }

    /** These counts and one more kept event. */
    Counts plus(KeptEvent kept) {
        Map<Key, Count> more = new LinkedHashMap<>(byKey);
        String owner = kept.privateTo();
        String project = kept.projectScope();
        more.merge(new Key(kept.kind(), owner == null ? "" : owner, project == null ? "" : project),
                new Count(1, kept.logged().offset()),
                (a, b) -> new Count(a.events() + b.events(), Math.max(a.lastOffset(), b.lastOffset())));
        return new Counts(more);
    }
}
