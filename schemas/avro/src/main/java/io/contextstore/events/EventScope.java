package io.contextstore.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who inside its tenant may read an event (ADR 36), as its envelope's {@code scope} says, or — for records
 * written before release 4, which have none — as its kind's visibility implied. The one place that reads it:
 * identities, the projector's {@code private_to} and {@code project_scope}, and sealing all ask here.
 *
 * @param projectId the project whose members alone may read it, or null when not confined to one
 */
public record EventScope(Level level, String projectId) {

    /** Personal: its author's devices. Project: the members of the teams on its project. Tenant: everyone. */
    public enum Level {
        PERSONAL, PROJECT, TENANT;

        // read for every event on ingest and in the projector: made once, not lower-cased and searched each time
        private static final Map<String, Level> BY_WIRE_NAME = Arrays.stream(values())
                .collect(Collectors.toUnmodifiableMap(Level::wireName, level -> level));

        private final String wireName = name().toLowerCase(Locale.ROOT);

        public String wireName() {
            return wireName;
        }

        public static Optional<Level> fromWireName(String name) {
            return Optional.ofNullable(name == null ? null : BY_WIRE_NAME.get(name));
        }

        /** "personal, project, tenant": for messages that list them. */
        public static String wireNames() {
            return Arrays.stream(values()).map(Level::wireName).collect(Collectors.joining(", "));
        }
    }

    public EventScope {
        if (level == Level.PROJECT && projectId == null || level == Level.TENANT && projectId != null) {
            throw new IllegalArgumentException("a project scope names its project, a tenant scope none: " + level + " " + projectId);
        }
    }

    public static EventScope personal(String confinedTo) {
        return new EventScope(Level.PERSONAL, confinedTo);
    }

    public static EventScope project(String projectId) {
        return new EventScope(Level.PROJECT, projectId);
    }

    public static EventScope tenant() {
        return new EventScope(Level.TENANT, null);
    }

    /** A kind's scope where nothing else was said: a user's own kinds are personal, the others tenant-wide. */
    public static EventScope defaultOf(EventKind kind) {
        return kind.visibility() == EventKind.Visibility.USER ? personal(null) : tenant();
    }

    public static EventScope of(ContextEvent event) {
        Scope scope = event.getScope();
        if (scope == null) {
            return defaultOf(EventKind.of(event));
        }
        Level level = Level.fromWireName(scope.getLevel()).orElseThrow(() ->
                new IllegalArgumentException("not a scope level: " + scope.getLevel()));
        return new EventScope(level, scope.getProjectId());
    }

    /**
     * The scope a read-model row was written with, from what the projector kept of it ({@link #privateTo} and
     * {@link #projectId}): its inverse, so a pulled event can say who may read it.
     */
    public static EventScope ofStored(boolean privateRow, String projectScope) {
        if (privateRow) {
            return personal(projectScope);
        }
        return projectScope == null ? tenant() : project(projectScope);
    }

    public boolean personal() {
        return level == Level.PERSONAL;
    }

    /** The author, for a personal event; null for one other users may read. */
    public String privateTo(String author) {
        return personal() ? author : null;
    }

    public Scope toAvro() {
        return Scope.newBuilder().setLevel(level.wireName()).setProjectId(projectId).build();
    }
}
