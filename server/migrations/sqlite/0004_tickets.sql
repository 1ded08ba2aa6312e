-- Tickets: per-workspace numbered requests with one ordered table of events that
-- holds both the thread (replies and notes) and the history (who changed what, when).

-- The next ticket number a workspace hands out. Creating a ticket takes it with
-- UPDATE … RETURNING in the creating transaction, so numbers are gapless under
-- concurrency and never reused, even after a ticket is deleted.
ALTER TABLE workspaces ADD COLUMN next_ticket_number INTEGER NOT NULL DEFAULT 1001;

CREATE TABLE tickets (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id          INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    -- Human-friendly, per workspace: #1001, #1002, …
    number                INTEGER NOT NULL,
    subject               TEXT    NOT NULL,
    requester_email       TEXT    NOT NULL,
    requester_name        TEXT,
    -- The host application's own ids, when it provides them.
    requester_user_id     TEXT,
    requester_company_id  TEXT,
    ticket_type           TEXT    NOT NULL CHECK (ticket_type IN ('question', 'configuration', 'bug', 'feature_request')),
    priority              TEXT    NOT NULL CHECK (priority IN ('low', 'medium', 'high', 'critical')),
    status                TEXT    NOT NULL CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
    team                  TEXT    NOT NULL CHECK (team IN ('first_line', 'engineering')),
    assignee_id           INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    -- Tags, one per line.
    tags                  TEXT    NOT NULL DEFAULT '',
    source                TEXT    NOT NULL CHECK (source IN ('chat', 'widget_form', 'email', 'api')),
    -- The chat the ticket was handed off from, and the visitor who asked.
    conversation_id       INTEGER REFERENCES conversations (id) ON DELETE SET NULL,
    visitor_id            INTEGER REFERENCES visitors (id) ON DELETE SET NULL,
    -- The visitor's context as JSON text: page, browser, host-supplied attributes.
    context               TEXT    NOT NULL DEFAULT '{}',
    -- Highest event sequence number handed out; events are numbered 1..=last_seq.
    last_seq              INTEGER NOT NULL DEFAULT 0,
    first_response_due_at INTEGER,
    -- When the response owed now (first or next) is due; null when nothing is owed.
    next_response_due_at  INTEGER,
    first_responded_at    INTEGER,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    resolved_at           INTEGER,
    closed_at             INTEGER,
    CONSTRAINT tickets_number_key UNIQUE (workspace_id, number)
);
-- The console queue: a workspace's tickets by status, soonest due first.
CREATE INDEX tickets_queue ON tickets (workspace_id, status, next_response_due_at);
CREATE INDEX tickets_conversation ON tickets (conversation_id);

-- Kinds of event:
--   thread:  public_reply (agent to customer), internal_note (agents only),
--            customer_reply (customer to agents)
--   history: created, status_changed, priority_changed, type_changed,
--            assignee_changed, team_changed (escalation to engineering and back),
--            tags_changed, delivery_failed (an outgoing reply bounced or could not
--            be sent; written by the mail outbox)
-- Replies and notes carry `body`; changes carry `old_value` and `new_value` as the
-- database spells them (an assignee as the agent's id, tags one per line).
CREATE TABLE ticket_events (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id       INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN (
                        'created', 'public_reply', 'internal_note', 'customer_reply',
                        'status_changed', 'priority_changed', 'type_changed', 'assignee_changed',
                        'team_changed', 'tags_changed', 'delivery_failed')),
    author_kind     TEXT    NOT NULL CHECK (author_kind IN ('agent', 'customer', 'system')),
    author_agent_id INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    body            TEXT,
    old_value       TEXT,
    new_value       TEXT,
    -- The RFC 5322 Message-ID of the mail this event came in as or went out as, with
    -- its angle brackets.
    message_id      TEXT,
    created_at      INTEGER NOT NULL,
    CONSTRAINT ticket_events_seq_key UNIQUE (ticket_id, seq),
    CONSTRAINT ticket_events_message_id_key UNIQUE (ticket_id, message_id)
);
-- Threads an incoming mail's In-Reply-To or References to its ticket.
CREATE INDEX ticket_events_message_id ON ticket_events (message_id);
