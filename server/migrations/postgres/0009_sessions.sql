-- Sessions that end when they should: console sessions time out when idle as well as
-- at their lifetime, and agents can be deactivated (their sessions end, sign-in is
-- refused). Visitors are found by how long they have been unseen.

-- When the session was last used; a session unused for `auth.session_idle_minutes`
-- is over. Existing sessions count from when they were created.
ALTER TABLE agent_sessions ADD COLUMN last_active_at BIGINT;
UPDATE agent_sessions SET last_active_at = created_at;
ALTER TABLE agent_sessions ALTER COLUMN last_active_at SET NOT NULL;

-- Set when an operator deactivates the agent; null while the agent may sign in.
ALTER TABLE agents ADD COLUMN deactivated_at BIGINT;

-- The purge of idle visitors looks them up by when they were last seen, and checks
-- that nothing of theirs (a conversation, help-center activity) would go with them.
CREATE INDEX visitors_last_seen ON visitors (last_seen);
CREATE INDEX conversations_visitor ON conversations (visitor_id);
CREATE INDEX article_feedback_visitor ON article_feedback (visitor_id);
