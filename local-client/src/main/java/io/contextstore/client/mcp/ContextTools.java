package io.contextstore.client.mcp;

import io.contextstore.client.LocalContext;
import io.contextstore.client.edits.LocalConflicts;
import io.contextstore.client.edits.LocalEdits;
import io.contextstore.client.hook.BackgroundSync;
import io.contextstore.client.items.Item;
import io.contextstore.client.items.Kind;
import io.contextstore.client.search.Entry;
import io.contextstore.client.search.Filter;
import io.contextstore.client.search.Indexed;
import io.contextstore.client.search.LocalSearch;
import io.contextstore.client.tiers.Edits;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the MCP tools do, without the protocol: arguments in, a JSON-ready answer out. Calls are
 * serialized (one SQLite connection per tier file is not for concurrent use).
 */
final class ContextTools {

    private final LocalContext context;
    private final LocalSearch search;
    private final ServerSearch server;
    private final String mainClass;

    ContextTools(LocalContext context, ServerSearch server, String mainClass) {
        this.context = context;
        this.search = new LocalSearch(context);
        this.server = server;
        this.mainClass = mainClass;
    }

    synchronized Map<String, Object> search(Arguments arguments) {
        String query = arguments.required("query");
        String kind = arguments.optional("kind");
        String project = arguments.optional("project");
        int limit = arguments.integer("limit", 10, 1, 50);
        List<Indexed> kinds = kind == null ? List.of() : List.of(Indexed.named(kind).orElseThrow(() -> new Arguments.BadArguments(
                "\"kind\" must be one of " + String.join(", ", Indexed.wireNames()))));
        List<Object> results = new java.util.ArrayList<>();
        for (Entry entry : search.search(query, new Filter(kinds, project, null, limit), LocalSearch.Highlight.MARKDOWN)) {
            results.add(entry.toJson(context.clock().instant()));
        }
        ServerSearch.Answer remote = server.search(query, kind == null ? null : kinds.get(0).kind().wireName(), project, limit);
        // what this machine holds already is shown once, as its local copy
        java.util.Set<Object> local = results.stream().map(r -> ((Map<?, ?>) r).get("id")).collect(java.util.stream.Collectors.toSet());
        remote.hits().stream().filter(hit -> !local.contains(hit.get("id"))).forEach(results::add);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("results", results);
        if (remote.note() != null) {
            answer.put("note", remote.note());
        }
        return answer;
    }

    synchronized Map<String, Object> get(Arguments arguments) {
        String id = arguments.required("id");
        Entry entry = search.show(id).orElseThrow(() -> new Arguments.BadArguments("no item " + id
                + " on this machine (ids are event ids, or local:<kind>:<row> as search_context returns them)"));
        Map<String, Object> answer = new LinkedHashMap<>(entry.toJson(context.clock().instant()));
        answer.put("fields", search.fields(entry));
        return answer;
    }

    synchronized Map<String, Object> openTasks(Arguments arguments) {
        String project = arguments.optional("project");
        int limit = arguments.integer("limit", 20, 1, 100);
        List<Object> tasks = search.list(Indexed.TASK, new Filter(List.of(Indexed.TASK), project, null, limit), LocalSearch.OPEN_TASKS)
                .stream().map(entry -> (Object) entry.toJson(context.clock().instant())).toList();
        return Map.of("tasks", tasks);
    }

    /** A new version of an item this machine holds (ADR 39), queued and sent like a record. */
    synchronized Map<String, Object> edit(Arguments arguments) {
        Entry entry = held(arguments.required("id"));
        return queue(refusedAsBadArguments(() -> new LocalEdits(context, search).newVersion(entry, arguments.object("changes"))));
    }

    /** A retraction of an item this machine holds (ADR 39), queued and sent like a record. */
    synchronized Map<String, Object> retract(Arguments arguments) {
        Entry entry = held(arguments.required("id"));
        String reason = arguments.required("reason");
        return queue(refusedAsBadArguments(() -> new LocalEdits(context, search).retraction(entry, reason)));
    }

    /** Every version of an item, from the server (ADR 39). */
    synchronized Map<String, Object> history(Arguments arguments) {
        Entry entry = held(arguments.required("id"));
        if (!entry.kind().event().editable() || !entry.confirmed()) {
            throw new Arguments.BadArguments("item " + entry.id() + " has no history: only a decision, learning, error"
                    + " solution or project context the server has confirmed has one");
        }
        String item = context.tier(entry.kind().tier()).read(c -> Edits.itemOf(c, entry.id()));
        return server.read("/api/v1/context/" + entry.kind().event().endpoint() + "/" + item + "/history");
    }

    /** The items in conflict on this machine (ADR 39), read from its tiers: an assistant resolves one with edit_item. */
    synchronized Map<String, Object> conflicts(Arguments arguments) {
        return LocalConflicts.json(new LocalConflicts(context).list(), context.credentials().isPresent()
                ? "read without the network; unless started with --no-watch, this server pulls edits as they are made"
                : "not logged in: nothing was pulled here");
    }

    private Entry held(String id) {
        return search.show(id).orElseThrow(() -> new Arguments.BadArguments("no item " + id
                + " on this machine (ids are event ids, as search_context returns them)"));
    }

    private static Item refusedAsBadArguments(java.util.function.Supplier<Item> edit) {
        try {
            return edit.get();
        } catch (LocalEdits.Refused refused) {
            throw new Arguments.BadArguments(refused.getMessage());
        }
    }

    /**
     * Queued durably as {@code ctx push} does, then a background sync as {@code ctx hook --sync} starts it;
     * {@code personal}: read by the user's own devices only (ADR 36), as {@code ctx push --personal}.
     */
    synchronized Map<String, Object> record(Kind kind, Map<String, Object> fields, String project, boolean personal) {
        fields.put("project_id", project);
        Item item = Item.of(kind, fields, context.clock().instant());
        return queue(personal ? item.scoped(Item.Scope.of("personal")) : item);
    }

    private Map<String, Object> queue(Item item) {
        Kind kind = item.kind();
        long queueId = context.record(item);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queued", true);
        answer.put("queue_id", queueId);
        answer.put("content_hash", item.contentHash());
        // a retraction has no row to show: it is not searched (ADR 39)
        Optional<Entry> row = kind.event().searchText().searchable() ? search.byContentHash(kind, item.contentHash())
                : Optional.empty();
        answer.put("id", row.map(Entry::id).orElse(null));
        answer.put("sync", startSync());
        return answer;
    }

    private String startSync() {
        if (!Files.exists(context.home().credentials())) {
            return "not logged in: queued on this machine until `ctx login` and `ctx sync`";
        }
        try {
            BackgroundSync.start(mainClass, context.home().syncLog(), context.home().environment());
            return "background sync started";
        } catch (IOException e) {
            return "queued; a background sync could not start (" + e.getMessage() + "): `ctx sync` sends it";
        }
    }
}
