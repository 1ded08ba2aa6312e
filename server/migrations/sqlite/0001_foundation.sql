-- Workspaces, agents, visitors, conversations and messages. Timestamps are Unix
-- milliseconds (UTC) so both backends store them the same way.
CREATE TABLE workspaces (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT    NOT NULL,
    app_id     TEXT    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE workspace_origins (
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    origin       TEXT    NOT NULL,
    PRIMARY KEY (workspace_id, origin)
);

CREATE TABLE agents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id  INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'agent')),
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL,
    CONSTRAINT agents_email_key UNIQUE (email)
);

CREATE TABLE agent_sessions (
    id_hash    TEXT    PRIMARY KEY,
    agent_id   INTEGER NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    csrf_token TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX agent_sessions_agent ON agent_sessions (agent_id);

CREATE TABLE visitors (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL UNIQUE,
    page_url     TEXT,
    user_agent   TEXT,
    first_seen   INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL
);

CREATE TABLE conversations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id     INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    visitor_id       INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    last_seq         INTEGER NOT NULL DEFAULT 0,
    visitor_read_seq INTEGER NOT NULL DEFAULT 0,
    agent_read_seq   INTEGER NOT NULL DEFAULT 0,
    preview          TEXT    NOT NULL DEFAULT '',
    last_author      TEXT,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    closed_at        INTEGER
);
-- A visitor has at most one open conversation.
CREATE UNIQUE INDEX conversations_open_per_visitor ON conversations (visitor_id) WHERE closed_at IS NULL;
CREATE INDEX conversations_inbox ON conversations (workspace_id, updated_at);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    author_kind     TEXT    NOT NULL CHECK (author_kind IN ('visitor', 'agent', 'system')),
    author_id       INTEGER,
    author_name     TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    client_id       TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    CONSTRAINT messages_seq_key UNIQUE (conversation_id, seq),
    CONSTRAINT messages_client_id_key UNIQUE (conversation_id, client_id)
);
