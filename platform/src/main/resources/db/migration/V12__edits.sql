-- Context Store schema, part 12: edits as events, conflicts kept (ADR 39).
--
-- An org-tier item (decision, learning, error solution, project context) is superseded by a new event of its kind,
-- or retracted by a retraction event; either names the item (the event_id of its first version) and the versions
-- (cursors) it replaces in the envelope's supersedes. The projector decides by log order alone what each edit does
-- (I5): the item's current versions become (current - named) + the edit. One current version: the item shows it
-- (or, for a retraction, leaves lists and search). Several: the item is in conflict until an edit names them all.

-- The retraction kind's table (its fields: reason), shaped like every content kind's.
CREATE TABLE retractions (
    tenant_id    uuid        NOT NULL,
    kafka_offset bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    user_id      text        NOT NULL,
    device_id    text        NOT NULL,
    project_id   text,
    occurred_at  timestamptz NOT NULL,
    reason       text        NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);

-- Every version of every item that was edited at least once, its first version included (an item never edited has
-- no row: its one event is its one version). version = kafka_offset + 1. current: the version is one of the item's
-- current versions; kinds' tables and search keep rows of current versions only, so a replaced or retracted version
-- stays here and in context_events (history, pulls, audit), and leaves lists and search.
CREATE TABLE item_versions (
    tenant_id    uuid     NOT NULL,
    kafka_offset bigint   NOT NULL,
    item_id      uuid     NOT NULL,
    event_id     uuid     NOT NULL,
    kind         text     NOT NULL,
    retraction   boolean  NOT NULL,
    supersedes   bigint[] NOT NULL,
    current      boolean  NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);
CREATE INDEX item_versions_by_item ON item_versions (tenant_id, item_id, kafka_offset);
CREATE INDEX item_versions_current ON item_versions (tenant_id, item_id) WHERE current;

DO $$
DECLARE
    edit_table text;
BEGIN
    FOREACH edit_table IN ARRAY ARRAY['retractions', 'item_versions'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', edit_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', edit_table);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
            WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, edit_table);
        -- readable exactly when its event is (ADR 36): the scope rule stays on context_events alone
        EXECUTE format($p$CREATE POLICY scope_isolation ON %1$I AS RESTRICTIVE FOR SELECT TO cs_query
            USING (EXISTS (SELECT FROM context_events e
                           WHERE e.tenant_id = %1$I.tenant_id AND e.kafka_offset = %1$I.kafka_offset))$p$, edit_table);
    END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON retractions, item_versions TO cs_projector;
GRANT SELECT ON retractions, item_versions TO cs_query, cs_auditor;

-- The ingest refuses a bad edit before anything is written (unknown item, wrong kind, a personal item, a version
-- of another item), from the dedup index alone, as it decides retries: never from the read model, which may lag.
-- So the index learns each event's kind, scope and item (NULL: the event is its own item), and is searchable by
-- position, which is how an edit names a version.
ALTER TABLE dedup_index ADD COLUMN kind text;
ALTER TABLE dedup_index ADD COLUMN scope_level text;
ALTER TABLE dedup_index ADD COLUMN scope_project text;
ALTER TABLE dedup_index ADD COLUMN item_id uuid;
CREATE INDEX dedup_index_by_offset ON dedup_index (tenant_id, kafka_offset);

-- Entries written before this release learn their kind and scope from the projected events (lifted out of FORCE ROW
-- LEVEL SECURITY for the copy, as in V4). An entry whose event was not projected yet keeps NULLs: the ingest then
-- leaves the checks it cannot make to the projector, which ignores an edit of the wrong kind (ADR 39).
ALTER TABLE dedup_index NO FORCE ROW LEVEL SECURITY;
ALTER TABLE context_events NO FORCE ROW LEVEL SECURITY;
UPDATE dedup_index d SET kind = e.kind,
    scope_level = CASE WHEN e.private_to IS NOT NULL THEN 'personal'
                       WHEN e.project_scope IS NOT NULL THEN 'project' ELSE 'tenant' END,
    scope_project = e.project_scope
FROM context_events e WHERE e.tenant_id = d.tenant_id AND e.event_id = d.event_id;
ALTER TABLE dedup_index FORCE ROW LEVEL SECURITY;
ALTER TABLE context_events FORCE ROW LEVEL SECURITY;
