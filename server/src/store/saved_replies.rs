//! A workspace's saved replies: listed by shortcut, created under the workspace's
//! limit on how many it keeps, changed and deleted only within their workspace.

use anyhow::Context;
use sqlx::FromRow;

use super::{Store, is_unique_violation};

/// A saved reply as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SavedReplyRecord {
    pub id: i64,
    pub workspace_id: i64,
    /// Unique within the workspace.
    pub shortcut: String,
    pub title: String,
    pub body: String,
    /// The agent who created it; `None` once that agent is deleted.
    pub created_by: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// What an admin writes: already checked, trimmed, the shortcut without its `/`.
#[derive(Debug, Clone, Copy)]
pub struct SavedReplyFields<'a> {
    pub shortcut: &'a str,
    pub title: &'a str,
    pub body: &'a str,
}

/// Why a saved reply was not written.
#[derive(Debug, thiserror::Error)]
pub enum SavedReplyError {
    /// Another reply of the workspace has the shortcut.
    #[error("the shortcut is taken")]
    ShortcutTaken,
    /// The workspace already keeps as many replies as it may.
    #[error("the workspace has as many saved replies as it may keep")]
    Full,
    /// No such reply in the workspace.
    #[error("no such saved reply")]
    NotFound,
    #[error(transparent)]
    Database(#[from] anyhow::Error),
}

const COLUMNS: &str = "id, workspace_id, shortcut, title, body, created_by, created_at, updated_at";

impl Store {
    /// The workspace's saved replies, by shortcut.
    pub async fn saved_replies(&self, workspace_id: i64) -> anyhow::Result<Vec<SavedReplyRecord>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM saved_replies WHERE workspace_id = $1 ORDER BY shortcut"))
            .bind(workspace_id)
            .fetch_all(self.pool())
            .await
            .context("list saved replies")
    }

    /// One of the workspace's saved replies.
    pub async fn saved_reply(&self, workspace_id: i64, id: i64) -> anyhow::Result<Option<SavedReplyRecord>> {
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM saved_replies WHERE id = $1 AND workspace_id = $2"))
            .bind(id)
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("find saved reply")
    }

    /// Adds a reply unless the workspace already keeps `max` of them. The workspace's
    /// row is written first, which takes SQLite's write lock and PostgreSQL's row lock,
    /// so concurrent creators count one after the other and never pass `max`.
    pub async fn create_saved_reply(
        &self,
        workspace_id: i64,
        fields: SavedReplyFields<'_>,
        created_by: i64,
        max: i64,
        now: i64,
    ) -> Result<SavedReplyRecord, SavedReplyError> {
        let mut tx = self.pool().begin().await.context("begin saved reply")?;
        let locked = sqlx::query("UPDATE workspaces SET name = name WHERE id = $1")
            .bind(workspace_id)
            .execute(&mut *tx)
            .await
            .context("lock workspace for saved reply")?;
        if locked.rows_affected() == 0 {
            return Err(SavedReplyError::NotFound);
        }
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM saved_replies WHERE workspace_id = $1")
            .bind(workspace_id)
            .fetch_one(&mut *tx)
            .await
            .context("count saved replies")?;
        if count >= max {
            return Err(SavedReplyError::Full);
        }
        let record = sqlx::query_as(&format!(
            "INSERT INTO saved_replies (workspace_id, shortcut, title, body, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING {COLUMNS}"
        ))
        .bind(workspace_id)
        .bind(fields.shortcut)
        .bind(fields.title)
        .bind(fields.body)
        .bind(created_by)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .map_err(|error| written(error, "insert saved reply"))?;
        tx.commit().await.context("commit saved reply")?;
        Ok(record)
    }

    /// Replaces a reply's shortcut, title and body.
    pub async fn update_saved_reply(
        &self,
        workspace_id: i64,
        id: i64,
        fields: SavedReplyFields<'_>,
        now: i64,
    ) -> Result<SavedReplyRecord, SavedReplyError> {
        let record: Option<SavedReplyRecord> = sqlx::query_as(&format!(
            "UPDATE saved_replies SET shortcut = $1, title = $2, body = $3, updated_at = $4
             WHERE id = $5 AND workspace_id = $6 RETURNING {COLUMNS}"
        ))
        .bind(fields.shortcut)
        .bind(fields.title)
        .bind(fields.body)
        .bind(now)
        .bind(id)
        .bind(workspace_id)
        .fetch_optional(self.pool())
        .await
        .map_err(|error| written(error, "update saved reply"))?;
        record.ok_or(SavedReplyError::NotFound)
    }

    /// Deletes one of the workspace's replies; false when it has no such reply.
    pub async fn delete_saved_reply(&self, workspace_id: i64, id: i64) -> anyhow::Result<bool> {
        let result = sqlx::query("DELETE FROM saved_replies WHERE id = $1 AND workspace_id = $2")
            .bind(id)
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("delete saved reply")?;
        Ok(result.rows_affected() == 1)
    }
}

/// A write's failure: the one unique constraint besides the key is the shortcut's.
fn written(error: sqlx::Error, doing: &'static str) -> SavedReplyError {
    if is_unique_violation(&error) {
        SavedReplyError::ShortcutTaken
    } else {
        SavedReplyError::Database(anyhow::Error::new(error).context(doing))
    }
}
