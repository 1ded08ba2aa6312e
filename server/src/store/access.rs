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
    /// The agent's request it answers, which it closes in the same transaction.
    pub answers: Option<i64>,
}

/// An agent's request for access, as stored.
#[derive(Debug, Clone, FromRow)]
pub struct RequestRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub user_id: String,
    pub level: String,
    pub hours: i64,
    pub agent_name: String,
    pub conversation_id: Option<i64>,
    pub created_at: i64,
}

impl RequestRecord {
    pub fn level(&self) -> AccessLevel {
        self.level.parse().unwrap_or(AccessLevel::View)
    }

    pub fn to_wire(&self) -> protocol::access::AccessRequest {
        protocol::access::AccessRequest {
            id: self.id,
            level: self.level(),
            hours: u32::try_from(self.hours).unwrap_or(1),
            agent: self.agent_name.clone(),
            requested_at: self.created_at,
            conversation_id: self.conversation_id,
        }
    }
}

/// A request to make.
#[derive(Debug, Clone, Copy)]
pub struct NewRequest<'a> {
    pub workspace_id: i64,
    pub user_id: &'a str,
    pub level: AccessLevel,
    pub hours: u32,
    pub agent_id: i64,
    pub agent_name: &'a str,
    pub conversation_id: Option<i64>,
}

const REQUEST_COLUMNS: &str = "id, workspace_id, user_id, level, hours, agent_name, conversation_id, created_at";

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
        if let Some(request_id) = grant.answers {
            let closed = sqlx::query(
                "UPDATE access_requests SET answered_at = $1, answer = 'granted', grant_id = $2
                 WHERE id = $3 AND answered_at IS NULL",
            )
            .bind(now)
            .bind(record.id)
            .bind(request_id)
            .execute(&mut *tx)
            .await
            .context("close request")?
            .rows_affected();
            // Answered meanwhile: nothing is written.
            anyhow::ensure!(closed == 1, "the request was answered already");
        }
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

impl Store {
    /// Records an agent's request and its audit entry, in one transaction.
    pub async fn create_request(
        &self,
        request: NewRequest<'_>,
        audit: NewAudit<'_>,
        now: i64,
    ) -> anyhow::Result<RequestRecord> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let record: RequestRecord = sqlx::query_as(&format!(
            "INSERT INTO access_requests (workspace_id, user_id, level, hours, agent_id, agent_name, conversation_id, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {REQUEST_COLUMNS}"
        ))
        .bind(request.workspace_id)
        .bind(request.user_id)
        .bind(request.level.as_str())
        .bind(i64::from(request.hours))
        .bind(request.agent_id)
        .bind(request.agent_name)
        .bind(request.conversation_id)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .context("create request")?;
        append(&mut tx, &audit, now).await?;
        tx.commit().await.context("commit request")?;
        Ok(record)
    }

    /// The user's requests not answered and made after `since`, newest first.
    pub async fn open_requests(
        &self,
        workspace_id: i64,
        user_id: &str,
        since: i64,
    ) -> anyhow::Result<Vec<RequestRecord>> {
        sqlx::query_as(&format!(
            "SELECT {REQUEST_COLUMNS} FROM access_requests
             WHERE workspace_id = $1 AND user_id = $2 AND answered_at IS NULL AND created_at > $3
             ORDER BY id DESC"
        ))
        .bind(workspace_id)
        .bind(user_id)
        .bind(since)
        .fetch_all(self.pool())
        .await
        .context("list open requests")
    }

    /// Declines an open request with its audit entry. False when it was answered already.
    pub async fn decline_request(&self, request_id: i64, audit: NewAudit<'_>, now: i64) -> anyhow::Result<bool> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let closed = sqlx::query(
            "UPDATE access_requests SET answered_at = $1, answer = 'declined' WHERE id = $2 AND answered_at IS NULL",
        )
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await
        .context("decline request")?
        .rows_affected()
            == 1;
        if closed {
            append(&mut tx, &audit, now).await?;
            tx.commit().await.context("commit decline")?;
        }
        Ok(closed)
    }
}
