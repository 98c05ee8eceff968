-- Context Store schema, part 13: the search indexer finds its work in tenant_streams (ADR 44).
--
-- V7 had the projector write search_backlog(tenant_id, projected_to) in every tenant's statement, beside
-- tenant_streams.last_offset, which holds the same offset: one more upsert per tenant per poll, for nothing the
-- stream's row does not already say (bench/profiling.md, 4 December 2026, evening). The indexer now asks
-- search_lagging(), which answers what search_backlog did, tenant ids and offsets, nothing else.
--
-- The function runs as the owner, which FORCE ROW LEVEL SECURITY binds like every role: it gets a read of both tables
-- across tenants, and only while the function runs (app.search_lagging is 'on' only then); anything else
-- the owner runs stays bound by the tenant policies, and so does every service role.
CREATE POLICY search_lagging ON tenant_streams FOR SELECT TO CURRENT_USER
    USING ((SELECT current_setting('app.search_lagging', true)) = 'on');
CREATE POLICY search_lagging ON search_positions FOR SELECT TO CURRENT_USER
    USING ((SELECT current_setting('app.search_lagging', true)) = 'on');

-- Tenants whose search lags their projection, at most max_tenants of them, with how far each is projected. The
-- setting that opens the owner's read is set before the query and cleared after it (a function's own SET clause would
-- scope it better, but PostgreSQL refuses it for a custom setting to a role that is not a superuser).
CREATE FUNCTION search_lagging(max_tenants int) RETURNS TABLE (tenant_id uuid, projected_to bigint)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $fn$
#variable_conflict use_column
BEGIN
    PERFORM set_config('app.search_lagging', 'on', true);
    RETURN QUERY SELECT s.tenant_id, s.last_offset FROM tenant_streams s
        LEFT JOIN search_positions p ON p.tenant_id = s.tenant_id
        WHERE p.indexed_to IS NULL OR p.indexed_to < s.last_offset
        LIMIT max_tenants;
    PERFORM set_config('app.search_lagging', '', true);
END
$fn$;
REVOKE ALL ON FUNCTION search_lagging(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_lagging(int) TO cs_projector;

DROP TABLE search_backlog;
