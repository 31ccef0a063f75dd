-- What script/bench's pgbench references need besides Vellum's own tables,
-- in a schema of their own, made afresh each run (the database is a
-- throwaway one).
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS vellum_bench CASCADE;
CREATE SCHEMA vellum_bench;
-- S2: the slugs Vellum's run cycles through, numbered for pgbench's random().
CREATE TABLE vellum_bench.slugs (n serial PRIMARY KEY, slug text NOT NULL);
-- S3: the items the pgbench clients edit, numbered so that each client has
-- its own (:per_client of them).
CREATE TABLE vellum_bench.items (n int PRIMARY KEY, id uuid NOT NULL);
