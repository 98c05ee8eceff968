-- Context Store schema, part 6: tool analytics, the first kind added through the kind catalogue (ADR 29).
-- A state kind: the latest totals per (user, session, tool) by log order, private to the user.

CREATE TABLE tool_analytics (
    tenant_id   uuid        NOT NULL,
    user_id     text        NOT NULL,
    session_id  text        NOT NULL,
    tool_name   text        NOT NULL,
    calls       int         NOT NULL,
    errors      int         NOT NULL,
    project_id  text,
    device_id   text        NOT NULL,
    last_offset bigint      NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id, session_id, tool_name)
);
CREATE INDEX tool_analytics_by_change ON tool_analytics (tenant_id, user_id, last_offset);

ALTER TABLE tool_analytics ENABLE ROW LEVEL SECURITY;
ALTER TABLE tool_analytics FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tool_analytics
    USING (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid))
    WITH CHECK (tenant_id = (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid));
CREATE POLICY user_isolation ON tool_analytics AS RESTRICTIVE FOR SELECT TO cs_query
    USING (user_id = (SELECT nullif(current_setting('app.user_id', true), ''))
           OR (SELECT nullif(current_setting('app.role', true), '')) IN ('auditor', 'admin'));

GRANT SELECT, INSERT, UPDATE ON tool_analytics TO cs_projector;
GRANT SELECT ON tool_analytics TO cs_query, cs_auditor;
