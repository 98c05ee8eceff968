package io.contextstore.stack.admin;

import io.contextstore.platform.tenancy.ScopeAdministration;
import io.contextstore.platform.tenancy.ScopeAdministration.ProjectListing;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code admin project create|list|add-team|remove-team}: projects of a tenant and the teams on them (ADR 36). */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Projects inside a tenant: create, list, add and remove the teams whose members read them.")
final class ProjectCommand {

    @ParentCommand
    AdminCommand admin;

    @Spec
    CommandSpec spec;

    @Command(name = "create", description = "Create a project (nothing changes if it exists). Items naming a restricted "
            + "project are read by its members only; an open one only groups.")
    int create(@Mixin ScopeOptions on,
               @Option(names = "--project", required = true, description = "Project id: the project_id items name.")
               String project,
               @Option(names = "--open", description = "Not restricted: items naming it stay tenant-wide unless pushed "
                       + "with scope \"project\".") boolean open) {
        return run(on, "created", scopes -> withRestriction(TeamCommand.change("project", project, "created",
                        scopes.createProject(on.tenant, project, !open)), !open),
                "created project " + project + (open ? " (open)" : " (restricted)"), "project " + project + " exists already");
    }

    @Command(name = "list", description = "List the tenant's projects, their teams and members.")
    int list(@Mixin ScopeOptions on) {
        try (AdminCommand.AutoCloseableHolder holder = new AdminCommand.AutoCloseableHolder()) {
            return ScopeOutput.answer(spec, on.json, () -> new ScopeAdministration(admin.database(holder)).projects(on.tenant),
                    value -> table((List<?>) value));
        }
    }

    @Command(name = "add-team", description = "Put a team on a project: its members read the project's whole history "
            + "from the next request on.")
    int addTeam(@Mixin ScopeOptions on,
                @Option(names = "--project", required = true, description = "Project id.") String project,
                @Option(names = "--team", required = true, description = "Team id.") String team) {
        return run(on, "added", scopes -> onProject(project, team, "added", scopes.addTeamToProject(on.tenant, project, team)),
                "put team " + team + " on project " + project, "team " + team + " is on project " + project + " already");
    }

    @Command(name = "remove-team", description = "Take a team off a project: its members (unless on another of the "
            + "project's teams) read nothing more of it from the next request on.")
    int removeTeam(@Mixin ScopeOptions on,
                   @Option(names = "--project", required = true, description = "Project id.") String project,
                   @Option(names = "--team", required = true, description = "Team id.") String team) {
        return run(on, "removed", scopes -> onProject(project, team, "removed", scopes.removeTeamFromProject(on.tenant, project, team)),
                "took team " + team + " off project " + project, "team " + team + " was not on project " + project);
    }

    private int run(ScopeOptions on, String verb, Function<ScopeAdministration, Map<String, Object>> change, String done,
                    String unchanged) {
        return ScopeOutput.change(admin, spec, on.json, verb, change, done, unchanged);
    }


    private static Map<String, Object> withRestriction(Map<String, Object> answer, boolean restricted) {
        answer.put("restricted", restricted);
        return answer;
    }

    private static Map<String, Object> onProject(String project, String team, String verb, boolean changed) {
        Map<String, Object> answer = TeamCommand.change("project", project, verb, changed);
        answer.put("team", team);
        return answer;
    }

    private static String table(List<?> projects) {
        StringBuilder text = new StringBuilder(String.format("%-24s  %-10s  %-30s  %s%n", "PROJECT", "VISIBILITY", "TEAMS",
                "MEMBERS"));
        for (Object row : projects) {
            ProjectListing project = (ProjectListing) row;
            text.append(String.format("%-24s  %-10s  %-30s  %s%n", project.projectId(),
                    project.restricted() ? "restricted" : "open", String.join(",", project.teams()),
                    String.join(",", project.members())));
        }
        return text.toString().stripTrailing();
    }
}
