-- Context Store schema, part 15: the dedup index's keys lead with what a push looks up, never with the tenant alone.
--
-- A push looks up its events by id (tenant_id = ? AND event_id = ANY (?)) and an edit's versions by position
-- (tenant_id = ? AND kafka_offset = ANY (?)). The driver prepares both after five uses, and PostgreSQL then keeps a
-- generic plan, made for the average tenant: a few rows in a table of many small tenants. With an index that leads
-- with tenant_id alone at hand (the id key's tenant prefix, or dedup_index_by_offset's), that plan read every entry of
-- the tenant and filtered them: 8.4 ms for a tenant of 6,830 entries in the end-to-end benchmark, 4.7 ms a push on
-- average and 326 ms at worst (auto_explain and pg_stat_statements, bench/profiling.md, 5 December 2026), growing with
-- the tenant. With the looked-up column first, no index reads a tenant whole, so every plan probes one key per value.
-- A tenant's deletion (stack admin) reads the table through: rare, and an operator's.
ALTER TABLE dedup_index DROP CONSTRAINT dedup_index_pkey;
ALTER TABLE dedup_index ADD PRIMARY KEY (event_id, tenant_id);
DROP INDEX dedup_index_by_offset;
CREATE INDEX dedup_index_by_offset ON dedup_index (kafka_offset, tenant_id);
