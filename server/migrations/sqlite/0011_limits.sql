-- Abuse limits that must hold across server nodes and processes, so they are counted
-- here rather than in one node's memory.

-- A workspace's own cap on "Email us" tickets per day; null keeps the server's
-- [limits] tickets_per_workspace_per_day.
ALTER TABLE workspaces ADD COLUMN tickets_per_day INTEGER;
-- Counts a workspace's recent tickets from one way in (the daily cap).
CREATE INDEX tickets_recent ON tickets (workspace_id, source, created_at);

-- Token buckets (GCRA) for limits counted in the database, such as inbound mail per
-- sender, which `helpline mail ingest` processes share with the server. `tat` is the
-- bucket's theoretical arrival time in Unix milliseconds: the bucket is full again
-- once the clock passes it, so such rows can be deleted at any time.
CREATE TABLE rate_buckets (
    scope      TEXT    NOT NULL,
    bucket_key TEXT    NOT NULL,
    tat        INTEGER NOT NULL,
    PRIMARY KEY (scope, bucket_key)
);
CREATE INDEX rate_buckets_tat ON rate_buckets (tat);
