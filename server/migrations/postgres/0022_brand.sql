-- The host's brand in the messenger and launcher: its colour (the readable foreground
-- and link colours are derived from it), the launcher's side, and the workspace's own
-- words per language (launcher label, greeting, away message; empty keeps Helpline's),
-- and its logo.
ALTER TABLE workspaces ADD COLUMN brand_color TEXT NOT NULL DEFAULT '#3b5bdb'
    CHECK (length(brand_color) = 7 AND substr(brand_color, 1, 1) = '#');
ALTER TABLE workspaces ADD COLUMN launcher_position TEXT NOT NULL DEFAULT 'right'
    CHECK (launcher_position IN ('left', 'right'));

CREATE TABLE workspace_texts (
    workspace_id BIGINT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('en', 'de', 'es', 'ar')),
    launcher_label TEXT NOT NULL DEFAULT '',
    greeting TEXT NOT NULL DEFAULT '',
    away_message TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (workspace_id, locale)
);

-- The workspace's logo in the messenger's header: a raster image, metadata stripped,
-- served under its digest so browsers may keep it for good.
CREATE TABLE workspace_logos (
    workspace_id BIGINT NOT NULL PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    content_type TEXT NOT NULL,
    data BYTEA NOT NULL,
    digest TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);
