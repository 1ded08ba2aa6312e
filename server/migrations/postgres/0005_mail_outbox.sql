-- The mail outbox: every outgoing message, written in the transaction of the event it
-- belongs to, then delivered by the outbox worker with retries.
--
-- `raw` is the composed RFC 5322 message, so every attempt sends the same bytes; the
-- envelope (`envelope_from`, `recipient`) is kept beside it.
-- Status:  queued  -> sending (claimed by a worker until `locked_until`)
--          sending -> sent | queued (temporary failure, retried at `next_attempt_at`)
--                   | failed (permanent failure, or too many attempts)
-- A `sending` row whose lease has expired (its worker died) is claimed again.
CREATE TABLE mail_outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id    BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    ticket_id       BIGINT  REFERENCES tickets (id) ON DELETE SET NULL,
    -- The ticket event this mail went out for, if any.
    event_seq       BIGINT,
    -- With its angle brackets; unique for all time, so a message is queued once.
    message_id      TEXT    NOT NULL,
    envelope_from   TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    raw             TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
    -- Attempts begun so far, counted when a worker claims the row.
    attempts        BIGINT  NOT NULL DEFAULT 0,
    next_attempt_at BIGINT  NOT NULL,
    locked_until    BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL,
    sent_at         BIGINT,
    CONSTRAINT mail_outbox_message_id_key UNIQUE (message_id)
);
-- The worker's question: what is due?
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_ticket ON mail_outbox (ticket_id);
