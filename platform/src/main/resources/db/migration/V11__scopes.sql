-- Context Store schema, part 11: scopes inside a tenant (ADR 36).
--
-- Teams and projects are operator state, like tenants and license keys: written by the admin role straight to
-- these tables, in effect on the next statement of any service (a removal stops reads on the very next request).
-- They are not in the log and never rebuilt. An item's scope is decided by the ingest API when it is pushed and
-- travels in its event (the envelope's scope), so the read model stays a function of the log (I5):
--   private_to     the author, for a personal item (as before);
--   project_scope  the project whose members alone may read it (a project item, or a personal item naming a
--                  restricted project), NULL when the whole tenant (or, for a personal item, its author) may.
-- Who is a member is read when a row is read, so membership changes apply to rows written long before.

CREATE TABLE teams (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    team_id    text        NOT NULL CHECK (team_id ~ '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, team_id)
);

CREATE TABLE team_members (
    tenant_id uuid        NOT NULL,
    team_id   text        NOT NULL,
    user_id   text        NOT NULL CHECK (user_id ~ '^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$'),
    added_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, team_id, user_id),
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, team_id) ON DELETE CASCADE
);
CREATE INDEX team_members_by_user ON team_members (tenant_id, user_id);

-- A project's id is the project_id items name (the same identifier rule as the API's). restricted: items naming
-- it are read by its members only unless pushed with another scope; an open project only groups.
CREATE TABLE projects (
    tenant_id  uuid        NOT NULL REFERENCES tenants (tenant_id) ON DELETE CASCADE,
    project_id text        NOT NULL CHECK (project_id ~ '^[A-Za-z0-9][A-Za-z0-9._:/@+#-]{0,127}$'),
    restricted boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, project_id)
);

CREATE TABLE project_teams (
    tenant_id  uuid        NOT NULL,
    project_id text        NOT NULL,
    team_id    text        NOT NULL,
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, project_id, team_id),
    FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, project_id) ON DELETE CASCADE,
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, team_id) ON DELETE CASCADE
);
CREATE INDEX project_teams_by_team ON project_teams (tenant_id, team_id);

DO $$
DECLARE
    membership_table text;
BEGIN
    FOREACH membership_table IN ARRAY ARRAY['teams', 'team_members', 'projects', 'project_teams'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', membership_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', membership_table);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
            WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, membership_table);
    END LOOP;
END
$$;

-- The admin role writes membership; the ingest API checks a pushed scope against it; the query API's policies
-- read it. The projector never does: what it writes must not depend on anything but the log.
GRANT SELECT, INSERT, DELETE ON teams, team_members, projects, project_teams TO cs_admin;
GRANT SELECT ON teams, team_members, projects, project_teams TO cs_ingest, cs_query, cs_auditor;

-- The projects the caller (app.tenant_id, app.user_id) reads through its teams. It lives in a schema of its own
-- whose name never changes, and resolves the membership tables by the caller's search_path when it runs, because
-- the policies below refer to it: a live rebuild (ADR 11) moves the read-model tables between schemas and drops
-- the schema they were migrated in, and a policy referring to that schema's function or tables would be dropped
-- with it (CASCADE), silently leaving the restrictive policy off. Invoker's rights: the membership tables' own
-- tenant policy applies to the lookup. No service role may create objects, so none can shadow the tables.
CREATE SCHEMA IF NOT EXISTS cs_access;
CREATE OR REPLACE FUNCTION cs_access.readable_projects() RETURNS text[]
    LANGUAGE sql STABLE
AS $fn$
    SELECT coalesce(array_agg(DISTINCT pt.project_id), '{}')
    FROM project_teams pt
    JOIN team_members m ON m.tenant_id = pt.tenant_id AND m.team_id = pt.team_id
    WHERE pt.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
      AND m.user_id = nullif(current_setting('app.user_id', true), '')
$fn$;
REVOKE ALL ON FUNCTION cs_access.readable_projects() FROM PUBLIC;
GRANT USAGE ON SCHEMA cs_access TO cs_query, cs_ingest, cs_auditor;
GRANT EXECUTE ON FUNCTION cs_access.readable_projects() TO cs_query, cs_ingest, cs_auditor;

-- The scope of each kept event, from its envelope.
ALTER TABLE context_events ADD COLUMN project_scope text;
ALTER TABLE search_documents ADD COLUMN project_scope text;

-- Statistics per owner and project scope ('' when none), so a member's status counts only what it may read.
ALTER TABLE sync_stats ADD COLUMN project_scope text NOT NULL DEFAULT '';
ALTER TABLE sync_stats DROP CONSTRAINT sync_stats_pkey;
ALTER TABLE sync_stats ADD PRIMARY KEY (tenant_id, kind, private_to, project_scope);

