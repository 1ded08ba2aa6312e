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
ALTER TABLE workspaces ADD COLUMN reminder_days BIGINT NOT NULL DEFAULT 3;
ALTER TABLE workspaces ADD COLUMN close_days BIGINT NOT NULL DEFAULT 7;

-- What engineers need to know (JSON object of texts; protocol::tickets::TicketDetails).
ALTER TABLE tickets ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
-- Since when the team owes the customer a response; null when it owes nothing.
ALTER TABLE tickets ADD COLUMN awaiting_since BIGINT;
-- When the ticket last became pending, and whether its one reminder went out since.
ALTER TABLE tickets ADD COLUMN pending_since BIGINT;
ALTER TABLE tickets ADD COLUMN reminded_at BIGINT;
-- The requester's latest satisfaction rating (1-5) and comment.
ALTER TABLE tickets ADD COLUMN rating BIGINT CHECK (rating BETWEEN 1 AND 5);
ALTER TABLE tickets ADD COLUMN rating_comment TEXT;
ALTER TABLE tickets ADD COLUMN rated_at BIGINT;
CREATE INDEX tickets_pending ON tickets (status, pending_since);
CREATE INDEX tickets_visitor ON tickets (visitor_id);

-- The new kinds of event.
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check CHECK (kind IN (
    'created', 'public_reply', 'internal_note', 'customer_reply',
    'status_changed', 'priority_changed', 'type_changed', 'assignee_changed',
    'team_changed', 'tags_changed', 'delivery_failed', 'reminder_sent',
    'satisfaction_rated', 'auto_reply', 'details_changed', 'requester_changed'));

-- Who the host application says the visitor is (protocol::api::VisitorIdentity as
-- JSON): unverified, shown to agents and used to fill in tickets.
ALTER TABLE visitors ADD COLUMN identity TEXT NOT NULL DEFAULT '{}';

-- When an agent last ended the chat. The conversation stays open: a visitor who writes
-- again continues it, and the messenger asks for a rating only while the end is the
-- last thing said.
ALTER TABLE conversations ADD COLUMN ended_at BIGINT;

-- A chat's rating, given in the messenger after an agent ended the chat.
CREATE TABLE chat_ratings (
    conversation_id BIGINT PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
    workspace_id    BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    rating          BIGINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment         TEXT,
    rated_at        BIGINT NOT NULL
);
CREATE INDEX chat_ratings_workspace ON chat_ratings (workspace_id, rated_at);

-- Keys host backends create tickets with; only their SHA-256 is kept.
CREATE TABLE api_keys (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    key_hash     TEXT    NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL
);

-- Secrets the server generates for itself when the configuration gives none (the key
-- reply addresses and rating links are signed with), shared by every node.
CREATE TABLE server_secrets (
    name       TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    created_at BIGINT NOT NULL
);
