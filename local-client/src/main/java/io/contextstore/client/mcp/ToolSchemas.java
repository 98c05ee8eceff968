package io.contextstore.client.mcp;

import io.contextstore.client.search.Indexed;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools {@code ctx mcp} offers: name, what an assistant should know to use it, and its JSON input schema. */
final class ToolSchemas {

    private static final Map<String, Object> PROJECT = property("string",
            "The project (identifier, usually the repository's directory name); omit for all projects.");
    private static final Map<String, Object> PERSONAL = Map.of("type", "boolean", "description",
            "true: only the user's own devices read it (not the team); default false.");
    private static final Map<String, Object> TAGS = Map.of("type", "array", "items", Map.of("type", "string"),
            "description", "Short tags, e.g. [\"kafka\", \"architecture\"].");

    static final McpSchema.Tool SEARCH = tool("search_context",
            "Full-text search of the team's context (" + String.join(", ", Indexed.names(true))
                    + "). Searches this machine first (offline), then the server if logged in and it answers quickly."
                    + " Each result says its source: \"local\" or \"server\". Use it before answering questions about why"
                    + " something is the way it is, or when an error looks familiar.",
            schema(List.of("query"), Map.of(
                    "query", property("string", "Words to look for; \"a phrase\" in quotes, -word to exclude."),
                    "kind", Map.of("type", "string", "description", "Only this kind.", "enum",
                            Indexed.wireNames()),
                    "project", PROJECT,
                    "limit", Map.of("type", "integer", "minimum", 1, "maximum", 50, "description", "At most this many (default 10)."))));

    static final McpSchema.Tool GET_ITEM = tool("get_item",
            "One item with all its fields, by the id search_context or list_open_tasks returned (a server event id,"
                    + " or local:<kind>:<row> for an item not yet confirmed by the server).",
            schema(List.of("id"), Map.of("id", property("string", "The item's id."))));

    static final McpSchema.Tool OPEN_TASKS = tool("list_open_tasks",
            "Tasks still pending, in progress or blocked (each task's latest state), newest first.",
            schema(List.of(), Map.of("project", PROJECT,
                    "limit", Map.of("type", "integer", "minimum", 1, "maximum", 100, "description", "At most this many (default 20)."))));

    static final McpSchema.Tool RECORD_DECISION = tool("record_decision",
            "Record a decision the team should know (shared with the whole tenant; with personal: true, kept to the"
                    + " user's own devices). Queued durably on this machine and"
                    + " sent to the server in the background.",
            schema(List.of("title", "decision"), Map.of(
                    "title", property("string", "One line: what was decided."),
                    "decision", property("string", "The decision itself."),
                    "rationale", property("string", "Why."),
                    "project", PROJECT, "tags", TAGS, "personal", PERSONAL)));

    static final McpSchema.Tool RECORD_LEARNING = tool("record_learning",
            "Record a skill learning (a fact about a tool or technique worth reusing), shared with the tenant; queued"
                    + " durably and sent in the background.",
            schema(List.of("skill", "learning"), Map.of(
                    "skill", property("string", "The tool or technique, e.g. \"maven\"."),
                    "learning", property("string", "What was learnt."),
                    "project", PROJECT, "tags", TAGS, "personal", PERSONAL)));

    static final McpSchema.Tool RECORD_ERROR_SOLUTION = tool("record_error_solution",
            "Record an error and how it was solved, shared with the tenant; queued durably and sent in the background.",
            schema(List.of("error", "solution"), Map.of(
                    "error", property("string", "The error message or symptom."),
                    "solution", property("string", "What fixed it."),
                    "context", property("string", "Where it happened."),
                    "project", PROJECT, "tags", TAGS, "personal", PERSONAL)));

    static final McpSchema.Tool EDIT_ITEM = tool("edit_item",
            "Correct a decision, learning, error solution or project context: a new version of the item, shared with"
                    + " everyone who reads it. Fields not named keep their values. Queued durably and sent in the background;"
                    + " if someone else edited it meanwhile, both versions are kept as a conflict until an edit resolves it"
                    + " (editing an item in conflict resolves it).",
            schema(List.of("id", "changes"), Map.of(
                    "id", property("string", "The item's id, as search_context or get_item returned it."),
                    "changes", Map.of("type", "object", "description",
                            "Field names to new values, e.g. {\"decision\": \"Use Kafka\"}; tags as an array of strings."))));

    static final McpSchema.Tool RETRACT_ITEM = tool("retract_item",
            "Withdraw a decision, learning, error solution or project context that is wrong or obsolete, with the reason."
                    + " It leaves everyone's search and lists, and stays in its history. Queued and sent in the background.",
            schema(List.of("id", "reason"), Map.of(
                    "id", property("string", "The item's id."),
                    "reason", property("string", "Why it is withdrawn."))));

    static final McpSchema.Tool ITEM_HISTORY = tool("item_history",
            "Every version of an item, retracted ones included, oldest first, and whether it is in conflict (asks the"
                    + " server).",
            schema(List.of("id"), Map.of("id", property("string", "The item's id."))));

    static final McpSchema.Tool LIST_CONFLICTS = tool("list_conflicts",
            "Items in conflict on this machine: two edits left a decision, learning, error solution or project context"
                    + " with more than one current version. Each comes with every current version (its id, version, author,"
                    + " device and fields). Read from this machine's files as of their last sync (offline); resolve one"
                    + " with edit_item on any of its versions' ids: the edit replaces every version this machine holds.",
            schema(List.of(), Map.of()));

    private ToolSchemas() {
    }

    private static McpSchema.Tool tool(String name, String description, Map<String, Object> inputSchema) {
        return McpSchema.Tool.builder().name(name).description(description).inputSchema(inputSchema).build();
    }

    private static Map<String, Object> schema(List<String> required, Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required);
        schema.put("additionalProperties", false);
        return schema;
    }

    private static Map<String, Object> property(String type, String description) {
        return Map.of("type", type, "description", description);
    }
}
