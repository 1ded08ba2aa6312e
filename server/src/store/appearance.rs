//! A workspace's appearance: the messenger's fallback language, its colours, the host's
//! brand colour, the launcher's side, and the workspace's own words per language.

use anyhow::Context;
use i18n::Locale;
use protocol::api::Theme;
use protocol::brand::{LauncherPosition, Rgb};

use super::Store;

/// What the messenger document and the launcher need before the first paint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    pub default_locale: Locale,
    pub theme: Theme,
    pub brand: Rgb,
    pub position: LauncherPosition,
    /// At most one per locale, in `Locale::ALL` order, none of them all empty.
    pub texts: Vec<LocaleTexts>,
}

/// The workspace's own words in one language; an empty one keeps Helpline's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleTexts {
    pub locale: Locale,
    pub launcher_label: String,
    pub greeting: String,
    pub away_message: String,
}

impl Default for Appearance {
    fn default() -> Self {
        Appearance {
            default_locale: Locale::En,
            theme: Theme::Auto,
            brand: Rgb(0x3b, 0x5b, 0xdb),
            position: LauncherPosition::Right,
            texts: Vec::new(),
        }
    }
}

impl Appearance {
    /// The workspace's words in `locale`, if it wrote any.
    pub fn texts_in(&self, locale: Locale) -> Option<&LocaleTexts> {
        self.texts.iter().find(|texts| texts.locale == locale)
    }
}

type Row = (String, String, String, String);

impl Store {
    /// The workspace's appearance; the defaults (English, following the system,
    /// Helpline's blue on the right) for a workspace that does not exist, so a page never
    /// fails for want of it.
    pub async fn appearance(&self, workspace_id: i64) -> anyhow::Result<Appearance> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT default_locale, theme, brand_color, launcher_position FROM workspaces WHERE id = $1",
        )
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await
        .context("load workspace appearance")?;
        let Some((locale, theme, brand, position)) = row else {
            return Ok(Appearance::default());
        };
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT locale, launcher_label, greeting, away_message FROM workspace_texts WHERE workspace_id = $1",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await
        .context("load workspace texts")?;
        let mut texts: Vec<LocaleTexts> = rows
            .into_iter()
            .filter_map(|(locale, launcher_label, greeting, away_message)| {
                Some(LocaleTexts { locale: Locale::from_tag(&locale)?, launcher_label, greeting, away_message })
            })
            .collect();
        texts.sort_by_key(|texts| Locale::ALL.iter().position(|locale| *locale == texts.locale));
        let defaults = Appearance::default();
        Ok(Appearance {
            default_locale: Locale::from_tag(&locale).unwrap_or(defaults.default_locale),
            theme: Theme::parse(&theme).unwrap_or(defaults.theme),
            brand: Rgb::parse(&brand).unwrap_or(defaults.brand),
            position: LauncherPosition::parse(&position).unwrap_or(defaults.position),
            texts,
        })
    }

    /// Replaces the workspace's appearance, its words in every language included, in one
    /// transaction.
    pub async fn set_appearance(&self, workspace_id: i64, appearance: &Appearance) -> anyhow::Result<()> {
        let mut tx = self.pool().begin().await.context("begin")?;
        sqlx::query(
            "UPDATE workspaces SET default_locale = $1, theme = $2, brand_color = $3, launcher_position = $4 \
             WHERE id = $5",
        )
        .bind(appearance.default_locale.tag())
        .bind(appearance.theme.as_str())
        .bind(appearance.brand.hex())
        .bind(appearance.position.as_str())
        .bind(workspace_id)
        .execute(&mut *tx)
        .await
        .context("save workspace appearance")?;
        sqlx::query("DELETE FROM workspace_texts WHERE workspace_id = $1")
            .bind(workspace_id)
            .execute(&mut *tx)
            .await
            .context("clear workspace texts")?;
        for texts in &appearance.texts {
            sqlx::query(
                "INSERT INTO workspace_texts (workspace_id, locale, launcher_label, greeting, away_message) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(workspace_id)
            .bind(texts.locale.tag())
            .bind(&texts.launcher_label)
            .bind(&texts.greeting)
            .bind(&texts.away_message)
            .execute(&mut *tx)
            .await
            .context("save workspace texts")?;
        }
        tx.commit().await.context("commit workspace appearance")
    }
}

/// A workspace's logo as stored: an accepted raster image and the digest it is served
/// under.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Logo {
    pub content_type: String,
    pub data: Vec<u8>,
    pub digest: String,
}

impl Store {
    /// The digest of the workspace's logo, if it has one (what the messenger document
    /// needs: the logo's address).
    pub async fn logo_digest(&self, workspace_id: i64) -> anyhow::Result<Option<String>> {
        sqlx::query_scalar("SELECT digest FROM workspace_logos WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("load logo digest")
    }

    /// The workspace's logo, if it has one.
    pub async fn logo(&self, workspace_id: i64) -> anyhow::Result<Option<Logo>> {
        sqlx::query_as("SELECT content_type, data, digest FROM workspace_logos WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("load logo")
    }

    /// Replaces the workspace's logo.
    pub async fn set_logo(&self, workspace_id: i64, logo: &Logo, now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO workspace_logos (workspace_id, content_type, data, digest, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (workspace_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data, \
             digest = excluded.digest, updated_at = excluded.updated_at",
        )
        .bind(workspace_id)
        .bind(&logo.content_type)
        .bind(&logo.data)
        .bind(&logo.digest)
        .bind(now)
        .execute(self.pool())
        .await
        .context("save logo")?;
        Ok(())
    }

    /// Removes the workspace's logo; whether it had one.
    pub async fn delete_logo(&self, workspace_id: i64) -> anyhow::Result<bool> {
        let done = sqlx::query("DELETE FROM workspace_logos WHERE workspace_id = $1")
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("delete logo")?;
        Ok(done.rows_affected() > 0)
    }
}
