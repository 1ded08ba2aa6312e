//! The workspace's audit log: appended to, in the transaction of what it records where
//! there is one, and read; never changed (the database refuses UPDATE and DELETE on it,
//! migration 0020).

use anyhow::Context;
use protocol::access::{ActorKind, AuditEntry, AuditQuery};
use sqlx::FromRow;

use super::Store;
use super::sql::{Sql, escape_like};

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewAudit<'a> {
    pub workspace_id: i64,
    pub actor_kind: ActorKind,
    pub actor: &'a str,
    pub action: &'a str,
    pub user_id: Option<&'a str>,
    pub grant_id: Option<i64>,
    pub summary: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

#[derive(FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor_kind: String,
    actor: String,
    action: String,
    user_id: Option<String>,
    grant_id: Option<i64>,
    summary: String,
    before: Option<String>,
    after: Option<String>,
}

impl TryFrom<AuditRow> for AuditEntry {
    type Error = anyhow::Error;

    fn try_from(row: AuditRow) -> anyhow::Result<Self> {
        Ok(AuditEntry {
            id: row.id,
            at: row.at,
            actor_kind: row.actor_kind.parse()?,
            actor: row.actor,
            action: row.action,
            user_id: row.user_id,
            grant_id: row.grant_id,
            summary: row.summary,
            before: row.before,
            after: row.after,
        })
    }
}

const AUDIT_COLUMNS: &str = "id, at, actor_kind, actor, action, user_id, grant_id, summary, before, after";

/// Appends an entry in the caller's transaction.
pub(super) async fn append(conn: &mut sqlx::AnyConnection, entry: &NewAudit<'_>, now: i64) -> anyhow::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO audit_log (workspace_id, at, actor_kind, actor, action, user_id, grant_id, summary, before, after)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(entry.workspace_id)
    .bind(now)
    .bind(entry.actor_kind.as_str())
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.user_id)
    .bind(entry.grant_id)
    .bind(entry.summary)
    .bind(entry.before)
    .bind(entry.after)
    .fetch_one(conn)
    .await
    .context("append to the audit log")
}

impl Store {
    /// Appends an entry on its own.
    pub async fn audit(&self, entry: &NewAudit<'_>, now: i64) -> anyhow::Result<i64> {
        let mut conn = self.pool().acquire().await.context("connect")?;
        append(&mut conn, entry, now).await
    }

    /// How many actions the host recorded under a grant.
    pub async fn actions_under(&self, grant_id: i64) -> anyhow::Result<i64> {
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE grant_id = $1 AND action = 'access.action'")
            .bind(grant_id)
            .fetch_one(self.pool())
            .await
            .context("count actions under a grant")
    }

    /// The workspace's entries that pass `query`, newest first, at most `limit`.
    pub async fn audit_entries(
        &self,
        workspace_id: i64,
        query: &AuditQuery,
        limit: i64,
    ) -> anyhow::Result<Vec<AuditEntry>> {
        let mut sql = Sql::new(format!("SELECT {AUDIT_COLUMNS} FROM audit_log WHERE workspace_id = "));
        sql.bind(workspace_id);
        if let Some(action) = query.action.as_deref() {
            if action.ends_with('.') {
                sql.push(" AND action LIKE ").bind(format!("{}%", escape_like(action))).push(r" ESCAPE '\'");
            } else {
                sql.push(" AND action = ").bind(action);
            }
        }
        if let Some(user_id) = query.user_id.as_deref() {
            sql.push(" AND user_id = ").bind(user_id);
        }
        if let Some(from) = query.from {
            sql.push(" AND at >= ").bind(from);
        }
        if let Some(to) = query.to {
            sql.push(" AND at < ").bind(to);
        }
        if let Some(before) = query.before {
            sql.push(" AND id < ").bind(before);
        }
        sql.push(" ORDER BY id DESC LIMIT ").bind(limit);
        let mut conn = self.pool().acquire().await.context("connect")?;
        let rows: Vec<AuditRow> = sql.fetch_all(&mut conn).await.context("read the audit log")?;
        rows.into_iter().map(AuditEntry::try_from).collect()
    }
}
