-- What visitors do in the help center: articles opened, answers to "Did this answer
-- your question?", and searches that found nothing (what to write next).
CREATE TABLE article_views (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    visitor_id   INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    viewed_at    INTEGER NOT NULL
);
CREATE INDEX article_views_article ON article_views (article_id, viewed_at);
CREATE INDEX article_views_visitor ON article_views (visitor_id, article_id, viewed_at);

-- One answer per visitor and article; answering again replaces it.
CREATE TABLE article_feedback (
    article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    visitor_id   INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    helpful      INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    answered_at  INTEGER NOT NULL,
    PRIMARY KEY (article_id, visitor_id)
);

-- A search typed as you go is one row: while a visitor keeps typing the same search,
-- its row is updated rather than a new one added for every keystroke.
CREATE TABLE missed_searches (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    workspace_id INTEGER NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    visitor_id   INTEGER NOT NULL REFERENCES visitors (id) ON DELETE CASCADE,
    query        TEXT    NOT NULL,
    searched_at  INTEGER NOT NULL
);
CREATE INDEX missed_searches_workspace ON missed_searches (workspace_id, query);
CREATE INDEX missed_searches_visitor ON missed_searches (visitor_id, searched_at);
