package io.contextstore.ingest.push;

import io.contextstore.ingest.push.decision.ScopeRules.ProjectAccess;
import io.contextstore.platform.db.OneTrip;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the tenant's projects say about the projects a push names (ADR 36): operator state, read at
 * each push, so a membership change applies to the next one. One query, and none for a push naming no project;
 * in the push's look-up trip (scoped to the tenant).
 */
final class ProjectMemberships {

    private ProjectMemberships() {
    }

    /** A statement of the push's look-up trip; null for a push naming no project. */
    static OneTrip.Statement<Map<String, ProjectAccess>> of(String user, Set<String> projects) {
        if (projects.isEmpty()) {
            return null;
        }
        return new OneTrip.Statement<>("""
                SELECT p.project_id, p.restricted, EXISTS (
                    SELECT FROM project_teams pt JOIN team_members m
                      ON m.tenant_id = pt.tenant_id AND m.team_id = pt.team_id
                    WHERE pt.tenant_id = p.tenant_id AND pt.project_id = p.project_id AND m.user_id = ?)
                FROM projects p WHERE p.project_id = ANY (?)""", List.of(user, projects.toArray(String[]::new)), rs -> {
            Map<String, ProjectAccess> access = new HashMap<>();
            while (rs.next()) {
                access.put(rs.getString(1), new ProjectAccess(rs.getBoolean(2), rs.getBoolean(3)));
            }
            return access;
        });
    }
}
