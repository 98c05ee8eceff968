package io.contextstore.client.search;

import io.contextstore.client.tiers.Tier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The editor's tool calls counted by {@code ctx hook} (tool_analytics), summed over sessions. */
public record ToolUsage(String tool, long calls, long errors, Instant lastUsed) {

    public static List<ToolUsage> list(LocalSearch search, Instant since, int limit) {
        List<ToolUsage> usage = new ArrayList<>();
        search.withTier(Tier.SESSIONS, c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT tool_name, sum(calls), sum(errors), max(last_used_at)"
                    + " FROM tool_analytics" + (since == null ? "" : " WHERE last_used_at >= ?")
                    + " GROUP BY tool_name ORDER BY sum(calls) DESC, tool_name LIMIT ?")) {
                int i = 1;
                if (since != null) {
                    select.setString(i++, since.toString());
                }
                select.setInt(i, limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        usage.add(new ToolUsage(rows.getString(1), rows.getLong(2), rows.getLong(3), Ages.parse(rows.getString(4))));
                    }
                }
            }
        });
        return usage;
    }
}
