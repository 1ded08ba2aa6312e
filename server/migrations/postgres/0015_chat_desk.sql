-- Live chats get an owner and a state: open, snoozed (until a time) or resolved, an
-- assignee and a team, so the inbox can show each agent their own chats and the
-- queue. Agents get an availability and a capacity for routing. Messages can be
-- internal: notes between agents and the entries of a chat's history, which visitors
-- never receive.

ALTER TABLE conversations ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'snoozed', 'resolved'));
ALTER TABLE conversations ADD COLUMN snoozed_until BIGINT;
ALTER TABLE conversations ADD COLUMN assignee_id BIGINT REFERENCES agents (id) ON DELETE SET NULL;
ALTER TABLE conversations ADD COLUMN team TEXT NOT NULL DEFAULT 'first_line'
    CHECK (team IN ('first_line', 'engineering'));
-- Since when the visitor's newest message waits for an agent's answer; null when the
-- last word was an agent's.
ALTER TABLE conversations ADD COLUMN awaiting_since BIGINT;
ALTER TABLE conversations ADD COLUMN resolved_at BIGINT;
-- When agents were told by mail that the current wait ran long; cleared with the wait.
ALTER TABLE conversations ADD COLUMN unanswered_alerted_at BIGINT;
UPDATE conversations SET awaiting_since = updated_at WHERE last_author = 'visitor';

CREATE INDEX conversations_by_status ON conversations (workspace_id, status, updated_at, id);
CREATE INDEX conversations_by_assignee ON conversations (assignee_id, status, updated_at, id);
CREATE INDEX conversations_snoozed ON conversations (snoozed_until) WHERE status = 'snoozed';
CREATE INDEX conversations_queue ON conversations (workspace_id, awaiting_since)
    WHERE status = 'open' AND assignee_id IS NULL;
CREATE INDEX conversations_unanswered ON conversations (awaiting_since)
    WHERE status = 'open' AND unanswered_alerted_at IS NULL;

ALTER TABLE messages ADD COLUMN internal BIGINT NOT NULL DEFAULT 0 CHECK (internal IN (0, 1));
-- For a history entry: what changed, as JSON.
ALTER TABLE messages ADD COLUMN change TEXT;

ALTER TABLE agents ADD COLUMN status TEXT NOT NULL DEFAULT 'online'
    CHECK (status IN ('online', 'away', 'do_not_disturb'));
-- Open chats routing gives the agent at most.
ALTER TABLE agents ADD COLUMN capacity BIGINT NOT NULL DEFAULT 5 CHECK (capacity BETWEEN 0 AND 100);
-- When routing last gave the agent a chat: round-robin takes the longest waiting.
ALTER TABLE agents ADD COLUMN last_routed_at BIGINT;

-- The teams whose chats an agent is routed; everyone starts in first-line support.
CREATE TABLE agent_teams (
    agent_id BIGINT  NOT NULL REFERENCES agents (id) ON DELETE CASCADE,
    team     TEXT    NOT NULL CHECK (team IN ('first_line', 'engineering')),
    PRIMARY KEY (agent_id, team)
);
INSERT INTO agent_teams (agent_id, team) SELECT id, 'first_line' FROM agents;

-- Where a chat left unanswered too long is mailed when no agent is online.
ALTER TABLE workspaces ADD COLUMN notification_address TEXT;

-- Invitations to join a workspace as an agent: a one-time link, by mail, to set a
-- password. Only the token's SHA-256 is kept.
CREATE TABLE agent_invites (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    email        TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    role         TEXT    NOT NULL CHECK (role IN ('admin', 'agent')),
    token_hash   TEXT    NOT NULL UNIQUE,
    invited_by   BIGINT REFERENCES agents (id) ON DELETE SET NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    accepted_at  BIGINT
);
CREATE INDEX agent_invites_workspace ON agent_invites (workspace_id, created_at);
