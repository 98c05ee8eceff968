package io.contextstore.platform.tenancy;

import io.contextstore.platform.db.Database;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Teams and projects inside a tenant (ADR 36): operator state, written straight to PostgreSQL as the
 * {@code cs_admin} role under the tenant's row-level security. A change is in effect for the next statement of
 * every service: a user removed from a team reads nothing more of its projects on the very next request.
 * Adding what is there already, or removing what is not, changes nothing and says so ({@code false}).
 */
public final class ScopeAdministration {

    /** A team, its members and the projects it is on. */
    public record TeamListing(String teamId, List<String> members, List<String> projects) {
    }

    /** A project, whether it is restricted, its teams and the users those make its members. */
    public record ProjectListing(String projectId, boolean restricted, List<String> teams, List<String> members) {
    }

    private final Database database;

    public ScopeAdministration(Database database) {
        this.database = database;
    }

    /** @return false if the team exists already */
    public boolean createTeam(UUID tenant, String team) {
        return write(tenant, "team id", jdbc -> {
            requireTenant(jdbc, tenant);
            return jdbc.sql("INSERT INTO teams (tenant_id, team_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(tenant, team).update() == 1;
        });
    }

    /** @return false if the project exists already (its restriction is then left as it is) */
    public boolean createProject(UUID tenant, String project, boolean restricted) {
        return write(tenant, "project id", jdbc -> {
            requireTenant(jdbc, tenant);
            return jdbc.sql("INSERT INTO projects (tenant_id, project_id, restricted) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(tenant, project, restricted).update() == 1;
        });
    }

    public boolean addMember(UUID tenant, String team, String user) {
        return write(tenant, "user id", jdbc -> {
            require(jdbc, "teams", "team_id", team, "team");
            return jdbc.sql("INSERT INTO team_members (tenant_id, team_id, user_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(tenant, team, user).update() == 1;
        });
    }

    public boolean removeMember(UUID tenant, String team, String user) {
        return write(tenant, "user id", jdbc -> {
            require(jdbc, "teams", "team_id", team, "team");
            return jdbc.sql("DELETE FROM team_members WHERE team_id = ? AND user_id = ?").params(team, user).update() == 1;
        });
    }

    public boolean addTeamToProject(UUID tenant, String project, String team) {
        return onProject(tenant, project, team,
                "INSERT INTO project_teams (tenant_id, project_id, team_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
    }

    public boolean removeTeamFromProject(UUID tenant, String project, String team) {
        return onProject(tenant, project, team,
                "DELETE FROM project_teams WHERE tenant_id = ? AND project_id = ? AND team_id = ?");
    }

    /** A change of which teams are on a project: both must exist; {@code sql} takes tenant, project, team. */
    private boolean onProject(UUID tenant, String project, String team, String sql) {
        return write(tenant, "id", jdbc -> {
            require(jdbc, "projects", "project_id", project, "project");
            require(jdbc, "teams", "team_id", team, "team");
            return jdbc.sql(sql).params(tenant, project, team).update() == 1;
        });
    }

    public List<TeamListing> teams(UUID tenant) {
        return database.readInTenant(tenant, jdbc -> jdbc.sql("""
                        SELECT t.team_id,
                               ARRAY(SELECT m.user_id FROM team_members m WHERE m.team_id = t.team_id ORDER BY 1),
                               ARRAY(SELECT p.project_id FROM project_teams p WHERE p.team_id = t.team_id ORDER BY 1)
                        FROM teams t ORDER BY t.team_id""")
                .query((rs, n) -> new TeamListing(rs.getString(1), strings(rs, 2), strings(rs, 3))).list());
    }

    public List<ProjectListing> projects(UUID tenant) {
        return database.readInTenant(tenant, jdbc -> jdbc.sql("""
                        SELECT p.project_id, p.restricted,
                               ARRAY(SELECT pt.team_id FROM project_teams pt WHERE pt.project_id = p.project_id ORDER BY 1),
                               ARRAY(SELECT DISTINCT m.user_id FROM project_teams pt JOIN team_members m
                                       ON m.tenant_id = pt.tenant_id AND m.team_id = pt.team_id
                                     WHERE pt.project_id = p.project_id ORDER BY 1)
                        FROM projects p ORDER BY p.project_id""")
                .query((rs, n) -> new ProjectListing(rs.getString(1), rs.getBoolean(2), strings(rs, 3), strings(rs, 4)))
                .list());
    }

    private boolean write(UUID tenant, String what, Function<JdbcClient, Boolean> work) {
        try {
            return database.inTenant(tenant, work);
        } catch (DataIntegrityViolationException e) {
            // the tables' CHECKs hold the identifier rules: say which kind of id, never echo SQL
            throw new IllegalArgumentException("not a valid " + what + " (docs/api.md, \"Scopes\", has the rules)");
        }
    }

    private static void requireTenant(JdbcClient jdbc, UUID tenant) {
        if (jdbc.sql("SELECT count(*) FROM tenants").query(Long.class).single() == 0) {
            throw new IllegalArgumentException("no tenant " + tenant);
        }
    }

    private static void require(JdbcClient jdbc, String table, String column, String id, String what) {
        if (jdbc.sql("SELECT count(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Long.class).single() == 0) {
            throw new IllegalArgumentException("no " + what + " \"" + id + "\" in this tenant; create it first");
        }
    }

    private static List<String> strings(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        return Arrays.asList((String[]) array.getArray());
    }
}
