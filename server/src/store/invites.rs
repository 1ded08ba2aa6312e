//! Invitations to join a workspace as an agent: created by an admin, mailed as a
//! one-time link, and accepted by setting a password, which creates the agent in the
//! same transaction that spends the invitation.

use anyhow::Context;
use protocol::api::Role;
use sqlx::FromRow;

use super::agents::role_to_db;
use super::{NewOutgoing, Store, enqueue_mail, is_unique_violation};

/// An invitation as stored; the token itself is never kept.
#[derive(Debug, Clone, FromRow)]
pub struct InviteRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub email: String,
    pub name: String,
    pub role: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
}

/// What creating an invitation needs.
#[derive(Debug)]
pub struct NewInvite<'a> {
    pub workspace_id: i64,
    /// Lower-cased by the caller.
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: i64,
    pub expires_at: i64,
}

/// Why an invitation could not be accepted.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// No such token, already used, or expired.
    #[error("this invitation is not valid any more")]
    Spent,
    /// An agent with the invited address exists already.
    #[error("an agent with this email exists already")]
    Taken,
    #[error(transparent)]
    Database(#[from] anyhow::Error),
}

const INVITE_COLUMNS: &str = "id, workspace_id, email, name, role, created_at, expires_at, accepted_at";

impl Store {
    /// Stores an invitation and queues its mail, in one transaction.
    pub async fn create_invite(&self, invite: &NewInvite<'_>, mail: &NewOutgoing, now: i64) -> anyhow::Result<i64> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO agent_invites (workspace_id, email, name, role, token_hash, invited_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(invite.workspace_id)
        .bind(invite.email)
        .bind(invite.name)
        .bind(role_to_db(invite.role))
        .bind(invite.token_hash)
        .bind(invite.invited_by)
        .bind(now)
        .bind(invite.expires_at)
        .fetch_one(&mut *tx)
        .await
        .context("store invitation")?;
        enqueue_mail(&mut tx, mail, now).await?;
        tx.commit().await.context("commit invitation")?;
        Ok(id)
    }

    /// The workspace's invitations not yet accepted, newest first.
    pub async fn pending_invites(&self, workspace_id: i64, now: i64) -> anyhow::Result<Vec<InviteRecord>> {
        sqlx::query_as(&format!(
            "SELECT {INVITE_COLUMNS} FROM agent_invites
             WHERE workspace_id = $1 AND accepted_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id DESC"
        ))
        .bind(workspace_id)
        .bind(now)
        .fetch_all(self.pool())
        .await
        .context("list invitations")
    }

    /// The invitation a token opens, while it can still be accepted.
    pub async fn open_invite(&self, token_hash: &str, now: i64) -> anyhow::Result<Option<InviteRecord>> {
        sqlx::query_as(&format!(
            "SELECT {INVITE_COLUMNS} FROM agent_invites
             WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2"
        ))
        .bind(token_hash)
        .bind(now)
        .fetch_optional(self.pool())
        .await
        .context("load invitation")
    }

    /// Spends the invitation and creates its agent with `password_hash`, in one
    /// transaction: a token works once, however many times it is sent at once.
    pub async fn accept_invite(&self, token_hash: &str, password_hash: &str, now: i64) -> Result<i64, AcceptError> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let invite: Option<InviteRecord> = sqlx::query_as(&format!(
            "UPDATE agent_invites SET accepted_at = $1
             WHERE token_hash = $2 AND accepted_at IS NULL AND expires_at > $3 RETURNING {INVITE_COLUMNS}"
        ))
        .bind(now)
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await
        .context("spend invitation")?;
        let invite = invite.ok_or(AcceptError::Spent)?;
        let created = sqlx::query_scalar(
            "INSERT INTO agents (workspace_id, email, name, role, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(invite.workspace_id)
        .bind(&invite.email)
        .bind(&invite.name)
        .bind(&invite.role)
        .bind(password_hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await;
        let agent_id: i64 = match created {
            Ok(id) => id,
            Err(error) if is_unique_violation(&error) => return Err(AcceptError::Taken),
            Err(error) => return Err(anyhow::Error::new(error).context("create invited agent").into()),
        };
        sqlx::query("INSERT INTO agent_teams (agent_id, team) VALUES ($1, 'first_line')")
            .bind(agent_id)
            .execute(&mut *tx)
            .await
            .context("add to first line")?;
        tx.commit().await.context("commit acceptance")?;
        Ok(agent_id)
    }

    /// Sets an agent's role.
    pub async fn set_agent_role(&self, agent_id: i64, role: Role) -> anyhow::Result<()> {
        sqlx::query("UPDATE agents SET role = $1 WHERE id = $2")
            .bind(role_to_db(role))
            .bind(agent_id)
            .execute(self.pool())
            .await
            .context("set role")?;
        Ok(())
    }

    /// Active admins of a workspace.
    pub async fn active_admins(&self, workspace_id: i64) -> anyhow::Result<i64> {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM agents WHERE workspace_id = $1 AND role = 'admin' AND deactivated_at IS NULL",
        )
        .bind(workspace_id)
        .fetch_one(self.pool())
        .await
        .context("count admins")
    }
}
