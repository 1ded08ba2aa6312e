-- One table for every file Helpline keeps, wherever it was sent: a customer's mail, an
-- agent's ticket reply, either side of a live chat, or "Email us". A file starts as an
-- upload that belongs to nothing yet (ticket_id and message_id both NULL) and is
-- attached, by an UPDATE inside the transaction that stores its message, to one ticket
-- event or one chat message. Attaching never copies the bytes. Deleting a workspace,
-- ticket, conversation or message deletes its files; the sweep deletes uploads never
-- attached. `data` holds the bytes when they are kept in the database.
CREATE TABLE files (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name            TEXT    NOT NULL,
    content_type    TEXT    NOT NULL,
    size            INTEGER NOT NULL,
    data            BLOB,
    -- Who uploaded it: an agent, a visitor, or neither (it came in a mail).
    agent_id        INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    visitor_id      INTEGER REFERENCES visitors (id) ON DELETE SET NULL,
    -- What it is attached to: a ticket event, a chat message, or nothing yet.
    ticket_id       INTEGER REFERENCES tickets (id) ON DELETE CASCADE,
    event_seq       INTEGER,
    conversation_id INTEGER REFERENCES conversations (id) ON DELETE CASCADE,
    message_id      INTEGER REFERENCES messages (id) ON DELETE CASCADE,
    created_at      INTEGER NOT NULL,
    CONSTRAINT files_event_check CHECK ((ticket_id IS NULL) = (event_seq IS NULL)),
    CONSTRAINT files_message_check CHECK ((conversation_id IS NULL) = (message_id IS NULL)),
    CONSTRAINT files_one_place_check CHECK (ticket_id IS NULL OR message_id IS NULL)
);
CREATE INDEX files_ticket ON files (ticket_id, event_seq);
CREATE INDEX files_message ON files (message_id);
CREATE INDEX files_workspace ON files (workspace_id);
CREATE INDEX files_pending ON files (created_at) WHERE ticket_id IS NULL AND message_id IS NULL;

-- Ticket files keep their ids: received mail's attachment lists name them.
INSERT INTO files (id, workspace_id, name, content_type, size, data, ticket_id, event_seq, created_at)
    SELECT id, workspace_id, name, content_type, size, data, ticket_id, event_seq, created_at FROM ticket_files;
-- Unsent uploads get new ids; a composer holding an old one is told it is gone.
INSERT INTO files (workspace_id, name, content_type, size, data, agent_id, created_at)
    SELECT workspace_id, name, content_type, size, data, agent_id, created_at FROM uploads;
DROP TABLE ticket_files;
DROP TABLE uploads;
