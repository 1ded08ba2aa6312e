-- Every word of an email reply: the original of each received mail, one ticket per
-- Message-ID however many deliveries arrive at once, people in Cc as followers, replies
-- credited to whoever sent them, and delivery attempts on the ticket's history.

-- Each mail taken into a ticket, as received. The unique key is what makes concurrent
-- deliveries of one message open one ticket: the second transaction to insert the same
-- Message-ID fails and rolls back its ticket and acknowledgement. Mail without a
-- Message-ID (NULL) is kept but cannot be recognised again.
CREATE TABLE received_mail (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id   TEXT,
    ticket_id    INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    event_seq    INTEGER NOT NULL,
    raw          BLOB    NOT NULL,
    -- The files it carried, as JSON (protocol::tickets::MailAttachment), so the
    -- thread can say what is in the original without parsing it again.
    attachments  TEXT    NOT NULL DEFAULT '[]',
    received_at  INTEGER NOT NULL,
    CONSTRAINT received_mail_message_id_key UNIQUE (workspace_id, message_id)
);
CREATE INDEX received_mail_event ON received_mail (ticket_id, event_seq);

-- The files a received mail carried that Helpline keeps (allowed types, sniffed from
-- the bytes; images without their metadata), for agents to open from the thread.
CREATE TABLE ticket_files (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id    INTEGER  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    event_seq    INTEGER  NOT NULL,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER  NOT NULL,
    data         BLOB  NOT NULL,
    created_at   INTEGER  NOT NULL
);
CREATE INDEX ticket_files_ticket ON ticket_files (ticket_id, event_seq);

-- Files an agent uploaded and has not sent yet. Sending a reply moves them to
-- ticket_files in its transaction; the sweep deletes those left unsent for a day.
CREATE TABLE uploads (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id     INTEGER  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER  NOT NULL,
    data         BLOB  NOT NULL,
    created_at   INTEGER  NOT NULL
);
CREATE INDEX uploads_created ON uploads (created_at);

-- Addresses that receive a ticket's public replies besides the requester: people in Cc
-- of the mail that opened or answered it. `email` is stored lowercase.
CREATE TABLE ticket_followers (
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    name       TEXT,
    added_at   INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, email)
);

-- A mail copied to followers is queued once per recipient, with the same Message-ID and
-- bytes, so each copy is delivered, retried and failed on its own: a follower's
-- mailbox refusing it cannot stop the requester's copy. The key becomes
-- (message_id, recipient); SQLite rebuilds the table for it.
CREATE TABLE mail_outbox_next (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id       INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    event_seq       INTEGER,
    message_id      TEXT    NOT NULL,
    envelope_from   TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    raw             TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until    INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    CONSTRAINT mail_outbox_message_id_key UNIQUE (message_id, recipient)
);
INSERT INTO mail_outbox_next
    SELECT id, workspace_id, ticket_id, event_seq, message_id, envelope_from, recipient, raw, status, attempts,
        next_attempt_at, locked_until, last_error, created_at, sent_at
    FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_next RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_ticket ON mail_outbox (ticket_id);

-- SQLite cannot change a CHECK constraint in place: the events table is rebuilt with
-- the new kinds and the address a customer event came from.
CREATE TABLE ticket_events_next (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id       INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN (
                        'created', 'public_reply', 'internal_note', 'customer_reply',
                        'status_changed', 'priority_changed', 'type_changed', 'assignee_changed',
                        'team_changed', 'tags_changed', 'delivery_failed', 'reminder_sent',
                        'satisfaction_rated', 'auto_reply', 'details_changed', 'requester_changed',
                        'mail_withheld', 'address_verified', 'delivery_deferred', 'followers_added')),
    author_kind     TEXT    NOT NULL CHECK (author_kind IN ('agent', 'customer', 'system')),
    author_agent_id INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    body            TEXT,
    old_value       TEXT,
    new_value       TEXT,
    message_id      TEXT,
    created_at      INTEGER NOT NULL,
    author_email    TEXT,
    author_name     TEXT,
    CONSTRAINT ticket_events_seq_key UNIQUE (ticket_id, seq),
    CONSTRAINT ticket_events_message_id_key UNIQUE (ticket_id, message_id)
);
INSERT INTO ticket_events_next
    (id, ticket_id, seq, kind, author_kind, author_agent_id, body, old_value, new_value, message_id, created_at)
    SELECT id, ticket_id, seq, kind, author_kind, author_agent_id, body, old_value, new_value, message_id, created_at
    FROM ticket_events;
DROP TABLE ticket_events;
ALTER TABLE ticket_events_next RENAME TO ticket_events;
CREATE INDEX ticket_events_message_id ON ticket_events (message_id);
