-- Context Store schema, part 5: full-text search over every kept event (ADR 0030).
--
-- One STORED generated column on context_events, computed from kind and data alone, so the
-- projector writes nothing new, a rebuild into empty tables computes the same values (I5), and one
-- column serves every kind. Weight A holds the title-like field of each kind (decision title,
-- learning skill, error text, project context title, task description); weight B the body fields
-- and tags. Messages have no title: their content is body.
--
-- Each text is indexed twice: as written (so "java.lang.IllegalStateException", "127.0.0.1" and
-- "/usr/lib/x" stay whole tokens and a pasted error matches exactly) and with every run of
-- punctuation turned into a space (so "IllegalStateException", "initdb" or "5432" alone also match).
-- Only built-in immutable functions: a helper function would live in the schema the migration ran
-- in, and a live rebuild moves tables between schemas (ADR 0011) but not functions.
ALTER TABLE context_events ADD COLUMN search_doc tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig,
        coalesce(CASE kind
            WHEN 'decision' THEN data ->> 'title'
            WHEN 'learning' THEN data ->> 'skill'
            WHEN 'error_solution' THEN data ->> 'error'
            WHEN 'project_context' THEN data ->> 'title'
            WHEN 'task' THEN data ->> 'description'
        END, '')
        || ' ' ||
        regexp_replace(coalesce(CASE kind
            WHEN 'decision' THEN data ->> 'title'
            WHEN 'learning' THEN data ->> 'skill'
            WHEN 'error_solution' THEN data ->> 'error'
            WHEN 'project_context' THEN data ->> 'title'
            WHEN 'task' THEN data ->> 'description'
        END, ''), '[^[:alnum:]]+', ' ', 'g')), 'A')
    ||
    setweight(to_tsvector('english'::regconfig,
        coalesce(CASE kind
            WHEN 'decision' THEN coalesce(data ->> 'decision', '') || ' ' || coalesce(data ->> 'rationale', '')
            WHEN 'learning' THEN data ->> 'learning'
            WHEN 'error_solution' THEN coalesce(data ->> 'solution', '') || ' ' || coalesce(data ->> 'context', '')
            WHEN 'project_context' THEN data ->> 'content'
            WHEN 'task' THEN data ->> 'outcome'
            WHEN 'message' THEN data ->> 'content'
        END, '') || ' ' || coalesce(data ->> 'tags', '')
        || ' ' ||
        regexp_replace(coalesce(CASE kind
            WHEN 'decision' THEN coalesce(data ->> 'decision', '') || ' ' || coalesce(data ->> 'rationale', '')
            WHEN 'learning' THEN data ->> 'learning'
            WHEN 'error_solution' THEN coalesce(data ->> 'solution', '') || ' ' || coalesce(data ->> 'context', '')
            WHEN 'project_context' THEN data ->> 'content'
            WHEN 'task' THEN data ->> 'outcome'
            WHEN 'message' THEN data ->> 'content'
        END, ''), '[^[:alnum:]]+', ' ', 'g')), 'B')
) STORED;

-- No GIN index on it: under row-level security the planner may use an index only for leakproof
-- operators, and @@ (ts_match_vq) is not one, so for every service role (FORCE RLS applies even to
-- the owner) a search tests each of the tenant's rows (found through (tenant_id, kafka_offset) or a scan).
-- An index nobody's plan can use would only slow the projector down. ADR 0030 has the measurements
-- and the ways to an indexed search.
