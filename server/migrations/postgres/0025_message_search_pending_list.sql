-- New messages' trigrams wait in the search index's pending list until it is merged into
-- the index, and the insert that finds the list full merges it while its batch waits. At
-- the default 4 MB that merge held a batch of chat messages for 25-35 ms several times
-- a minute under load; at 64 kB, the least PostgreSQL allows, the merges are small and
-- frequent, and delivery p99 at 5,000 messages a second fell from about 25 ms to 8-12 ms
-- (`cargo xtask bench chat`). Searches read the pending list too, so it also stays
-- quick to scan.
ALTER INDEX messages_body_trgm SET (gin_pending_list_limit = 64);
