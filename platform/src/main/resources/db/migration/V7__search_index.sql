-- Context Store schema, part 7: search gets an index of its own, written behind the projector (ADR 0030).
--
-- V5 computed each event's tsvector inside the projector's INSERT (a STORED generated column), which
-- cut the projector's rate about 6.5 times, and no index could serve it: under row-level security the
-- planner only lets leakproof operators into an index scan, and @@ is not one. Now:
--   * the projector only notes, per tenant, how far it has projected (search_backlog, one row per
--     tenant, written in the statement that writes the tenant's events);
--   * the search indexer (in the projector service) turns the new context_events of a tenant into
--     search_documents and moves the tenant's search_positions row, in one transaction;
--   * searches read search_documents only through search_matches(), a SECURITY DEFINER function
--     that takes the tenant, user and role from the same transaction settings the RLS policies read,
--     and applies the tenant and user boundaries itself, so the GIN index on doc can be used.
ALTER TABLE context_events DROP COLUMN search_doc;

-- How far the projector has projected each tenant: what the indexer has to catch up to.
CREATE TABLE search_backlog (
    tenant_id    uuid   PRIMARY KEY,
    projected_to bigint NOT NULL
);

-- How far the indexer has indexed each tenant (the offset of the last event it looked at).
CREATE TABLE search_positions (
    tenant_id  uuid   PRIMARY KEY,
    indexed_to bigint NOT NULL
);

-- One row per searchable kept event; a state kind (task) keeps only its entity's current state.
-- private_to mirrors context_events: the owning user of a session-tier event, NULL when tenant-wide.
CREATE TABLE search_documents (
    tenant_id    uuid     NOT NULL,
    kafka_offset bigint   NOT NULL,
    kind         text     NOT NULL,
    project_id   text,
    private_to   text,
    entity       text,
    doc          tsvector NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);
CREATE INDEX search_documents_doc ON search_documents USING gin (doc);
CREATE INDEX search_documents_entity ON search_documents (tenant_id, entity) WHERE entity IS NOT NULL;

-- Events projected before this migration are indexed too: every tenant starts with its whole stream
-- as backlog. The owner is subject to FORCE ROW LEVEL SECURITY, so it is lifted for the copy (as in V4).
ALTER TABLE tenant_streams NO FORCE ROW LEVEL SECURITY;
INSERT INTO search_backlog (tenant_id, projected_to) SELECT tenant_id, last_offset FROM tenant_streams;
ALTER TABLE tenant_streams FORCE ROW LEVEL SECURITY;

-- The indexer works across tenants on the two position tables (ids and offsets, no content) and
-- writes documents inside one tenant at a time. Queries and auditors see their tenant's position only.
ALTER TABLE search_positions ENABLE ROW LEVEL SECURITY;
ALTER TABLE search_positions FORCE ROW LEVEL SECURITY;
CREATE POLICY indexer ON search_positions TO cs_projector USING (true) WITH CHECK (true);
CREATE POLICY tenant_isolation ON search_positions TO cs_query, cs_auditor
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
ALTER TABLE search_backlog ENABLE ROW LEVEL SECURITY;
ALTER TABLE search_backlog FORCE ROW LEVEL SECURITY;
CREATE POLICY projector ON search_backlog TO cs_projector USING (true) WITH CHECK (true);
-- Not FORCE: the owner (search_matches) reads it past the policy; every service role is bound by it.
ALTER TABLE search_documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON search_documents
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));

GRANT SELECT, INSERT, UPDATE ON search_backlog, search_positions TO cs_projector;
GRANT SELECT, INSERT, DELETE ON search_documents TO cs_projector;
GRANT SELECT ON search_positions TO cs_query, cs_auditor;

-- The matches of one search, ranked, one page after a (rank, offset) position; the caller's
-- tenant, user and role come from the transaction settings (app.tenant_id, app.user_id, app.role)
-- exactly as the RLS policies read them, never from arguments. Candidates are the newest
-- `newest` documents matching every word and the newest `newest` matching any word, so a word in
-- nearly every document costs a bounded amount (ADR 0030). Rank: 3 when every word matches, 1 more
-- when a word is in the title-like text, plus ts_rank (at most 1). Dynamic SQL (constant text,
-- values only as parameters) so each call is planned for its own words: a rare word goes through
-- the GIN index, a common one walks the tenant's newest documents.
CREATE FUNCTION search_matches(query tsquery, anyq tsquery, kinds text[], project text,
                               after_rank real, after_offset bigint, max_hits int, newest int)
    RETURNS TABLE (kafka_offset bigint, rank real)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = ${flyway:defaultSchema}, pg_temp
AS $fn$
DECLARE
    tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
    caller text := nullif(current_setting('app.user_id', true), '');
    sees_all boolean := coalesce(nullif(current_setting('app.role', true), '') IN ('auditor', 'admin'), false);
BEGIN
    IF tenant IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
        SELECT r.kafka_offset, r.rank FROM (
            SELECT c.kafka_offset, (CASE WHEN c.doc @@ $1 THEN 3 ELSE 0 END
                    + CASE WHEN ts_filter(c.doc, '{a}') @@ $2 THEN 1 ELSE 0 END
                    + ts_rank('{0.1, 0.2, 0.4, 1.0}', c.doc, $2))::real AS rank
            FROM ((SELECT d.kafka_offset, d.doc FROM search_documents d
                   WHERE d.tenant_id = $9 AND d.doc @@ $1
                     AND (d.private_to IS NULL OR d.private_to = $10 OR $11)
                     AND ($3 IS NULL OR d.kind = ANY ($3)) AND ($4 IS NULL OR d.project_id = $4)
                   ORDER BY d.kafka_offset DESC LIMIT $8)
                  UNION
                  (SELECT d.kafka_offset, d.doc FROM search_documents d
                   WHERE d.tenant_id = $9 AND d.doc @@ $2
                     AND (d.private_to IS NULL OR d.private_to = $10 OR $11)
                     AND ($3 IS NULL OR d.kind = ANY ($3)) AND ($4 IS NULL OR d.project_id = $4)
                   ORDER BY d.kafka_offset DESC LIMIT $8)) c) r
        WHERE $5 IS NULL OR r.rank < $5 OR (r.rank = $5 AND r.kafka_offset < $6)
        ORDER BY r.rank DESC, r.kafka_offset DESC
        LIMIT $7 $q$
        USING query, anyq, kinds, project, after_rank, after_offset, max_hits, newest, tenant, caller, sees_all;
END
$fn$;
REVOKE ALL ON FUNCTION search_matches(tsquery, tsquery, text[], text, real, bigint, int, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION search_matches(tsquery, tsquery, text[], text, real, bigint, int, int) TO cs_query;
