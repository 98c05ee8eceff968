-- Context Store schema, part 14: the caller's readable projects without planning their query at every call.
--
-- V11's readable_projects() was a SQL function. Its aggregate keeps PostgreSQL from inlining it, and a SQL function
-- that is not inlined plans its query again at every call: about 0.7 ms each, in every pull and every stream read
-- (bench/profiling.md, 5 December 2026). PL/pgSQL keeps the plan for the session. A kept plan is planned again when the
-- caller's search_path differs or a table it uses changes, so the tables are still the caller's, as V11 wants them.
-- Same body, same rights (the invoker's), same grants.
CREATE OR REPLACE FUNCTION cs_access.readable_projects() RETURNS text[]
    LANGUAGE plpgsql STABLE
AS $fn$
BEGIN
    RETURN (SELECT coalesce(array_agg(DISTINCT pt.project_id), '{}')
            FROM project_teams pt
            JOIN team_members m ON m.tenant_id = pt.tenant_id AND m.team_id = pt.team_id
            WHERE pt.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
              AND m.user_id = nullif(current_setting('app.user_id', true), ''));
END
$fn$;
