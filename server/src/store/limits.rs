//! Counts behind the abuse limits that must hold across server nodes and processes:
//! token buckets kept in the database (inbound mail per sender) and a workspace's
//! recent tickets (the daily "Email us" cap).

use anyhow::Context;

use protocol::tickets::TicketSource;

use super::Store;

impl Store {
    /// Takes one token from the bucket `scope`/`key`, a GCRA bucket of `burst` tokens
    /// that regains one every `interval_ms`. `None` when a token was taken; otherwise
    /// how many milliseconds until one is free (and nothing was taken).
    ///
    /// The conditional `UPDATE` decides under the row's lock, so concurrent callers on
    /// any node never both take the last token.
    pub async fn take_bucket_token(
        &self,
        scope: &str,
        key: &str,
        interval_ms: i64,
        burst: i64,
        now: i64,
    ) -> anyhow::Result<Option<i64>> {
        let tolerance = interval_ms.saturating_mul(burst);
        // Full buckets are the same as no row: forget them so the table tracks only
        // recent senders. Only rows full for a whole tolerance go, so a row another
        // caller has just opened (its `tat` a moment behind this caller's `now`) stays
        // for that caller's update.
        sqlx::query("DELETE FROM rate_buckets WHERE tat < $1")
            .bind(now.saturating_sub(tolerance))
            .execute(self.pool())
            .await
            .context("forget full buckets")?;
        sqlx::query("INSERT INTO rate_buckets (scope, bucket_key, tat) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
            .bind(scope)
            .bind(key)
            .bind(now)
            .execute(self.pool())
            .await
            .context("open bucket")?;
        let taken: Option<(i64,)> = sqlx::query_as(
            "UPDATE rate_buckets SET tat = (CASE WHEN tat > $3 THEN tat ELSE $3 END) + $4
             WHERE scope = $1 AND bucket_key = $2 AND (CASE WHEN tat > $3 THEN tat ELSE $3 END) + $4 - $3 <= $5
             RETURNING tat",
        )
        .bind(scope)
        .bind(key)
        .bind(now)
        .bind(interval_ms)
        .bind(tolerance)
        .fetch_optional(self.pool())
        .await
        .context("take bucket token")?;
        if taken.is_some() {
            return Ok(None);
        }
        let tat: Option<(i64,)> = sqlx::query_as("SELECT tat FROM rate_buckets WHERE scope = $1 AND bucket_key = $2")
            .bind(scope)
            .bind(key)
            .fetch_optional(self.pool())
            .await
            .context("read bucket")?;
        // The row can only be gone if it was full (another node's clock ran far ahead):
        // a full bucket has a token to give, so none was owed here; refusing would be
        // wrong, so the caller is let through.
        let Some((tat,)) = tat else {
            return Ok(None);
        };
        // The next token is free once `tat + interval - now` fits the tolerance again.
        Ok(Some((tat.max(now) + interval_ms - now - tolerance).max(1)))
    }

    /// When the workspace's `nth` newest ticket from `source` since `since` was
    /// created (`nth` counts from 1); `None` when it has fewer than `nth` such tickets.
    /// A daily cap of N is reached when the Nth newest of the last day exists, and frees
    /// a place a day after that ticket.
    pub async fn nth_recent_ticket(
        &self,
        workspace_id: i64,
        source: TicketSource,
        since: i64,
        nth: i64,
    ) -> anyhow::Result<Option<i64>> {
        let row: Option<(i64,)> = sqlx::query_as(
            "SELECT created_at FROM tickets WHERE workspace_id = $1 AND source = $2 AND created_at > $3
             ORDER BY created_at DESC LIMIT 1 OFFSET $4",
        )
        .bind(workspace_id)
        .bind(source.as_str())
        .bind(since)
        .bind(nth.saturating_sub(1).max(0))
        .fetch_optional(self.pool())
        .await
        .context("count recent tickets")?;
        Ok(row.map(|(created_at,)| created_at))
    }

    /// The workspace's own daily cap on "Email us" tickets, if it set one.
    pub async fn tickets_per_day(&self, workspace_id: i64) -> anyhow::Result<Option<i64>> {
        let row: Option<(Option<i64>,)> = sqlx::query_as("SELECT tickets_per_day FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("load the daily ticket cap")?;
        Ok(row.and_then(|(cap,)| cap))
    }
}
