//! Verified identity: each workspace's identity secret and whether it requires a
//! verified identity, and what a visitor's identity proved.

use anyhow::Context;
use sqlx::FromRow;

use super::{Backend, Store};

/// A workspace's identity settings as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct IdentitySettingsRecord {
    /// The key `user_hash` and `identity_token` are checked with.
    pub secret: String,
    /// Whether identities without a valid proof are refused.
    pub require_verified: bool,
}

impl std::fmt::Debug for IdentitySettingsRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IdentitySettingsRecord")
            .field("require_verified", &self.require_verified)
            .finish_non_exhaustive()
    }
}

/// What a proof established about a visitor, to be stored on them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewVerification<'a> {
    pub user_id: Option<&'a str>,
    pub email: Option<&'a str>,
    pub name: Option<&'a str>,
    /// `user_hash` or `identity_token`.
    pub method: &'a str,
}

#[derive(FromRow)]
struct SettingsRow {
    identity_secret: Option<String>,
    require_verified_identity: i64,
}

impl Store {
    /// A workspace's identity settings, generating its secret with `make` the first time
    /// it is asked for (concurrent first calls agree on one). None when the workspace
    /// does not exist.
    pub async fn identity_settings(
        &self,
        workspace_id: i64,
        make: impl FnOnce() -> String,
    ) -> anyhow::Result<Option<IdentitySettingsRecord>> {
        let Some(row) = self.identity_row(workspace_id).await? else { return Ok(None) };
        let row = match row.identity_secret {
            Some(_) => row,
            None => {
                // Only the first call writes; a concurrent first call's secret wins or
                // loses as a whole, and both read the one that was kept.
                sqlx::query("UPDATE workspaces SET identity_secret = $1 WHERE id = $2 AND identity_secret IS NULL")
                    .bind(make())
                    .bind(workspace_id)
                    .execute(self.pool())
                    .await
                    .context("generate identity secret")?;
                self.identity_row(workspace_id).await?.context("workspace vanished")?
            }
        };
        let secret = row.identity_secret.context("identity secret missing right after it was set")?;
        Ok(Some(IdentitySettingsRecord { secret, require_verified: row.require_verified_identity != 0 }))
    }

    async fn identity_row(&self, workspace_id: i64) -> anyhow::Result<Option<SettingsRow>> {
        sqlx::query_as("SELECT identity_secret, require_verified_identity FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("load identity settings")
    }

    /// Replaces a workspace's identity secret. Proofs made with the old one stop
    /// verifying at once; visitors already verified stay verified.
    pub async fn set_identity_secret(&self, workspace_id: i64, secret: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE workspaces SET identity_secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("rotate identity secret")?;
        Ok(())
    }

    /// Turns the requirement of a verified identity on or off.
    pub async fn set_require_verified_identity(&self, workspace_id: i64, required: bool) -> anyhow::Result<()> {
        sqlx::query("UPDATE workspaces SET require_verified_identity = $1 WHERE id = $2")
            .bind(i64::from(required))
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("set identity requirement")?;
        Ok(())
    }

    /// Records what a proof established about a visitor, with the identity (claims
    /// included, as JSON) that came with it.
    pub async fn set_visitor_verified(
        &self,
        visitor_id: i64,
        identity: &str,
        verified: &NewVerification<'_>,
        now: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE visitors SET identity = $1, verified_user_id = $2, verified_email = $3, verified_name = $4,
                 verified_by = $5, verified_at = $6
             WHERE id = $7",
        )
        .bind(identity)
        .bind(verified.user_id)
        .bind(verified.email)
        .bind(verified.name)
        .bind(verified.method)
        .bind(now)
        .bind(visitor_id)
        .execute(self.pool())
        .await
        .context("set visitor verified")?;
        Ok(())
    }

    /// Whether two visitors are the same verified user of one workspace (the same
    /// visitor counts too). Only a proved user id links visitors; claims never do.
    pub async fn same_verified_user(&self, visitor_id: i64, other_visitor_id: i64) -> anyhow::Result<bool> {
        if visitor_id == other_visitor_id {
            return Ok(true);
        }
        let linked: Option<i64> = sqlx::query_scalar(
            "SELECT o.id FROM visitors me JOIN visitors o
                 ON o.workspace_id = me.workspace_id AND o.verified_user_id = me.verified_user_id
             WHERE me.id = $1 AND o.id = $2 AND me.verified_user_id IS NOT NULL",
        )
        .bind(visitor_id)
        .bind(other_visitor_id)
        .fetch_optional(self.pool())
        .await
        .context("compare verified users")?;
        Ok(linked.is_some())
    }
}

/// `column` is one of the visitors `$1` speaks for (see [`SAME_USER_VISITORS`]).
///
/// PostgreSQL gets the ids first, as an array, so the lookup is an index scan on
/// `column` whatever the statistics say. Planned as a semi-join, a generic plan made
/// while the tables were small scanned every open conversation instead, and chats
/// started ever slower as conversations grew.
pub(super) fn of_same_user(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Sqlite => format!("{column} IN ({SAME_USER_VISITORS})"),
        Backend::Postgres => format!("{column} = ANY (ARRAY({SAME_USER_VISITORS}))"),
    }
}

/// The visitors a visitor speaks for: itself, and every visitor of the workspace
/// verified as the same user. `$1` is the visitor's id; use through [`of_same_user`].
pub(super) const SAME_USER_VISITORS: &str = "SELECT o.id FROM visitors me JOIN visitors o
         ON o.id = me.id
         OR (o.workspace_id = me.workspace_id AND o.verified_user_id = me.verified_user_id)
     WHERE me.id = $1";
