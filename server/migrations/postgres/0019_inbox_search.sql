-- The inbox's search, indexed: a case-insensitive substring of a message's text or of
-- the visitor's name, email or identity is found through pg_trgm's trigram GIN indexes
-- (ILIKE uses them) instead of a scan of every message. pg_trgm ships with PostgreSQL
-- and is a trusted extension, so the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_body_trgm ON messages USING gin (body gin_trgm_ops);
-- A visitor's searchable text as one expression, so one index answers for all three
-- (the store writes the same expression).
CREATE INDEX visitors_search_trgm ON visitors USING gin (
    (identity || ' ' || COALESCE(verified_email, '') || ' ' || COALESCE(verified_name, '')) gin_trgm_ops
);
