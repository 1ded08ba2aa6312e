//! A workspace's support settings (business hours, pending-ticket timers), its API keys
//! for host backends, chat endings and ratings, and the server's generated secrets.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;
use crate::tickets::HoursSettings;

/// Business hours and the pending-ticket timers of a workspace, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportSettingsRecord {
    pub hours: HoursSettings,
    /// Days a pending ticket waits for its customer before one reminder.
    pub reminder_days: i64,
    /// Days a pending ticket waits before it is closed.
    pub close_days: i64,
    /// The workspace's own daily cap on "Email us" tickets; `None` keeps the server's.
    pub tickets_per_day: Option<i64>,
    /// Where a chat left unanswered too long is mailed when no agent is online.
    pub notification_address: Option<String>,
}

/// An API key as stored: only its hash.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ApiKeyRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub created_at: i64,
}

/// A rating of a ticket or of a chat.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct RatingRecord {
    pub rating: i64,
    pub comment: Option<String>,
    pub rated_at: i64,
    pub ticket_number: Option<i64>,
    pub conversation_id: Option<i64>,
}

/// An agent's id and name.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AgentName {
    pub id: i64,
    pub name: String,
}

#[derive(FromRow)]
struct SettingsRow {
    time_zone: String,
    weekly_hours: String,
    holidays: String,
    reminder_days: i64,
    close_days: i64,
    tickets_per_day: Option<i64>,
    notification_address: Option<String>,
}

impl Store {
    /// A workspace's support settings; None when the workspace does not exist.
    pub async fn support_settings(&self, workspace_id: i64) -> anyhow::Result<Option<SupportSettingsRecord>> {
        let row: Option<SettingsRow> = sqlx::query_as(
            "SELECT time_zone, weekly_hours, holidays, reminder_days, close_days, tickets_per_day, notification_address
             FROM workspaces WHERE id = $1",
        )
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await
        .context("load support settings")?;
        let Some(row) = row else { return Ok(None) };
        let weekly: Vec<String> = serde_json::from_str(&row.weekly_hours).context("read weekly hours")?;
        let weekly: [String; 7] =
            weekly.try_into().map_err(|_| anyhow::anyhow!("weekly hours in the database do not have seven days"))?;
        Ok(Some(SupportSettingsRecord {
            hours: HoursSettings {
                time_zone: row.time_zone,
                weekly,
                holidays: serde_json::from_str(&row.holidays).context("read holidays")?,
            },
            reminder_days: row.reminder_days,
            close_days: row.close_days,
            tickets_per_day: row.tickets_per_day,
            notification_address: row.notification_address,
        }))
    }

