-- The inbox's search, indexed: a case-insensitive substring of a message's text or of
-- the visitor's name, email or identity is found through pg_trgm's trigram GIN indexes
-- (ILIKE uses them) instead of a scan of every message. pg_trgm ships with PostgreSQL
-- and is a trusted extension, so the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_body_trgm ON messages USING gin (body gin_trgm_ops);
CREATE INDEX visitors_identity_trgm ON visitors USING gin (identity gin_trgm_ops);
CREATE INDEX visitors_verified_email_trgm ON visitors USING gin (verified_email gin_trgm_ops);
CREATE INDEX visitors_verified_name_trgm ON visitors USING gin (verified_name gin_trgm_ops);
