//! A workspace's appearance: the messenger's fallback language and its colours.

use anyhow::Context;
use i18n::Locale;
use protocol::api::Theme;

use super::Store;

/// What the messenger document needs before the first paint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appearance {
    pub default_locale: Locale,
    pub theme: Theme,
}

impl Store {
    /// The workspace's appearance; the defaults (English, following the system) for a
    /// workspace that does not exist, so a page never fails for want of it.
    pub async fn appearance(&self, workspace_id: i64) -> anyhow::Result<Appearance> {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT default_locale, theme FROM workspaces WHERE id = $1")
                .bind(workspace_id)
                .fetch_optional(self.pool())
                .await
                .context("load workspace appearance")?;
        let (locale, theme) = row.unwrap_or_default();
        Ok(Appearance {
            default_locale: Locale::from_tag(&locale).unwrap_or(Locale::En),
            theme: Theme::parse(&theme).unwrap_or_default(),
        })
    }

    pub async fn set_appearance(&self, workspace_id: i64, appearance: Appearance) -> anyhow::Result<()> {
        sqlx::query("UPDATE workspaces SET default_locale = $1, theme = $2 WHERE id = $3")
            .bind(appearance.default_locale.tag())
            .bind(appearance.theme.as_str())
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("save workspace appearance")?;
        Ok(())
    }
}