    /// Replaces a workspace's support settings; the caller validated them.
    pub async fn set_support_settings(
        &self,
        workspace_id: i64,
        settings: &SupportSettingsRecord,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE workspaces SET time_zone = $1, weekly_hours = $2, holidays = $3, reminder_days = $4, close_days = $5,
             tickets_per_day = $6, notification_address = $7 WHERE id = $8",
        )
        .bind(&settings.hours.time_zone)
        .bind(serde_json::to_string(&settings.hours.weekly).context("write weekly hours")?)
        .bind(serde_json::to_string(&settings.hours.holidays).context("write holidays")?)
        .bind(settings.reminder_days)
        .bind(settings.close_days)
        .bind(settings.tickets_per_day)
        .bind(settings.notification_address.as_deref())
        .bind(workspace_id)
        .execute(self.pool())
        .await
        .context("save support settings")?;
        Ok(())
    }

    /// Stores a new API key by its hash.
    pub async fn create_api_key(
        &self,
        workspace_id: i64,
        name: &str,
        key_hash: &str,
        now: i64,
    ) -> anyhow::Result<ApiKeyRecord> {
        sqlx::query_as(
            "INSERT INTO api_keys (workspace_id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)
             RETURNING id, workspace_id, name, created_at",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(key_hash)
        .bind(now)
        .fetch_one(self.pool())
        .await
        .context("create api key")
    }

    pub async fn api_keys(&self, workspace_id: i64) -> anyhow::Result<Vec<ApiKeyRecord>> {
        sqlx::query_as("SELECT id, workspace_id, name, created_at FROM api_keys WHERE workspace_id = $1 ORDER BY id")
            .bind(workspace_id)
            .fetch_all(self.pool())
            .await
            .context("list api keys")
    }

    /// The key with this hash, if it exists.
    pub async fn api_key_by_hash(&self, key_hash: &str) -> anyhow::Result<Option<ApiKeyRecord>> {
        sqlx::query_as("SELECT id, workspace_id, name, created_at FROM api_keys WHERE key_hash = $1")
            .bind(key_hash)
            .fetch_optional(self.pool())
            .await
            .context("find api key")
    }

    /// Deletes a workspace's key; false when it has no such key.
    pub async fn delete_api_key(&self, workspace_id: i64, id: i64) -> anyhow::Result<bool> {
        let result = sqlx::query("DELETE FROM api_keys WHERE id = $1 AND workspace_id = $2")
            .bind(id)
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("delete api key")?;
        Ok(result.rows_affected() == 1)
    }

    /// The agents of a workspace, by name.
    pub async fn agent_names(&self, workspace_id: i64) -> anyhow::Result<Vec<AgentName>> {
        sqlx::query_as("SELECT id, name FROM agents WHERE workspace_id = $1 ORDER BY name, id")
            .bind(workspace_id)
            .fetch_all(self.pool())
            .await
            .context("list agent names")
    }

    /// Marks a chat ended by an agent. The conversation stays the visitor's: writing
    /// again continues it. False when it does not exist.
    pub async fn end_conversation(&self, conversation_id: i64, now: i64) -> anyhow::Result<bool> {
        let result = sqlx::query("UPDATE conversations SET ended_at = $1 WHERE id = $2")
            .bind(now)
            .bind(conversation_id)
            .execute(self.pool())
            .await
            .context("end conversation")?;
        Ok(result.rows_affected() == 1)
    }

    /// The visitor's chat that an agent ended after `since`, when the end is still the
    /// last thing said and no rating has been given since.
    pub async fn unrated_ended_conversation(&self, visitor_id: i64, since: i64) -> anyhow::Result<Option<i64>> {
        sqlx::query_scalar(
            "SELECT c.id FROM conversations c
             WHERE c.visitor_id = $1 AND c.ended_at IS NOT NULL AND c.ended_at >= $2 AND c.last_author = 'system'
               AND NOT EXISTS (SELECT 1 FROM chat_ratings r WHERE r.conversation_id = c.id AND r.rated_at >= c.ended_at)
             ORDER BY c.ended_at DESC LIMIT 1",
        )
        .bind(visitor_id)
        .bind(since)
        .fetch_optional(self.pool())
        .await
        .context("find unrated chat")
    }

    /// The visitor's chat most recently ended after `since`, rated or not.
    pub async fn last_ended_conversation(&self, visitor_id: i64, since: i64) -> anyhow::Result<Option<i64>> {
        sqlx::query_scalar(
            "SELECT id FROM conversations WHERE visitor_id = $1 AND ended_at IS NOT NULL AND ended_at >= $2
             ORDER BY ended_at DESC, id DESC LIMIT 1",
        )
        .bind(visitor_id)
        .bind(since)
        .fetch_optional(self.pool())
        .await
        .context("find ended chat")
    }

    /// Records (or replaces) a chat's rating.
    pub async fn rate_conversation(
        &self,
        conversation_id: i64,
        workspace_id: i64,
        rating: i64,
        comment: Option<&str>,
        now: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO chat_ratings (conversation_id, workspace_id, rating, comment, rated_at)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (conversation_id)
             DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, rated_at = EXCLUDED.rated_at",
        )
        .bind(conversation_id)
        .bind(workspace_id)
        .bind(rating)
        .bind(comment)
        .bind(now)
        .execute(self.pool())
        .await
        .context("rate conversation")?;
        Ok(())
    }

    /// A workspace's newest ratings, of tickets and chats together.
    pub async fn ratings(&self, workspace_id: i64, limit: i64) -> anyhow::Result<Vec<RatingRecord>> {
        sqlx::query_as(
            "SELECT rating, rating_comment AS comment, rated_at, number AS ticket_number, conversation_id
               FROM tickets WHERE workspace_id = $1 AND rating IS NOT NULL
             UNION ALL
             SELECT rating, comment, rated_at, NULL AS ticket_number, conversation_id
               FROM chat_ratings WHERE workspace_id = $2
             ORDER BY rated_at DESC LIMIT $3",
        )
        .bind(workspace_id)
        .bind(workspace_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list ratings")
    }

    /// The secret called `name`, generated by `make` and stored the first time it is
    /// asked for. Concurrent first calls (several nodes starting) agree on one value.
    pub async fn server_secret(&self, name: &str, make: impl FnOnce() -> String, now: i64) -> anyhow::Result<String> {
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(make())
        .bind(now)
        .execute(self.pool())
        .await
        .context("store server secret")?;
        sqlx::query_scalar("SELECT value FROM server_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(self.pool())
            .await
            .context("load server secret")
    }
}
