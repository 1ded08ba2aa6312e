//! Support access grants: made, revoked and expired each with its audit entry in one
//! transaction, and read by user.

use anyhow::Context;
use protocol::access::{AccessLevel, Grant, GrantState};
use sqlx::FromRow;

use super::Store;
use super::audit::{NewAudit, append};
use super::webhooks::enqueue;

/// A grant as stored.
#[derive(Debug, Clone, FromRow)]
pub struct GrantRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub user_id: String,
    pub level: String,
    pub granted_by: i64,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
}

impl GrantRecord {
    pub fn level(&self) -> AccessLevel {
        self.level.parse().unwrap_or(AccessLevel::View)
    }

    /// Whether support may use it at `now`.
    pub fn is_active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }

    pub fn to_wire(&self, now: i64) -> Grant {
        let state = match self.revoked_at {
            Some(_) => GrantState::Revoked,
            None if now >= self.expires_at => GrantState::Expired,
            None => GrantState::Active,
        };
        Grant {
            id: self.id,
            user_id: self.user_id.clone(),
            level: self.level(),
            state,
            granted_at: self.created_at,
            expires_at: self.expires_at,
            revoked_at: self.revoked_at,
        }
    }
}

const GRANT_COLUMNS: &str = "id, workspace_id, user_id, level, granted_by, created_at, expires_at, revoked_at";

/// A grant to make.
#[derive(Debug, Clone, Copy)]
pub struct NewGrant<'a> {
    pub workspace_id: i64,
    pub user_id: &'a str,
    pub level: AccessLevel,
    pub granted_by: i64,
    pub expires_at: i64,
}

impl Store {
    /// Makes a grant, records it (`audit` gets the grant's id) and queues the webhook
    /// (`audit.action` is its event; `payload` writes its body), in one transaction.
    pub async fn create_grant(
        &self,
        grant: NewGrant<'_>,
        audit: NewAudit<'_>,
        payload: impl FnOnce(&GrantRecord) -> String,
        now: i64,
    ) -> anyhow::Result<GrantRecord> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let record: GrantRecord = sqlx::query_as(&format!(
            "INSERT INTO access_grants (workspace_id, user_id, level, granted_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {GRANT_COLUMNS}"
        ))
        .bind(grant.workspace_id)
        .bind(grant.user_id)
        .bind(grant.level.as_str())
        .bind(grant.granted_by)
        .bind(now)
        .bind(grant.expires_at)
        .fetch_one(&mut *tx)
        .await
        .context("create grant")?;
        append(&mut tx, &NewAudit { grant_id: Some(record.id), ..audit.clone() }, now).await?;
        enqueue(&mut tx, record.workspace_id, audit.action, &payload(&record), now).await?;
        tx.commit().await.context("commit grant")?;
        Ok(record)
    }

    pub async fn grant(&self, workspace_id: i64, id: i64) -> anyhow::Result<Option<GrantRecord>> {
        sqlx::query_as(&format!("SELECT {GRANT_COLUMNS} FROM access_grants WHERE id = $1 AND workspace_id = $2"))
            .bind(id)
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("load grant")
    }

    /// The user's grants still active at `now`, newest first.
    pub async fn active_grants(&self, workspace_id: i64, user_id: &str, now: i64) -> anyhow::Result<Vec<GrantRecord>> {
        sqlx::query_as(&format!(
            "SELECT {GRANT_COLUMNS} FROM access_grants
             WHERE workspace_id = $1 AND user_id = $2 AND expires_at > $3 AND revoked_at IS NULL
             ORDER BY id DESC"
        ))
        .bind(workspace_id)
        .bind(user_id)
        .bind(now)
        .fetch_all(self.pool())
        .await
        .context("list active grants")
    }

    /// Revokes an active grant, records it and queues the webhook, in one transaction.
    /// `None` when it was no longer active: nothing changed.
    pub async fn revoke_grant(
        &self,
        grant_id: i64,
        audit: NewAudit<'_>,
        payload: impl FnOnce(&GrantRecord) -> String,
        now: i64,
    ) -> anyhow::Result<Option<GrantRecord>> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let record: Option<GrantRecord> = sqlx::query_as(&format!(
            "UPDATE access_grants SET revoked_at = $1
             WHERE id = $2 AND revoked_at IS NULL AND expires_at > $3 RETURNING {GRANT_COLUMNS}"
        ))
        .bind(now)
        .bind(grant_id)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .context("revoke grant")?;
        if let Some(record) = &record {
            append(&mut tx, &audit, now).await?;
            enqueue(&mut tx, record.workspace_id, audit.action, &payload(record), now).await?;
            tx.commit().await.context("commit revoke")?;
        }
        Ok(record)
    }

    /// Grants that ran out by `now` and whose expiry is not recorded yet, oldest first.
    pub async fn grants_expired_unrecorded(&self, now: i64, limit: i64) -> anyhow::Result<Vec<GrantRecord>> {
        sqlx::query_as(&format!(
            "SELECT {GRANT_COLUMNS} FROM access_grants
             WHERE revoked_at IS NULL AND expiry_recorded = 0 AND expires_at <= $1
             ORDER BY expires_at, id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list expired grants")
    }

    /// Records a grant's expiry once, with its audit entry and webhook. False when
    /// another pass (or node) recorded it first.
    pub async fn record_expiry(
        &self,
        grant: &GrantRecord,
        audit: NewAudit<'_>,
        payload: &str,
        now: i64,
    ) -> anyhow::Result<bool> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let marked = sqlx::query("UPDATE access_grants SET expiry_recorded = 1 WHERE id = $1 AND expiry_recorded = 0")
            .bind(grant.id)
            .execute(&mut *tx)
            .await
            .context("mark expiry")?
            .rows_affected()
            == 1;
        if marked {
            append(&mut tx, &audit, now).await?;
            enqueue(&mut tx, grant.workspace_id, audit.action, payload, now).await?;
            tx.commit().await.context("commit expiry")?;
        }
        Ok(marked)
    }
}
