//! Visitors: anonymous end users of a host app, known by the hash of their token.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;

/// A visitor as stored.
#[derive(Debug, Clone, FromRow)]
pub struct VisitorRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub page_url: Option<String>,
    pub user_agent: Option<String>,
    pub first_seen: i64,
    pub last_seen: i64,
    /// Who the host application says the visitor is, as JSON; `{}` when it said nothing.
    pub identity: String,
    /// The host user id the workspace's identity secret proved; the visitors of one
    /// user share their conversations and tickets through it.
    pub verified_user_id: Option<String>,
    /// The email the proof covered, if it did.
    pub verified_email: Option<String>,
    /// The name an identity token carried.
    pub verified_name: Option<String>,
    /// `user_hash` or `identity_token`; None while nothing is proved.
    pub verified_by: Option<String>,
    pub verified_at: Option<i64>,
    /// The shipped locale the visitor's messenger last reported (`de`), if any.
    pub locale: Option<String>,
    /// The IANA time zone the visitor's messenger last reported, if the server knows it.
    pub time_zone: Option<String>,
}

/// Where a visitor is: the host page, and the language and time zone of their
/// messenger, validated by the caller.
#[derive(Debug, Clone, Copy)]
pub struct VisitorPlace<'a> {
    pub page_url: &'a str,
    pub locale: Option<&'a str>,
    pub time_zone: Option<&'a str>,
}

impl VisitorRecord {
    /// Whether any part of the visitor's identity is proved.
    pub fn is_verified(&self) -> bool {
        self.verified_by.is_some()
    }
}

const VISITOR_COLUMNS: &str = "id, workspace_id, page_url, user_agent, first_seen, last_seen, identity, \
     verified_user_id, verified_email, verified_name, verified_by, verified_at, locale, time_zone";

impl Store {
    pub async fn create_visitor(
        &self,
        workspace_id: i64,
        token_hash: &str,
        user_agent: Option<&str>,
        now: i64,
    ) -> anyhow::Result<i64> {
        sqlx::query_scalar(
            "INSERT INTO visitors (workspace_id, token_hash, user_agent, first_seen, last_seen)
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(workspace_id)
        .bind(token_hash)
        .bind(user_agent)
        .bind(now)
        .fetch_one(self.pool())
        .await
        .context("create visitor")
    }

    pub async fn visitor_by_token_hash(&self, token_hash: &str) -> anyhow::Result<Option<VisitorRecord>> {
        sqlx::query_as(&format!("SELECT {VISITOR_COLUMNS} FROM visitors WHERE token_hash = $1"))
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await
            .context("load visitor by token")
    }

    pub async fn visitor(&self, id: i64) -> anyhow::Result<Option<VisitorRecord>> {
        sqlx::query_as(&format!("SELECT {VISITOR_COLUMNS} FROM visitors WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load visitor")
    }

    /// Records that the visitor is active now, and the browser they use.
    pub async fn touch_visitor(&self, id: i64, user_agent: Option<&str>, now: i64) -> anyhow::Result<()> {
        sqlx::query("UPDATE visitors SET last_seen = $1, user_agent = COALESCE($2, user_agent) WHERE id = $3")
            .bind(now)
            .bind(user_agent)
            .bind(id)
            .execute(self.pool())
            .await
            .context("touch visitor")?;
        Ok(())
    }

    /// Records the host page the visitor is on, and the language and time zone their
    /// messenger speaks where it said (`None` keeps what was known).
    pub async fn set_visitor_context(&self, id: i64, context: VisitorPlace<'_>, now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "UPDATE visitors SET page_url = $1, locale = COALESCE($2, locale), time_zone = COALESCE($3, time_zone),
             last_seen = $4 WHERE id = $5",
        )
        .bind(context.page_url)
        .bind(context.locale)
        .bind(context.time_zone)
        .bind(now)
        .bind(id)
        .execute(self.pool())
        .await
        .context("set visitor context")?;
        Ok(())
    }

    /// Records who the host application says the visitor is (JSON).
    pub async fn set_visitor_identity(&self, id: i64, identity: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE visitors SET identity = $1 WHERE id = $2")
            .bind(identity)
            .bind(id)
            .execute(self.pool())
            .await
            .context("set visitor identity")?;
        Ok(())
    }

    /// Deletes up to `batch` visitors unseen since `unseen_before` who left nothing
    /// anyone would miss: no conversation, no ticket, and no help-center activity (the
    /// article statistics count them). Returns how many went.
    pub async fn purge_idle_visitors(&self, unseen_before: i64, batch: i64) -> anyhow::Result<u64> {
        let deleted = sqlx::query(
            "DELETE FROM visitors WHERE id IN (
                 SELECT v.id FROM visitors v
                 WHERE v.last_seen < $1
                   AND NOT EXISTS (SELECT 1 FROM conversations c WHERE c.visitor_id = v.id)
                   AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.visitor_id = v.id)
                   AND NOT EXISTS (SELECT 1 FROM article_views av WHERE av.visitor_id = v.id)
                   AND NOT EXISTS (SELECT 1 FROM article_feedback af WHERE af.visitor_id = v.id)
                   AND NOT EXISTS (SELECT 1 FROM missed_searches ms WHERE ms.visitor_id = v.id)
                   AND NOT EXISTS (SELECT 1 FROM help_searches hs WHERE hs.visitor_id = v.id)
                 ORDER BY v.last_seen
                 LIMIT $2)",
        )
        .bind(unseen_before)
        .bind(batch)
        .execute(self.pool())
        .await
        .context("purge idle visitors")?;
        Ok(deleted.rows_affected())
    }
}
