package io.contextstore.ingest.push.decision;

import io.contextstore.events.EventKind;
import io.contextstore.events.EventScope;
import io.contextstore.events.EventScope.Level;
import io.contextstore.platform.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may read each pushed item (ADR 36), decided without I/O from what the tenant's projects say about the
 * projects the push names. Defaults a user does not think about: an item naming a restricted project is read
 * by that project's members (a user's own kinds stay personal, and are read by their author while a member);
 * otherwise a user's own kinds are personal and the others tenant-wide. An explicit {@code scope} is checked
 * (a user's own kinds can only be personal; any other kind can be personal as well, read by its author alone):
 * an unknown project, a project the user is not in, or a scope the kind cannot have is a 4xx, and since every
 * item is resolved before anything is written, nothing of the push is. A share (an item naming, in {@code shares},
 * the personal item it widens) must say {@code project} or {@code tenant}; that the personal item is the pusher's
 * is decided with the index ({@link PushDecider}).
 */
public final class ScopeRules {

    /** What the tenant says of one named project: whether it is restricted, and whether the pusher is a member. */
    public record ProjectAccess(boolean restricted, boolean member) {
    }

    private ScopeRules() {
    }

    /** The projects a push names: what the adapter must look up. */
    public static Set<String> namedProjects(PushContext command) {
        return command.items().stream().flatMap(item -> java.util.stream.Stream.of(item.projectId(), item.scopeProject()))
                .filter(Objects::nonNull).collect(Collectors.toSet());
    }

    /** @param projects the named projects that exist in the tenant (absent: no such project) */
    public static PushContext resolve(PushContext command, Map<String, ProjectAccess> projects) {
        List<ContextItem> resolved = new ArrayList<>(command.items().size());
        for (int i = 0; i < command.items().size(); i++) {
            ContextItem item = command.items().get(i);
            String pointer = command.batch() ? "/items/" + i : "";
            ProjectAccess project = item.projectId() == null ? null : projects.get(item.projectId());
            resolved.add(item.withScope(intoAnotherProject(item)
                    ? shareInto(item, pointer, project, projects.get(item.scopeProject()))
                    : scope(item, pointer, project)));
        }
        return new PushContext(command.tenantId(), command.userId(), command.deviceId(), List.copyOf(resolved), command.batch());
    }

    private static EventScope scope(ContextItem item, String pointer, ProjectAccess project) {
        EventKind kind = item.kind();
        if (item.shares() != null) {
            requireShareable(item, pointer);
        }
        // a share of a personal item follows the rules of the kinds that are read by a project or the tenant
        boolean ownKind = kind.visibility() == EventKind.Visibility.USER && item.shares() == null;
        boolean restricted = project != null && project.restricted();
        Level requested = item.requestedScope();
        if (requested == null) {
            if (!restricted) {
                return EventScope.defaultOf(kind);
            }
            requireMember(item, project);
            return ownKind ? EventScope.personal(item.projectId()) : EventScope.project(item.projectId());
        }
        if (ownKind && requested != Level.PERSONAL) {
            throw ApiProblem.invalidField(pointer + "/scope", "a " + kind.wireName() + " is personal; \""
                    + requested.wireName() + "\" is for shared kinds (share it on purpose: POST /api/v1/context/share)");
        }
        return switch (requested) {
            case PERSONAL -> {
                if (restricted) {
                    requireMember(item, project);
                }
                yield EventScope.personal(restricted ? item.projectId() : null);
            }
            case PROJECT -> {
                if (item.projectId() == null) {
                    throw ApiProblem.invalidField(pointer + "/project_id", "is required with scope \"project\"");
                }
                if (project == null) {
                    throw ApiProblem.invalidField(pointer + "/project_id", "names no project of this tenant (\""
                            + item.projectId() + "\"); an operator creates it with `contextstore admin create-project`");
                }
                requireMember(item, project);
                yield EventScope.project(item.projectId());
            }
            case TENANT -> {
                if (restricted) {
                    throw ApiProblem.invalidField(pointer + "/scope", "project \"" + item.projectId()
                            + "\" is restricted: its items are read by its members, not the whole tenant");
                }
                yield EventScope.tenant();
            }
        };
    }

    /** Whether the item's scope names a project other than the one the item names (none, or another). */
    private static boolean intoAnotherProject(ContextItem item) {
        return item.scopeProject() != null && !item.scopeProject().equals(item.projectId());
    }

    /**
     * A share into a project its item does not name (ADR 36): the share's scope carries the target, its content stays
     * the item's. The target must be a project of the tenant the sharer is a member of; an item confined to a restricted
     * project is its members' and is not shared into another. Anything but a share is read where it says it belongs.
     */
    private static EventScope shareInto(ContextItem item, String pointer, ProjectAccess own, ProjectAccess target) {
        String at = pointer + "/scope/project_id";
        if (item.shares() == null) {
            throw ApiProblem.invalidField(at, "names project \"" + item.scopeProject() + "\" but the item names "
                    + (item.projectId() == null ? "none" : "\"" + item.projectId() + "\"")
                    + ": an item is read in the project it names; share it (POST /api/v1/context/share) to widen it into another");
        }
        requireShareable(item, pointer);
        if (target == null) {
            throw ApiProblem.invalidField(at, "names no project of this tenant (\"" + item.scopeProject()
                    + "\"); an operator creates it with `contextstore admin project create`");
        }
        if (!target.member()) {
            throw ApiProblem.forbidden("you are not a member of project \"" + item.scopeProject()
                    + "\" (through a team): you share into your own projects only");
        }
        if (own != null && own.restricted()) {
            throw ApiProblem.invalidField(at, "the item names restricted project \"" + item.projectId()
                    + "\": its items are read by that project's members, and are not shared into another project");
        }
        return EventScope.project(item.scopeProject());
    }

    /**
     * Only a personal item's content can be shared (a message, or an item of a shared kind pushed personal: the
     * decider checks the caller's personal item with this content is in the log), and a share says how widely.
     */
    private static void requireShareable(ContextItem item, String pointer) {
        EventKind kind = item.kind();
        if (kind.isState()) {
            throw ApiProblem.invalidField(pointer + "/shares", "a " + kind.wireName()
                    + "'s state cannot be shared; only a personal item (a message, or an item pushed personal) can");
        }
        if (item.requestedScope() == null || item.requestedScope() == Level.PERSONAL) {
            throw ApiProblem.invalidField(pointer + "/scope", "a share says how widely: \"project\" or \"tenant\"");
        }
    }

    private static void requireMember(ContextItem item, ProjectAccess project) {
        if (!project.member()) {
            throw ApiProblem.forbidden("you are not a member of project \"" + item.projectId()
                    + "\" (through a team): items naming it are read by its members only");
        }
    }
}
