-- Context Store schema, part 18: the shape of a SHA-256 in hex, declared once and checked cheaply.
--
-- V1 and V4 checked each hash column with the pattern '^[0-9a-f]{64}$'. PostgreSQL's regular expressions unroll a
-- bounded repetition into as many states, and on the dedup index, whose rows every push commits before its answer
-- (I2), that check cost more than the rest of the row: the rows alone loaded at 74,537 rows/s with it and 114,947
-- without it, the same rows under the same row-level security (bench/profiling.md, 7 December 2026, afternoon).
-- The same shape, checked as a length and a class that no character may leave, costs about nothing. Changing the
-- columns to the domain rewrites the three tables once, checking every row.
CREATE DOMAIN sha256_hex AS text CHECK (length(VALUE) = 64 AND VALUE !~ '[^0-9a-f]');

ALTER TABLE dedup_index DROP CONSTRAINT dedup_index_content_hash_check,
    ALTER COLUMN content_hash TYPE sha256_hex;
ALTER TABLE entity_heads DROP CONSTRAINT entity_heads_content_hash_check,
    ALTER COLUMN content_hash TYPE sha256_hex;
-- A license key's hash is named by the policy that finds it at login, and a column a policy names keeps its type:
-- the column checks itself as the domain instead.
ALTER TABLE license_keys DROP CONSTRAINT license_keys_key_hash_check,
    ADD CONSTRAINT license_keys_key_hash_check CHECK (key_hash::sha256_hex IS NOT NULL);
