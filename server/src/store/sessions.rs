//! Console sign-in sessions. Only a hash of the session id is stored, so a copy of the
//! database cannot be used to sign in. A session ends at its lifetime (`expires_at`),
//! after going unused for the idle limit, at sign-out, at a password reset, and when
//! its agent is deactivated.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;

/// A console session as stored, for an agent who is not deactivated.
#[derive(Debug, Clone, FromRow)]
pub struct SessionRecord {
    pub agent_id: i64,
    pub csrf_token: String,
    pub expires_at: i64,
    /// When the session was last used, recorded at most once a minute.
    pub last_active_at: i64,
}

impl SessionRecord {
    /// Whether the session may still be used at `now`: before its lifetime ends, and
    /// used within the last `idle_ms`.
    pub fn is_live(&self, now: i64, idle_ms: i64) -> bool {
        self.expires_at > now && self.last_active_at.saturating_add(idle_ms) > now
    }

    /// Whether it is time to record that the session was used at `now`. Activity is
    /// written at most once a minute, not on every request.
    pub fn activity_is_stale(&self, now: i64) -> bool {
        now.saturating_sub(self.last_active_at) >= ACTIVITY_EVERY_MS
    }
}

/// How often a session's activity is written while it is in use.
const ACTIVITY_EVERY_MS: i64 = 60_000;

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
            "INSERT INTO agent_sessions (id_hash, agent_id, csrf_token, created_at, expires_at, last_active_at)
             VALUES ($1, $2, $3, $4, $5, $4)",
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
        // enough that this costs nothing and keeps the table small. Idle ones stay
        // until their lifetime ends; they are refused all the same.
        sqlx::query("DELETE FROM agent_sessions WHERE expires_at < $1")
            .bind(now)
            .execute(self.pool())
            .await
            .context("sweep sessions")?;
        Ok(())
    }

    /// The session with this id hash, whether or not it is still live (see
    /// `SessionRecord::is_live`); `None` when it was ended or its agent deactivated.
    pub async fn session(&self, id_hash: &str) -> anyhow::Result<Option<SessionRecord>> {
        sqlx::query_as(
            "SELECT s.agent_id, s.csrf_token, s.expires_at, s.last_active_at
             FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
             WHERE s.id_hash = $1 AND a.deactivated_at IS NULL",
        )
        .bind(id_hash)
        .fetch_optional(self.pool())
        .await
        .context("load session")
    }

    /// Records that the session was used at `now`.
    pub async fn touch_session(&self, id_hash: &str, now: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE agent_sessions SET last_active_at = $1 WHERE id_hash = $2 AND last_active_at < $1")
            .bind(now)
            .bind(id_hash)
            .execute(self.pool())
            .await
            .context("touch session")?;
        Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn session(expires_at: i64, last_active_at: i64) -> SessionRecord {
        SessionRecord { agent_id: 1, csrf_token: String::new(), expires_at, last_active_at }
    }

    #[test]
    fn a_session_ends_at_its_lifetime_or_when_idle() {
        let idle = 1_000;
        assert!(session(10_000, 5_000).is_live(5_500, idle));
        assert!(!session(10_000, 5_000).is_live(6_000, idle), "unused for the idle limit");
        assert!(!session(10_000, 9_900).is_live(10_000, idle), "past its lifetime, however active");
    }

    #[test]
    fn activity_is_written_at_most_once_a_minute() {
        assert!(!session(i64::MAX, 0).activity_is_stale(59_999));
        assert!(session(i64::MAX, 0).activity_is_stale(60_000));
    }
}
