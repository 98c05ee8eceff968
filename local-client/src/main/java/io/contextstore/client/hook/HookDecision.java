package io.contextstore.client.hook;

import io.contextstore.client.items.Item;
import java.util.List;

/** What an editor hook event calls for. */
public sealed interface HookDecision {

    /** A TodoWrite call: one task event per todo, with its status. */
    record Tasks(List<Item> items) implements HookDecision {
    }

    /** Another tool was used: counted locally in tool_analytics, nothing is queued. */
    record ToolUsed(String sessionId, String toolName, boolean failed, String project) implements HookDecision {
    }

    /** A session starts: the project's digest goes into its context. */
    record SessionStarted(String project) implements HookDecision {
    }

    /** The user sent a prompt: the items most relevant to it go into the context. */
    record PromptSubmitted(String project, String prompt) implements HookDecision {
    }

    /** An event this ctx does not act on: nothing to do. */
    record Ignored(String why) implements HookDecision {
    }
}