-- The project boundary, for the query role, beside the user boundary of V2: restrictive, so it only narrows.
-- Auditors and admins read every scope, as they read every user's rows. The sub-selects run once per statement.
CREATE POLICY scope_isolation ON context_events AS RESTRICTIVE FOR SELECT TO cs_query
    USING (project_scope IS NULL
           OR project_scope = ANY ((SELECT cs_access.readable_projects())::text[])
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));
CREATE POLICY scope_isolation ON sync_stats AS RESTRICTIVE FOR SELECT TO cs_query
    USING (project_scope = ''
           OR project_scope = ANY ((SELECT cs_access.readable_projects())::text[])
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));

-- Each kind's table: a row is readable exactly when its event is (the sub-query is itself under context_events'
-- policies, user and scope). One rule, kept where the scope is: the typed tables carry no scope of their own.
-- (Same schema as the tables: a live rebuild swaps them together with context_events.)
DO $$
DECLARE
    kind_table text;
BEGIN
    FOREACH kind_table IN ARRAY ARRAY['messages', 'decisions', 'skill_learnings', 'error_solutions', 'project_contexts'] LOOP
        EXECUTE format($p$CREATE POLICY scope_isolation ON %1$I AS RESTRICTIVE FOR SELECT TO cs_query
            USING (EXISTS (SELECT FROM context_events e
                           WHERE e.tenant_id = %1$I.tenant_id AND e.kafka_offset = %1$I.kafka_offset))$p$, kind_table);
    END LOOP;
    FOREACH kind_table IN ARRAY ARRAY['tasks', 'tool_analytics'] LOOP
        EXECUTE format($p$CREATE POLICY scope_isolation ON %1$I AS RESTRICTIVE FOR SELECT TO cs_query
            USING (EXISTS (SELECT FROM context_events e
                           WHERE e.tenant_id = %1$I.tenant_id AND e.kafka_offset = %1$I.last_offset))$p$, kind_table);
    END LOOP;
END
$$;

-- A message can be shared (a new event, readable by a project or the tenant): its row is then another user's.
-- V2's rule on messages (its author only) gives way to the rule above, whose context_events row is private to
-- its author unless shared. Tasks and tool analytics are states, never shared: they keep V2's and V6's rule too.
DROP POLICY user_isolation ON messages;

-- Search: search_documents is read past its policy by search_matches (SECURITY DEFINER, ADR 30), so the project
-- boundary is applied in the functions themselves, beside the user boundary, from the same settings. Candidates
-- a caller may not read never take a place on a page. The page is then read from context_events under the
-- policies above as well.
DROP FUNCTION search_candidates(tsquery, text[], text, int, uuid, text, boolean);
DROP FUNCTION search_candidates_scanned(tsquery, text[], text, int, uuid, text, boolean);

CREATE FUNCTION search_candidates_scanned(q tsquery, kinds text[], project text, newest int,
                                          tenant uuid, caller text, sees_all boolean, projects text[])
    RETURNS bigint[]
    LANGUAGE plpgsql STABLE
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $fn$
DECLARE
    found bigint[];
BEGIN
    EXECUTE $q$
        SELECT array_agg(kafka_offset) FROM (
            SELECT c.kafka_offset FROM search_documents c
            WHERE c.tenant_id = $5 AND c.doc @@ $1
              AND (c.private_to IS NULL OR c.private_to = $6 OR $7)
              AND (c.project_scope IS NULL OR c.project_scope = ANY ($8) OR $7)
              AND ($2 IS NULL OR c.kind = ANY ($2)) AND ($3 IS NULL OR c.project_id = $3)
            ORDER BY c.kafka_offset DESC LIMIT $4) newest_first $q$
        INTO found USING q, kinds, project, newest, tenant, caller, sees_all, projects;
    RETURN coalesce(found, '{}');
END
$fn$;
REVOKE ALL ON FUNCTION search_candidates_scanned(tsquery, text[], text, int, uuid, text, boolean, text[]) FROM PUBLIC;

-- As V9's, with the project boundary in its estimate, its walk and its scan.
CREATE FUNCTION search_candidates(q tsquery, kinds text[], project text, newest int,
                                  tenant uuid, caller text, sees_all boolean, projects text[])
    RETURNS bigint[]
    LANGUAGE plpgsql STABLE
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $fn$
DECLARE
    max_blocks constant int := 1024;
    probe constant int := 2000;
    hits int;
    newest_offset bigint;
    probed_from bigint;
    oldest_offset bigint;
    found bigint[];
