package io.contextstore.ingest.push;

import io.contextstore.ingest.push.decision.ScopeRules.ProjectAccess;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads what the tenant's projects say about the projects a push names (ADR 36): operator state, read at
 * each push, so a membership change applies to the next one. One query, and none for a push naming no project;
 * in the push's look-up transaction (already scoped to the tenant).
 */
final class ProjectMemberships {

    private ProjectMemberships() {
    }

    static Map<String, ProjectAccess> of(JdbcClient jdbc, String user, Set<String> projects) {
        if (projects.isEmpty()) {
            return Map.of();
        }
        {
            Map<String, ProjectAccess> access = new HashMap<>();
            jdbc.sql("""
                            SELECT p.project_id, p.restricted, EXISTS (
                                SELECT FROM project_teams pt JOIN team_members m
                                  ON m.tenant_id = pt.tenant_id AND m.team_id = pt.team_id
                                WHERE pt.tenant_id = p.tenant_id AND pt.project_id = p.project_id AND m.user_id = ?)
                            FROM projects p WHERE p.project_id = ANY (?)""")
                    .params(user, projects.toArray(String[]::new))
                    .query((rs, n) -> access.put(rs.getString(1), new ProjectAccess(rs.getBoolean(2), rs.getBoolean(3))))
                    .list();
            return access;
        }
    }
}
