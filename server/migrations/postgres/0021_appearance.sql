-- How the messenger looks and speaks for a workspace: the language it falls back to when
-- neither the host nor the browser names one we ship, and light, dark or the visitor's
-- system setting.
ALTER TABLE workspaces ADD COLUMN default_locale TEXT NOT NULL DEFAULT 'en'
    CHECK (default_locale IN ('en', 'de', 'es', 'ar'));
ALTER TABLE workspaces ADD COLUMN theme TEXT NOT NULL DEFAULT 'auto'
    CHECK (theme IN ('auto', 'light', 'dark'));
