package io.contextstore.client.search;

import java.time.Instant;
import java.util.List;

/**
 * What a search or listing is limited to: kinds (empty = all), a project (null = all; with
 * {@code orUnscoped}, items that belong to no project as well), items since an instant (null = any time)
 * and how many at most.
 */
public record Filter(List<Indexed> kinds, String project, boolean orUnscoped, Instant since, int limit) {

    public Filter(List<Indexed> kinds, String project, Instant since, int limit) {
        this(kinds, project, false, since, limit);
    }

    public Filter {
        kinds = kinds == null || kinds.isEmpty() ? Indexed.values() : List.copyOf(kinds);
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1");
        }
    }

    public static Filter all(int limit) {
        return new Filter(List.of(), null, null, limit);
    }

    public Filter withKinds(List<Indexed> only) {
        return new Filter(only, project, orUnscoped, since, limit);
    }

    /** The SQL condition on {@code t} for the project, with one parameter, or null for none. */
    String projectCondition() {
        if (project == null) {
            return null;
        }
        return orUnscoped ? "(t.project_id = ? OR t.project_id IS NULL)" : "t.project_id = ?";
    }
}
