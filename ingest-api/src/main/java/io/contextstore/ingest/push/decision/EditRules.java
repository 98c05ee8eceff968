package io.contextstore.ingest.push.decision;

import io.contextstore.events.EventKind;
import io.contextstore.ingest.push.decision.PushDecider.Known;
import io.contextstore.platform.web.ApiProblem;
import java.util.List;
import java.util.UUID;

/**
 * Whether an edit may be appended (ADR 39), decided from the dedup index alone, before anything is written: the item
 * exists in the tenant, is shared (not someone's personal item), is of an editable kind and of the edit's kind (any
 * editable kind for a retraction), keeps its scope, and every version named is a version of it. Whether the edit is
 * then current or a conflict is the projector's to decide, by log order; an entry the index knows no facts of (older
 * than release 5 and not projected when it was migrated) is left to the projector as well.
 */
final class EditRules {

    private EditRules() {
    }

    /** @param pointer the item's JSON Pointer in the request ("" for a single item) */
    static void check(ContextItem item, String pointer, Known known) {
        Edit edit = item.edit();
        UUID itemId = edit.itemId();
        IndexedEvent target = known.byId().get(itemId);
        if (target == null) {
            throw ApiProblem.notFound("no item " + itemId + " in this tenant (" + pointer + "/supersedes/id)");
        }
        IndexedEvent.Facts facts = target.facts();
        if (facts != null) {
            checkItem(item, pointer, itemId, facts);
        }
        List<Long> versions = edit.versions();
        for (int i = 0; i < versions.size(); i++) {
            IndexedEvent version = known.byOffset().get(versions.get(i) - 1);
            boolean ofItem = version != null && (version.eventId().equals(itemId)
                    || version.facts() != null && itemId.equals(version.facts().itemId()));
            if (!ofItem) {
                throw ApiProblem.invalidField(pointer + "/supersedes/versions",
                        versions.get(i) + " is not a version of item " + itemId + " (its history lists them)");
            }
        }
    }

    private static void checkItem(ContextItem item, String pointer, UUID itemId, IndexedEvent.Facts facts) {
        if (facts.itemId() != null) {
            throw ApiProblem.invalidField(pointer + "/supersedes/id", itemId + " is a version of item " + facts.itemId()
                    + ": name the item");
        }
        if (facts.scope().personal()) {
            throw ApiProblem.forbidden("item " + itemId + " is personal to its author: only items shared with a project "
                    + "or the tenant are edited");
        }
        EventKind kind = EventKind.fromWireName(facts.kind()).orElse(null);
        if (kind == null || !kind.editable()) {
            throw ApiProblem.invalidField(pointer + "/supersedes/id", "item " + itemId + " is a " + facts.kind()
                    + ", which cannot be edited; only " + EventKind.editableWireNames() + " items can");
        }
        if (item.kind() != EventKind.RETRACTION && item.kind() != kind) {
            throw ApiProblem.invalidField(pointer + "/supersedes/id", "item " + itemId + " is a " + kind.wireName()
                    + ", not a " + item.kind().wireName() + ": a new version has its item's kind");
        }
        if (!facts.scope().equals(item.scope())) {
            throw ApiProblem.invalidField(pointer + "/project_id", "an edit keeps its item's scope ("
                    + facts.scope().level().wireName() + (facts.scope().projectId() == null ? ""
                    : " of project \"" + facts.scope().projectId() + "\"") + "): name the item's project_id");
        }
    }
}
