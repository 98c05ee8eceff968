package io.contextstore.client.tiers;

import java.util.List;

/**
 * The migration for scopes a row's own columns do not say (ADR 36), in every tier that pulls content: a pulled event
 * whose scope is not its kind's default and its project's gets a row here, by event id. A shared kind's item pushed
 * personal (its author's alone: erased with them, like their messages) and an item shared into a project it does not
 * name (purged when that project is lost, like the project's own rows). A row with no entry is read as its kind and
 * its {@code project_id} say. {@code IF NOT EXISTS}, as {@link EditMigration}'s.
 */
final class ScopeMigration {

    static final List<String> ROW_SCOPES = List.of(
            "CREATE TABLE IF NOT EXISTS row_scopes (event_id TEXT PRIMARY KEY, personal INTEGER NOT NULL, project TEXT)",
            "CREATE INDEX IF NOT EXISTS row_scopes_by_project ON row_scopes (project)");

    private ScopeMigration() {
    }
}
