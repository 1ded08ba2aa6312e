-- Saved replies: text agents insert into a chat or ticket reply by typing `/` and the
-- shortcut. The shortcut is unique within a workspace; the body may name variables
-- (`{{visitor.name}}`) the console fills in. Deleting a workspace deletes its replies;
-- deleting the agent who wrote one keeps it.
CREATE TABLE saved_replies (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    shortcut     TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    created_by   INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CONSTRAINT saved_replies_shortcut_unique UNIQUE (workspace_id, shortcut)
);
