-- Reports. Every help-center search a visitor makes is kept, found or not, so a report
-- can tell the searches after which the visitor did not need to ask (no chat message
-- and no ticket within a day) from those after which they did. `missed_searches` keeps
-- its own rows for the help center's insights. A search typed as you go is one row, as
-- there.
CREATE TABLE help_searches (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    visitor_id   BIGINT NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    query        TEXT    NOT NULL,
    -- How many articles the search found.
    results      BIGINT NOT NULL CHECK (results >= 0),
    searched_at  BIGINT NOT NULL
);
CREATE INDEX help_searches_workspace ON help_searches (workspace_id, searched_at);
CREATE INDEX help_searches_visitor ON help_searches (visitor_id, searched_at);

-- What a report reads by date: new chats and tickets.
CREATE INDEX conversations_created ON conversations (workspace_id, created_at);
CREATE INDEX tickets_created ON tickets (workspace_id, created_at);
