-- The support process around tickets: business hours and pending-ticket timers per
-- workspace, what a ticket still owes and since when, engineering details, ratings,
-- API keys for host backends, and the generated mail secret.

-- Business hours as the console edits them: an IANA zone, seven weekday texts (Monday
-- first, JSON array) and holiday dates (JSON array); see tickets/hours/settings.rs.
ALTER TABLE workspaces ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC';
ALTER TABLE workspaces ADD COLUMN weekly_hours TEXT NOT NULL
    DEFAULT '["09:00-17:00","09:00-17:00","09:00-17:00","09:00-17:00","09:00-17:00","",""]';
ALTER TABLE workspaces ADD COLUMN holidays TEXT NOT NULL DEFAULT '[]';
-- Days a pending ticket waits for its customer before one reminder, and before closing.
ALTER TABLE workspaces ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 3;
ALTER TABLE workspaces ADD COLUMN close_days INTEGER NOT NULL DEFAULT 7;

-- What engineers need to know (JSON object of texts; protocol::tickets::TicketDetails).
ALTER TABLE tickets ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
-- Since when the team owes the customer a response; null when it owes nothing.
ALTER TABLE tickets ADD COLUMN awaiting_since INTEGER;
-- When the ticket last became pending, and whether its one reminder went out since.
ALTER TABLE tickets ADD COLUMN pending_since INTEGER;
ALTER TABLE tickets ADD COLUMN reminded_at INTEGER;
-- The requester's latest satisfaction rating (1-5) and comment.
ALTER TABLE tickets ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE tickets ADD COLUMN rating_comment TEXT;
ALTER TABLE tickets ADD COLUMN rated_at INTEGER;
CREATE INDEX tickets_pending ON tickets (status, pending_since);
CREATE INDEX tickets_visitor ON tickets (visitor_id);

-- SQLite cannot change a CHECK constraint in place: the events table is rebuilt with
-- the new kinds.
CREATE TABLE ticket_events_next (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id       INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN (
                        'created', 'public_reply', 'internal_note', 'customer_reply',
                        'status_changed', 'priority_changed', 'type_changed', 'assignee_changed',
                        'team_changed', 'tags_changed', 'delivery_failed', 'reminder_sent',
                        'satisfaction_rated', 'auto_reply', 'details_changed', 'requester_changed')),
    author_kind     TEXT    NOT NULL CHECK (author_kind IN ('agent', 'customer', 'system')),
    author_agent_id INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    body            TEXT,
    old_value       TEXT,
    new_value       TEXT,
    message_id      TEXT,
    created_at      INTEGER NOT NULL,
    CONSTRAINT ticket_events_seq_key UNIQUE (ticket_id, seq),
    CONSTRAINT ticket_events_message_id_key UNIQUE (ticket_id, message_id)
);
INSERT INTO ticket_events_next
    SELECT id, ticket_id, seq, kind, author_kind, author_agent_id, body, old_value, new_value, message_id, created_at
    FROM ticket_events;
DROP TABLE ticket_events;
ALTER TABLE ticket_events_next RENAME TO ticket_events;
CREATE INDEX ticket_events_message_id ON ticket_events (message_id);

-- Who the host application says the visitor is (protocol::api::VisitorIdentity as
-- JSON): unverified, shown to agents and used to fill in tickets.
ALTER TABLE visitors ADD COLUMN identity TEXT NOT NULL DEFAULT '{}';

-- When an agent last ended the chat. The conversation stays open: a visitor who writes
-- again continues it, and the messenger asks for a rating only while the end is the
-- last thing said.
ALTER TABLE conversations ADD COLUMN ended_at INTEGER;

-- A chat's rating, given in the messenger after an agent ended the chat.
CREATE TABLE chat_ratings (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    rated_at        INTEGER NOT NULL
);
CREATE INDEX chat_ratings_workspace ON chat_ratings (workspace_id, rated_at);

-- Keys host backends create tickets with; only their SHA-256 is kept.
CREATE TABLE api_keys (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    key_hash     TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL
);

-- Secrets the server generates for itself when the configuration gives none (the key
-- reply addresses and rating links are signed with), shared by every node.
CREATE TABLE server_secrets (
    name       TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
