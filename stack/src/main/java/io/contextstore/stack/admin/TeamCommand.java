package io.contextstore.stack.admin;

import io.contextstore.platform.tenancy.ScopeAdministration;
import io.contextstore.platform.tenancy.ScopeAdministration.TeamListing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin team create|list|add-member|remove-member}: teams of a tenant and who is in them (ADR 36). */
@Command(name = "team", mixinStandardHelpOptions = true,
        description = "Teams inside a tenant: create, list, add and remove members. A removed member reads nothing more "
                + "of the team's projects from the next request on.")
final class TeamCommand {

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Command(name = "create", description = "Create a team (nothing changes if it exists).")
    int create(@Mixin ScopeOptions on,
               @Option(names = "--team", required = true, description = "Team id.") String team) {
        return run(on, "created", scopes -> change("team", team, "created", scopes.createTeam(on.tenant, team)),
                "created team " + team, "team " + team + " exists already");
    }

    @Command(name = "list", description = "List the tenant's teams, their members and projects.")
    int list(@Mixin ScopeOptions on) {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            return ScopeOutput.answer(spec, on.json, () -> new ScopeAdministration(admin.database(holder)).teams(on.tenant),
                    value -> table((List<?>) value));
        }
    }

    @Command(name = "add-member", description = "Add a user to a team: they read its projects' items from the next request on.")
    int addMember(@Mixin ScopeOptions on,
                  @Option(names = "--team", required = true, description = "Team id.") String team,
                  @Option(names = "--user", required = true, description = "User id.") String user) {
        return run(on, "added", scopes -> member(team, user, "added", scopes.addMember(on.tenant, team, user)),
                "added " + user + " to team " + team, user + " is in team " + team + " already");
    }

    @Command(name = "remove-member", description = "Remove a user from a team: from the next request on they read "
            + "nothing more of its projects, and their devices delete what they hold of them at their next pull.")
    int removeMember(@Mixin ScopeOptions on,
                     @Option(names = "--team", required = true, description = "Team id.") String team,
                     @Option(names = "--user", required = true, description = "User id.") String user) {
        return run(on, "removed", scopes -> member(team, user, "removed", scopes.removeMember(on.tenant, team, user)),
                "removed " + user + " from team " + team, user + " was not in team " + team);
    }

    private int run(ScopeOptions on, String verb, Function<ScopeAdministration, Map<String, Object>> change, String done,
                    String unchanged) {
        return ScopeOutput.change(admin, spec, on.json, verb, change, done, unchanged);
    }


    static Map<String, Object> change(String what, String id, String verb, boolean changed) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(what, id);
        answer.put(verb, changed);
        return answer;
    }

    private static Map<String, Object> member(String team, String user, String verb, boolean changed) {
        Map<String, Object> answer = change("team", team, verb, changed);
        answer.put("user", user);
        return answer;
    }

    private static String table(List<?> teams) {
        StringBuilder text = new StringBuilder(String.format("%-24s  %-40s  %s%n", "TEAM", "MEMBERS", "PROJECTS"));
        for (Object row : teams) {
            TeamListing team = (TeamListing) row;
            text.append(String.format("%-24s  %-40s  %s%n", team.teamId(), String.join(",", team.members()),
                    String.join(",", team.projects())));
        }
        return text.toString().stripTrailing();
    }
}
