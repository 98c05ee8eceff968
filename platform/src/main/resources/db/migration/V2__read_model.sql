-- Context Store schema, part 2: the read model the projector materializes from context.events.
--
-- Nothing here is written with a clock or a random value: every column comes from the log, so
-- projecting the same log into empty tables gives the same rows (invariant I5).

-- Where the projector is, per partition: written in the same transaction as the rows (exactly
-- once in effect). Not tenant data: no tenant_id, no row-level security.
CREATE TABLE projector_offsets (
    topic           text   NOT NULL,
    kafka_partition int    NOT NULL,
    next_offset     bigint NOT NULL,
    PRIMARY KEY (topic, kafka_partition)
);

-- Records the projector could not decode or apply; each was also copied to context.events.dlq.
CREATE TABLE projection_failures (
    topic            text        NOT NULL,
    kafka_partition  int         NOT NULL,
    kafka_offset     bigint      NOT NULL,
    record_key       text,
    reason           text        NOT NULL,
    record_timestamp timestamptz NOT NULL,
    PRIMARY KEY (topic, kafka_partition, kafka_offset)
);

-- Per tenant: its partition, the head of its audit chain, and how far it is projected.
-- chain = SHA-256(previous chain || content_hash || offset), over the events kept in the read model.
CREATE TABLE tenant_streams (
    tenant_id       uuid   PRIMARY KEY,
    kafka_partition int    NOT NULL,
    chain_head      text   NOT NULL,
    events          bigint NOT NULL,
    last_offset     bigint NOT NULL
);

-- Every kept event, in log order: the source of pulls. The first copy of a content (by offset) wins.
-- private_to is the owning user for session-tier kinds (message, task) and NULL for tenant-wide ones.
CREATE TABLE context_events (
    tenant_id       uuid        NOT NULL,
    kafka_offset    bigint      NOT NULL,
    kafka_partition int         NOT NULL,
    event_id        uuid        NOT NULL,
    content_hash    text        NOT NULL,
    kind            text        NOT NULL,
    user_id         text        NOT NULL,
    device_id       text        NOT NULL,
    private_to      text,
    project_id      text,
    client_seq      bigint,
    occurred_at     timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    data            jsonb       NOT NULL,
    chain           text        NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset),
    UNIQUE (tenant_id, content_hash)
);

CREATE TABLE messages (
    tenant_id    uuid        NOT NULL,
    kafka_offset bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    user_id      text        NOT NULL,
    device_id    text        NOT NULL,
    project_id   text,
    session_id   text        NOT NULL,
    message_id   text        NOT NULL,
    role         text        NOT NULL,
    content      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);
CREATE INDEX messages_by_session ON messages (tenant_id, user_id, session_id, kafka_offset);

-- Latest state per task by log order (a later offset replaces an earlier one, never the reverse).
CREATE TABLE tasks (
    tenant_id          uuid        NOT NULL,
    user_id            text        NOT NULL,
    task_id            text        NOT NULL,
    description        text        NOT NULL,
    status             text        NOT NULL,
    outcome            text,
    project_id         text,
    tool_success_count int         NOT NULL,
    tool_error_count   int         NOT NULL,
    user_corrections   int         NOT NULL,
    device_id          text        NOT NULL,
    last_offset        bigint      NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id, task_id)
);
CREATE INDEX tasks_by_change ON tasks (tenant_id, user_id, last_offset);

CREATE TABLE decisions (
    tenant_id    uuid        NOT NULL,
    kafka_offset bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    user_id      text        NOT NULL,
    device_id    text        NOT NULL,
    project_id   text,
    title        text        NOT NULL,
    decision     text        NOT NULL,
    rationale    text,
    tags         text[]      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);

CREATE TABLE skill_learnings (
    tenant_id    uuid        NOT NULL,
    kafka_offset bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    user_id      text        NOT NULL,
    device_id    text        NOT NULL,
    project_id   text,
    skill        text        NOT NULL,
    learning     text        NOT NULL,
    tags         text[]      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);

CREATE TABLE error_solutions (
    tenant_id    uuid        NOT NULL,
    kafka_offset bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    user_id      text        NOT NULL,
    device_id    text        NOT NULL,
    project_id   text,
    error        text        NOT NULL,
    solution     text        NOT NULL,
    context      text,
    tags         text[]      NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);

CREATE TABLE project_contexts (
    tenant_id    uuid        NOT NULL,
    kafka_offset bigint      NOT NULL,
    event_id     uuid        NOT NULL,
    user_id      text        NOT NULL,
    device_id    text        NOT NULL,
    project_id   text        NOT NULL,
    title        text        NOT NULL,
    content      text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, kafka_offset)
);

CREATE TABLE sync_stats (
    tenant_id   uuid   NOT NULL,
    kind        text   NOT NULL,
    events      bigint NOT NULL,
    last_offset bigint NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);

-- Row-level security: the tenant boundary on every tenant table, for every role (FORCE includes the owner).
DO $$
DECLARE
    tenant_table text;
BEGIN
    FOREACH tenant_table IN ARRAY ARRAY['tenant_streams', 'context_events', 'messages', 'tasks', 'decisions',
            'skill_learnings', 'error_solutions', 'project_contexts', 'sync_stats'] LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', tenant_table);
        EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
            USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
            WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))$p$, tenant_table);
    END LOOP;
END
$$;

-- The user boundary inside a tenant, for the query role: session-tier rows only for their own user
-- (app.user_id), unless the caller's role (app.role) is auditor or admin. Restrictive: it narrows
-- the tenant policy, it never widens it.
CREATE POLICY user_isolation ON context_events AS RESTRICTIVE FOR SELECT TO cs_query
    USING (private_to IS NULL
           OR private_to = (SELECT nullif(current_setting('app.user_id', true), ''))
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));
CREATE POLICY user_isolation ON messages AS RESTRICTIVE FOR SELECT TO cs_query
    USING (user_id = (SELECT nullif(current_setting('app.user_id', true), ''))
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));
CREATE POLICY user_isolation ON tasks AS RESTRICTIVE FOR SELECT TO cs_query
    USING (user_id = (SELECT nullif(current_setting('app.user_id', true), ''))
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));

GRANT SELECT, INSERT, UPDATE ON projector_offsets, tenant_streams, context_events, messages, tasks, decisions,
    skill_learnings, error_solutions, project_contexts, sync_stats TO cs_projector;
GRANT SELECT, INSERT ON projection_failures TO cs_projector;
GRANT SELECT ON projector_offsets, tenant_streams, context_events, messages, tasks, decisions, skill_learnings,
    error_solutions, project_contexts, sync_stats TO cs_query;
GRANT SELECT ON projector_offsets, projection_failures, tenant_streams, context_events, messages, tasks, decisions,
    skill_learnings, error_solutions, project_contexts, sync_stats TO cs_auditor;
