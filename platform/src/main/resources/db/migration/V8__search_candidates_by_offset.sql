-- search_matches, same contract, cheaper plan (ADR 0030, "Candidate plan").
--
-- V7 carried each candidate's tsvector through the newest-first sort of each branch and through the
-- UNION's de-duplication: at a million documents the top-N sort and the Unique over ~700-byte rows
-- cost more than finding the rows. Now each branch sorts offsets only, the UNION de-duplicates
-- offsets, and the at most 2 x newest surviving documents are fetched once by primary key for ranking.
-- When the any-word query is the query itself (one word, a phrase, a negation) the second branch is
-- the first again: its one-time filter skips it.
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
BEGIN
    IF tenant IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY EXECUTE $q$
        SELECT r.kafka_offset, r.rank FROM (
            SELECT d.kafka_offset, (CASE WHEN d.doc @@ $1 THEN 3 ELSE 0 END
                    + CASE WHEN ts_filter(d.doc, '{a}') @@ $2 THEN 1 ELSE 0 END
                    + ts_rank('{0.1, 0.2, 0.4, 1.0}', d.doc, $2))::real AS rank
            FROM ((SELECT c.kafka_offset FROM search_documents c
                   WHERE c.tenant_id = $9 AND c.doc @@ $1
                     AND (c.private_to IS NULL OR c.private_to = $10 OR $11)
                     AND ($3 IS NULL OR c.kind = ANY ($3)) AND ($4 IS NULL OR c.project_id = $4)
                   ORDER BY c.kafka_offset DESC LIMIT $8)
                  UNION
                  (SELECT c.kafka_offset FROM search_documents c
                   WHERE $1 <> $2 AND c.tenant_id = $9 AND c.doc @@ $2
                     AND (c.private_to IS NULL OR c.private_to = $10 OR $11)
                     AND ($3 IS NULL OR c.kind = ANY ($3)) AND ($4 IS NULL OR c.project_id = $4)
                   ORDER BY c.kafka_offset DESC LIMIT $8)) candidates
            JOIN search_documents d ON d.tenant_id = $9 AND d.kafka_offset = candidates.kafka_offset) r
        WHERE $5 IS NULL OR r.rank < $5 OR (r.rank = $5 AND r.kafka_offset < $6)
        ORDER BY r.rank DESC, r.kafka_offset DESC
        LIMIT $7 $q$
        USING query, anyq, kinds, project, after_rank, after_offset, max_hits, newest, tenant, caller, sees_all;
END
$fn$;
