-- search_matches, same contract and same pages, bounded cost for every query shape (ADR 0030, "Blocks").
--
-- V8 found each tier's newest candidates in one of two ways the planner chose between: walk the
-- tenant's documents newest first testing each one (cheap when most match), or take every match from
-- the GIN index and sort them by offset (cheap when few match). Between the two, a query matching
-- about 1% of a million documents (a pasted error text, a phrase) cost 40-55 ms either way: ten
-- thousand heap fetches to keep the newest thousand, or a hundred thousand documents tested.
--
-- Now the GIN index also knows each document's block: its tenant and its offset / 4096, one key. The
-- candidates are collected block by block, newest block first, each block's matches straight from the
-- index, until enough are found; a block costs about 20 us plus its own matches, so a million-document
-- tenant costs at most ~250 blocks whatever the words. When the tenant's newest 2,000 documents say
-- there are few matches in all (a rare word: fetching them all is cheaper), or when the walk finds
-- fewer than it needs (a tenant spread over more than 1024 blocks), V8's single index scan answers.
--
-- Ranking is unchanged. The any-word tier is only looked at when the every-word tier cannot fill
-- the page: every-word matches rank 3 or more, any-word-only ones less, so they could not be on it.

-- btree_gin lets a GIN index carry a bigint key beside the tsvector. Its own schema, so dropping a
-- rebuild schema (CASCADE) can never take the operator classes of the live index with it.
CREATE SCHEMA IF NOT EXISTS cs_extensions;
CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA cs_extensions;

-- A document's block: the first 32 bits of its tenant id above its offset / 4096. Offsets of one
-- partition are shared by all its tenants, and block numbers by all partitions; the tenant bits keep
-- another tenant's documents out of a block's key (two tenants sharing 32 bits only cost heap fetches:
-- every read also filters on tenant_id).
CREATE FUNCTION search_block(tenant uuid, kafka_offset bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (('x' || left(tenant::text, 8))::bit(32)::int::bigint << 32) | (kafka_offset >> 12);

-- Every index scan reads the whole pending list of entries not yet merged into the index, and a walk
-- is one scan per block: with the default 4 MB list, a rare word's 245 scans took 240 ms right after a
-- large batch. 128 kB keeps a walk within a few ms of a merged index, for about 1.7 times the
-- indexer's insert cost (scratch database; fastupdate off cost about 3 times).
DROP INDEX search_documents_doc;
CREATE INDEX search_documents_doc ON search_documents USING gin (search_block(tenant_id, kafka_offset), doc)
    WITH (gin_pending_list_limit = 128);

-- The same answer in one index scan (V8's way): every match is fetched, then sorted by offset.
CREATE FUNCTION search_candidates_scanned(q tsquery, kinds text[], project text, newest int,
                                          tenant uuid, caller text, sees_all boolean)
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
              AND ($2 IS NULL OR c.kind = ANY ($2)) AND ($3 IS NULL OR c.project_id = $3)
            ORDER BY c.kafka_offset DESC LIMIT $4) newest_first $q$
        INTO found USING q, kinds, project, newest, tenant, caller, sees_all;
    RETURN coalesce(found, '{}');
END
$fn$;
REVOKE ALL ON FUNCTION search_candidates_scanned(tsquery, text[], text, int, uuid, text, boolean) FROM PUBLIC;

-- The newest `newest` offsets of the tenant's documents matching q that the caller may see, newest
-- first. Called by search_matches only (it runs as its definer, past the table's RLS policy).
CREATE FUNCTION search_candidates(q tsquery, kinds text[], project text, newest int,
                                  tenant uuid, caller text, sees_all boolean)
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
    -- How many documents would match in all, estimated from the tenant's newest `probe` (about 1 ms):
    -- when few (a rare word), one index scan fetching them all is cheaper than walking the blocks.
    SELECT count(*) FILTER (WHERE (p.private_to IS NULL OR p.private_to = caller OR sees_all)
                              AND (kinds IS NULL OR p.kind = ANY (kinds))
                              AND (project IS NULL OR p.project_id = project) AND p.doc @@ q),
           max(p.kafka_offset), min(p.kafka_offset)
      INTO hits, newest_offset, probed_from
      FROM (SELECT c.kafka_offset, c.kind, c.project_id, c.private_to, c.doc FROM search_documents c
            WHERE c.tenant_id = tenant ORDER BY c.kafka_offset DESC LIMIT probe) p;
    SELECT min(c.kafka_offset) INTO oldest_offset FROM search_documents c WHERE c.tenant_id = tenant;
    IF newest_offset IS NULL OR hits::float8 * (newest_offset - oldest_offset + 1)
                                <= 4.0 * newest * (newest_offset - probed_from + 1) THEN
        RETURN search_candidates_scanned(q, kinds, project, newest, tenant, caller, sees_all);
    END IF;
    -- The tenant's blocks, newest first, one index probe each (only blocks holding its documents).
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
                  AND ($2 IS NULL OR c.kind = ANY ($2)) AND ($3 IS NULL OR c.project_id = $3)
                ORDER BY c.kafka_offset DESC) hit
            WHERE blocks.block IS NOT NULL
            LIMIT $4)
        SELECT array_agg(kafka_offset) FROM hits $q$
        INTO found USING q, kinds, project, newest, tenant, caller, sees_all, max_blocks;
    IF cardinality(found) >= newest THEN
        RETURN found;
    END IF;
    -- Fewer than asked: the estimate was high (the scan below fetches few) or the walk stopped at
    -- max_blocks with older matches left.
    RETURN search_candidates_scanned(q, kinds, project, newest, tenant, caller, sees_all);
END
$fn$;
REVOKE ALL ON FUNCTION search_candidates(tsquery, text[], text, int, uuid, text, boolean) FROM PUBLIC;

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
    every_word bigint[];
    shown int;
BEGIN
    IF tenant IS NULL THEN
        RETURN;
    END IF;
    every_word := search_candidates(query, kinds, project, newest, tenant, caller, sees_all);
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
    -- Any-word-only candidates rank below every every-word one: they follow what was returned.
    RETURN QUERY EXECUTE $q$
        SELECT r.kafka_offset, r.rank FROM (
            SELECT d.kafka_offset, (CASE WHEN ts_filter(d.doc, '{a}') @@ $2 THEN 1 ELSE 0 END
                    + ts_rank('{0.1, 0.2, 0.4, 1.0}', d.doc, $2))::real AS rank
            FROM search_documents d WHERE d.tenant_id = $6 AND d.kafka_offset = ANY ($1)
              AND d.kafka_offset <> ALL ($7)) r
        WHERE $3 IS NULL OR r.rank < $3 OR (r.rank = $3 AND r.kafka_offset < $4)
        ORDER BY r.rank DESC, r.kafka_offset DESC
        LIMIT $5 $q$
        USING search_candidates(anyq, kinds, project, newest, tenant, caller, sees_all), anyq, after_rank,
              after_offset, max_hits - shown, tenant, every_word;
END
$fn$;
