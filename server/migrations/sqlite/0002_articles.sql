-- Help-center categories and articles, per workspace.
CREATE TABLE article_categories (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    CONSTRAINT article_categories_name_key UNIQUE (workspace_id, name)
);

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    category_id  INTEGER REFERENCES article_categories (id) ON DELETE SET NULL,
    slug         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    -- Tags, one per line.
    tags         TEXT    NOT NULL DEFAULT '',
    locale       TEXT,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    author_id    INTEGER REFERENCES agents (id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    CONSTRAINT articles_slug_key UNIQUE (workspace_id, slug)
);
CREATE INDEX articles_listing ON articles (workspace_id, status, updated_at);
