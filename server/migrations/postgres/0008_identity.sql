-- Verified identity and the end of the anonymous mail relay.
--
-- A workspace signs its users' identities with a secret only it and Helpline know; a
-- visitor whose identity verified keeps what was proved. Requester addresses are
-- proven per workspace (a reply, a confirmation link, a verified identity, the host's
-- backend); until then mail to them carries nothing the requester typed, and each
-- such address gets only a few mails a day, counted here so every node agrees.

-- The key host applications compute `user_hash` and sign `identity_token` with;
-- generated when first needed. Admins see it in the console and may rotate it.
ALTER TABLE workspaces ADD COLUMN identity_secret TEXT;
-- 1 when an identity without a valid proof is refused.
ALTER TABLE workspaces ADD COLUMN require_verified_identity BIGINT NOT NULL DEFAULT 0;

-- What the identity secret proved about a visitor. `verified_user_id` links the
-- visitors of one user across browsers and devices.
ALTER TABLE visitors ADD COLUMN verified_user_id TEXT;
ALTER TABLE visitors ADD COLUMN verified_email TEXT;
ALTER TABLE visitors ADD COLUMN verified_name TEXT;
ALTER TABLE visitors ADD COLUMN verified_by TEXT CHECK (verified_by IN ('user_hash', 'identity_token'));
ALTER TABLE visitors ADD COLUMN verified_at BIGINT;
CREATE INDEX visitors_verified_user ON visitors (workspace_id, verified_user_id);

-- Requester addresses proven to belong to their requester, per workspace; `address`
-- is lower case.
CREATE TABLE verified_addresses (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    address      TEXT   NOT NULL,
    verified_by  TEXT   NOT NULL CHECK (verified_by IN ('reply', 'link', 'identity', 'host_api')),
    verified_at  BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, address)
);

-- Mail sent to addresses nobody has proven, per lower-case address and UTC day (days
-- since the Unix epoch), across every workspace of the server.
CREATE TABLE unverified_mail (
    address TEXT   NOT NULL,
    day     BIGINT NOT NULL,
    sent    BIGINT NOT NULL,
    PRIMARY KEY (address, day)
);
CREATE INDEX unverified_mail_day ON unverified_mail (day);

-- The new kinds of event.
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check CHECK (kind IN (
    'created', 'public_reply', 'internal_note', 'customer_reply',
    'status_changed', 'priority_changed', 'type_changed', 'assignee_changed',
    'team_changed', 'tags_changed', 'delivery_failed', 'reminder_sent',
    'satisfaction_rated', 'auto_reply', 'details_changed', 'requester_changed',
    'mail_withheld', 'address_verified'));
