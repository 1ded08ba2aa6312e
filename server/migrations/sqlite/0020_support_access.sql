-- Support access: a verified user lets support see or act as them for a while, and the
-- workspace's audit log. Grants belong to the host's user id, not a browser, so every
-- device of that user sees them. The audit log is append-only: triggers refuse any
-- UPDATE or DELETE, whatever asks.
CREATE TABLE access_grants (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    user_id      TEXT    NOT NULL,
    level        TEXT    NOT NULL CHECK (level IN ('view', 'act')),
    -- The visitor (browser) that granted it; kept as a number, since visitors are deleted.
    granted_by   INTEGER NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    -- Set once the expiry was recorded in the audit log.
    expiry_recorded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX access_grants_user ON access_grants (workspace_id, user_id, expires_at);
CREATE INDEX access_grants_expiring ON access_grants (expires_at) WHERE revoked_at IS NULL AND expiry_recorded = 0;

CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id),
    at           INTEGER NOT NULL,
    actor_kind   TEXT    NOT NULL CHECK (actor_kind IN ('agent', 'user', 'host', 'system')),
    actor        TEXT    NOT NULL,
    action       TEXT    NOT NULL,
    user_id      TEXT,
    grant_id     INTEGER,
    summary      TEXT    NOT NULL,
    before       TEXT,
    after        TEXT
);
CREATE INDEX audit_log_workspace ON audit_log (workspace_id, id);
CREATE INDEX audit_log_user ON audit_log (workspace_id, user_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

-- Webhooks: where the host hears of grants, revocations and expiries, and the secret
-- their signatures are made with. Each event is queued in the transaction of what it
-- tells, and delivered with retries like mail.
ALTER TABLE workspaces ADD COLUMN webhook_url TEXT;
ALTER TABLE workspaces ADD COLUMN webhook_secret TEXT;
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id),
    event           TEXT    NOT NULL,
    -- The JSON body, exactly as it is signed and sent.
    payload         TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'delivered', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until    INTEGER,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    delivered_at    INTEGER
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('queued', 'sending');

-- An agent asks a verified user for access from a chat; the user answers in the
-- messenger. A request is open until answered, and for a day at most.
CREATE TABLE access_requests (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id    INTEGER NOT NULL REFERENCES workspaces (id),
    user_id         TEXT NOT NULL,
    level           TEXT NOT NULL CHECK (level IN ('view', 'act')),
    hours           INTEGER NOT NULL,
    agent_id        INTEGER NOT NULL,
    agent_name      TEXT NOT NULL,
    conversation_id INTEGER,
    created_at      INTEGER NOT NULL,
    answered_at     INTEGER,
    answer          TEXT CHECK (answer IN ('granted', 'declined')),
    grant_id        INTEGER
);
CREATE INDEX access_requests_user ON access_requests (workspace_id, user_id, created_at);
