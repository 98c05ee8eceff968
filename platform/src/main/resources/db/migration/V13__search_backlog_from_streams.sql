-- Context Store schema, part 13: the search indexer finds its work in tenant_streams (ADR 44).
--
-- V7 had the projector write search_backlog(tenant_id, projected_to) in every tenant's statement, beside
-- tenant_streams.last_offset, which holds the same offset: one more upsert per tenant per poll, for nothing the
-- stream's row does not already say (bench/profiling.md, 4 December 2026, evening). The indexer now asks
-- search_lagging(), which answers what search_backlog did, tenant ids and offsets, nothing else.
--
-- The function runs as the owner, which FORCE ROW LEVEL SECURITY binds like every role: it gets a read of both tables
-- across tenants, for itself only. Every service role stays bound by the tenant policies as before.
CREATE POLICY search_lagging ON tenant_streams FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY search_lagging ON search_positions FOR SELECT TO CURRENT_USER USING (true);

-- Tenants whose search lags their projection, at most max_tenants of them, with how far each is projected.
CREATE FUNCTION search_lagging(max_tenants int) RETURNS TABLE (tenant_id uuid, projected_to bigint)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
    AS $$ SELECT s.tenant_id, s.last_offset FROM tenant_streams s
          LEFT JOIN search_positions p ON p.tenant_id = s.tenant_id
          WHERE p.indexed_to IS NULL OR p.indexed_to < s.last_offset
          LIMIT max_tenants $$;
REVOKE ALL ON FUNCTION search_lagging(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_lagging(int) TO cs_projector;

DROP TABLE search_backlog;