BEGIN
    SELECT count(*) FILTER (WHERE (p.private_to IS NULL OR p.private_to = caller OR sees_all)
                              AND (p.project_scope IS NULL OR p.project_scope = ANY (projects) OR sees_all)
                              AND (kinds IS NULL OR p.kind = ANY (kinds))
                              AND (project IS NULL OR p.project_id = project) AND p.doc @@ q),
           max(p.kafka_offset), min(p.kafka_offset)
      INTO hits, newest_offset, probed_from
      FROM (SELECT c.kafka_offset, c.kind, c.project_id, c.private_to, c.project_scope, c.doc FROM search_documents c
            WHERE c.tenant_id = tenant ORDER BY c.kafka_offset DESC LIMIT probe) p;
    SELECT min(c.kafka_offset) INTO oldest_offset FROM search_documents c WHERE c.tenant_id = tenant;
    IF newest_offset IS NULL OR hits::float8 * (newest_offset - oldest_offset + 1)
                                <= 4.0 * newest * (newest_offset - probed_from + 1) THEN
        RETURN search_candidates_scanned(q, kinds, project, newest, tenant, caller, sees_all, projects);
    END IF;
    EXECUTE $q$
        WITH RECURSIVE blocks (block, walked) AS (
            SELECT max(c.kafka_offset) >> 12, 1 FROM search_documents c WHERE c.tenant_id = $5
            UNION ALL
            SELECT (SELECT max(c.kafka_offset) >> 12 FROM search_documents c
                    WHERE c.tenant_id = $5 AND c.kafka_offset < blocks.block << 12), blocks.walked + 1
            FROM blocks WHERE blocks.block IS NOT NULL AND blocks.walked < $8),
        hits AS (
            SELECT hit.kafka_offset FROM blocks, LATERAL (
                SELECT c.kafka_offset FROM search_documents c
                WHERE search_block(c.tenant_id, c.kafka_offset) = search_block($5, blocks.block << 12)
                  AND c.tenant_id = $5 AND c.doc @@ $1
                  AND (c.private_to IS NULL OR c.private_to = $6 OR $7)
                  AND (c.project_scope IS NULL OR c.project_scope = ANY ($9) OR $7)
                  AND ($2 IS NULL OR c.kind = ANY ($2)) AND ($3 IS NULL OR c.project_id = $3)
                ORDER BY c.kafka_offset DESC) hit
            WHERE blocks.block IS NOT NULL
            LIMIT $4)
        SELECT array_agg(kafka_offset) FROM hits $q$
        INTO found USING q, kinds, project, newest, tenant, caller, sees_all, max_blocks, projects;
    IF cardinality(found) >= newest THEN
        RETURN found;
    END IF;
    RETURN search_candidates_scanned(q, kinds, project, newest, tenant, caller, sees_all, projects);
END
$fn$;
REVOKE ALL ON FUNCTION search_candidates(tsquery, text[], text, int, uuid, text, boolean, text[]) FROM PUBLIC;

-- Same contract as V9's; the caller's projects are read once, from the same settings as its tenant and user.
CREATE OR REPLACE FUNCTION search_matches(query tsquery, anyq tsquery, kinds text[], project text,
                                          after_rank real, after_offset bigint, max_hits int, newest int)
    RETURNS TABLE (kafka_offset bigint, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $fn$
DECLARE
    tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
    caller text := nullif(current_setting('app.user_id', true), '');
    sees_all boolean := coalesce(nullif(current_setting('app.role', true), '') IN ('auditor', 'admin'), false);
    projects text[] := cs_access.readable_projects();
    every_word bigint[];
    shown int;
BEGIN
    IF tenant IS NULL THEN
        RETURN;
    END IF;
    every_word := search_candidates(query, kinds, project, newest, tenant, caller, sees_all, projects);
    RETURN QUERY EXECUTE $q$
        SELECT r.kafka_offset, r.rank FROM (
            SELECT d.kafka_offset, (3 + CASE WHEN ts_filter(d.doc, '{a}') @@ $2 THEN 1 ELSE 0 END
                    + ts_rank('{0.1, 0.2, 0.4, 1.0}', d.doc, $2))::real AS rank
            FROM search_documents d WHERE d.tenant_id = $6 AND d.kafka_offset = ANY ($1)) r
        WHERE $3 IS NULL OR r.rank < $3 OR (r.rank = $3 AND r.kafka_offset < $4)
        ORDER BY r.rank DESC, r.kafka_offset DESC
        LIMIT $5 $q$
        USING every_word, anyq, after_rank, after_offset, max_hits, tenant;
    GET DIAGNOSTICS shown = ROW_COUNT;
    IF shown >= max_hits OR query = anyq THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
        SELECT r.kafka_offset, r.rank FROM (
            SELECT d.kafka_offset, (CASE WHEN ts_filter(d.doc, '{a}') @@ $2 THEN 1 ELSE 0 END
                    + ts_rank('{0.1, 0.2, 0.4, 1.0}', d.doc, $2))::real AS rank
            FROM search_documents d WHERE d.tenant_id = $6 AND d.kafka_offset = ANY ($1)
              AND d.kafka_offset <> ALL ($7)) r
        WHERE $3 IS NULL OR r.rank < $3 OR (r.rank = $3 AND r.kafka_offset < $4)
        ORDER BY r.rank DESC, r.kafka_offset DESC
        LIMIT $5 $q$
        USING search_candidates(anyq, kinds, project, newest, tenant, caller, sees_all, projects), anyq, after_rank,
              after_offset, max_hits - shown, tenant, every_word;
END
$fn$;
