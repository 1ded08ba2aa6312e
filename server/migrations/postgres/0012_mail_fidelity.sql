-- Every word of an email reply: the original of each received mail, one ticket per
-- Message-ID however many deliveries arrive at once, people in Cc as followers, replies
-- credited to whoever sent them, and delivery attempts on the ticket's history.

-- Each mail taken into a ticket, as received. The unique key is what makes concurrent
-- deliveries of one message open one ticket: the second transaction to insert the same
-- Message-ID fails and rolls back its ticket and acknowledgement. Mail without a
-- Message-ID (NULL) is kept but cannot be recognised again.
CREATE TABLE received_mail (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    message_id   TEXT,
    ticket_id    BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    event_seq    BIGINT  NOT NULL,
    raw          BYTEA   NOT NULL,
    -- The files it carried, as JSON (protocol::tickets::MailAttachment), so the
    -- thread can say what is in the original without parsing it again.
    attachments  TEXT    NOT NULL DEFAULT '[]',
    received_at  BIGINT  NOT NULL,
    CONSTRAINT received_mail_message_id_key UNIQUE (workspace_id, message_id)
);
CREATE INDEX received_mail_event ON received_mail (ticket_id, event_seq);

-- The files a received mail carried that Helpline keeps (allowed types, sniffed from
-- the bytes; images without their metadata), for agents to open from the thread.
CREATE TABLE ticket_files (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id    BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    event_seq    BIGINT  NOT NULL,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    data         BYTEA  NOT NULL,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX ticket_files_ticket ON ticket_files (ticket_id, event_seq);

-- Files an agent uploaded and has not sent yet. Sending a reply moves them to
-- ticket_files in its transaction; the sweep deletes those left unsent for a day.
CREATE TABLE uploads (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    agent_id     BIGINT  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         BIGINT  NOT NULL,
    data         BYTEA  NOT NULL,
    created_at   BIGINT  NOT NULL
);
CREATE INDEX uploads_created ON uploads (created_at);

-- Addresses that receive a ticket's public replies besides the requester: people in Cc
-- of the mail that opened or answered it. `email` is stored lowercase.
CREATE TABLE ticket_followers (
    ticket_id  BIGINT  NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    email      TEXT    NOT NULL,
    name       TEXT,
    added_at   BIGINT  NOT NULL,
    PRIMARY KEY (ticket_id, email)
);

-- A mail copied to followers is queued once per recipient, with the same Message-ID and
-- bytes, so each copy is delivered, retried and failed on its own: a follower's
-- mailbox refusing it cannot stop the requester's copy.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_message_id_key;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_message_id_key UNIQUE (message_id, recipient);

-- The address a customer event came from, when not the requester's.
ALTER TABLE ticket_events ADD COLUMN author_email TEXT;
ALTER TABLE ticket_events ADD COLUMN author_name TEXT;

-- The new kinds of event.
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check CHECK (kind IN (
    'created', 'public_reply', 'internal_note', 'customer_reply',
    'status_changed', 'priority_changed', 'type_changed', 'assignee_changed',
    'team_changed', 'tags_changed', 'delivery_failed', 'reminder_sent',
    'satisfaction_rated', 'auto_reply', 'details_changed', 'requester_changed',
    'mail_withheld', 'address_verified', 'delivery_deferred', 'followers_added'));
