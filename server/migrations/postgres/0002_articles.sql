-- Help-center categories and articles, per workspace.
CREATE TABLE article_categories (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    description  TEXT    NOT NULL DEFAULT '',
    position     BIGINT  NOT NULL DEFAULT 0,
    created_at   BIGINT  NOT NULL,
    CONSTRAINT article_categories_name_key UNIQUE (workspace_id, name)
);

CREATE TABLE articles (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id BIGINT  NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    category_id  BIGINT  REFERENCES article_categories (id) ON DELETE SET NULL,
    slug         TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    -- Tags, one per line.
    tags         TEXT    NOT NULL DEFAULT '',
    locale       TEXT,
    status       TEXT    NOT NULL CHECK (status IN ('draft', 'published')),
    author_id    BIGINT  REFERENCES agents (id) ON DELETE SET NULL,
    created_at   BIGINT  NOT NULL,
    updated_at   BIGINT  NOT NULL,
    CONSTRAINT articles_slug_key UNIQUE (workspace_id, slug)
);
CREATE INDEX articles_listing ON articles (workspace_id, status, updated_at);
