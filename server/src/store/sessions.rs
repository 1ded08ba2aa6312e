//! Console sign-in sessions. Only a hash of the session id is stored, so a copy of the
//! database cannot be used to sign in.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;

/// A live console session.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRecord {
    pub agent_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
}

impl Store {
    pub async fn create_session(
        &self,
        id_hash: &str,
        agent_id: i64,
        csrf_token: &str,
        now: i64,
        expires_at: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO agent_sessions (id_hash, agent_id, csrf_token, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id_hash)
        .bind(agent_id)
        .bind(csrf_token)
        .bind(now)
        .bind(expires_at)
        .execute(self.pool())
        .await
        .context("create session")?;
        // Expired sessions are swept here rather than by a timer: sign-ins are rare
        // enough that this costs nothing and keeps the table small.
        sqlx::query("DELETE FROM agent_sessions WHERE expires_at < $1")
            .bind(now)
            .execute(self.pool())
            .await
            .context("sweep sessions")?;
        Ok(())
    }

    /// The session with this id hash, if it has not expired.
    pub async fn session(&self, id_hash: &str, now: i64) -> anyhow::Result<Option<SessionRecord>> {
        sqlx::query_as(
            "SELECT agent_id, csrf_token, expires_at FROM agent_sessions WHERE id_hash = $1 AND expires_at > $2",
        )
        .bind(id_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await
        .context("load session")
    }

    pub async fn delete_session(&self, id_hash: &str) -> anyhow::Result<()> {
        sqlx::query("DELETE FROM agent_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(self.pool())
            .await
            .context("delete session")?;
        Ok(())
    }
}
