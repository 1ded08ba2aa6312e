//! Webhook deliveries: queued in the transaction of the event they tell (only for a
//! workspace with a webhook URL), claimed under a lease, and marked delivered, retried or
//! failed, like the mail outbox.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;

/// A delivery claimed for sending.
#[derive(Debug, Clone, FromRow)]
pub struct WebhookDelivery {
    pub id: i64,
    pub workspace_id: i64,
    pub event: String,
    pub payload: String,
    pub attempts: i64,
    pub locked_until: Option<i64>,
}

/// Where a workspace's webhooks go, and what signs them.
#[derive(Clone, FromRow)]
pub struct WebhookTarget {
    pub url: Option<String>,
    pub secret: Option<String>,
}

impl std::fmt::Debug for WebhookTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookTarget").field("url", &self.url).finish_non_exhaustive()
    }
}

const DUE: &str = "((status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND locked_until <= $1))";
const DELIVERY_COLUMNS: &str = "id, workspace_id, event, payload, attempts, locked_until";

/// Queues `payload` for the workspace's webhook, on the caller's connection, when the
/// workspace has a webhook URL; otherwise nothing.
pub(super) async fn enqueue(
    conn: &mut sqlx::AnyConnection,
    workspace_id: i64,
    event: &str,
    payload: &str,
    now: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO webhook_deliveries (workspace_id, event, payload, next_attempt_at, created_at)
         SELECT id, $1, $2, $3, $4 FROM workspaces WHERE id = $5 AND webhook_url IS NOT NULL",
    )
    .bind(event)
    .bind(payload)
    .bind(now)
    .bind(now)
    .bind(workspace_id)
    .execute(conn)
    .await
    .context("queue webhook")?;
    Ok(())
}

impl Store {
    pub async fn webhook_target(&self, workspace_id: i64) -> anyhow::Result<WebhookTarget> {
        sqlx::query_as("SELECT webhook_url AS url, webhook_secret AS secret FROM workspaces WHERE id = $1")
            .bind(workspace_id)
            .fetch_optional(self.pool())
            .await
            .context("load webhook target")?
            .context("no such workspace")
    }

    /// The workspace's signing secret, made with `make` the first time it is asked for.
    pub async fn webhook_secret(&self, workspace_id: i64, make: impl FnOnce() -> String) -> anyhow::Result<String> {
        sqlx::query("UPDATE workspaces SET webhook_secret = $1 WHERE id = $2 AND webhook_secret IS NULL")
            .bind(make())
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("make webhook secret")?;
        self.webhook_target(workspace_id).await?.secret.context("the webhook secret vanished")
    }

    pub async fn set_webhook_url(&self, workspace_id: i64, url: Option<&str>) -> anyhow::Result<()> {
        sqlx::query("UPDATE workspaces SET webhook_url = $1 WHERE id = $2")
            .bind(url)
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("set webhook url")?;
        Ok(())
    }

    pub async fn set_webhook_secret(&self, workspace_id: i64, secret: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE workspaces SET webhook_secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(workspace_id)
            .execute(self.pool())
            .await
            .context("set webhook secret")?;
        Ok(())
    }

    /// Claims up to `limit` due deliveries for `lease_ms`.
    pub async fn claim_due_webhooks(
        &self,
        now: i64,
        lease_ms: i64,
        limit: usize,
    ) -> anyhow::Result<Vec<WebhookDelivery>> {
        let mut claimed = Vec::new();
        for _ in 0..limit {
            let candidate: Option<i64> = sqlx::query_scalar(&format!(
                "SELECT id FROM webhook_deliveries WHERE {DUE} ORDER BY next_attempt_at, id LIMIT 1"
            ))
            .bind(now)
            .fetch_optional(self.pool())
            .await
            .context("find due webhook")?;
            let Some(id) = candidate else { break };
            let row: Option<WebhookDelivery> = sqlx::query_as(&format!(
                "UPDATE webhook_deliveries SET status = 'sending', attempts = attempts + 1, locked_until = $2
                 WHERE id = $3 AND {DUE} RETURNING {DELIVERY_COLUMNS}"
            ))
            .bind(now)
            .bind(now.saturating_add(lease_ms))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("claim webhook")?;
            claimed.extend(row);
        }
        Ok(claimed)
    }

    /// Ends a claimed delivery: delivered (`retry_at` and `error` none), queued again
    /// for `retry_at`, or failed for good (`retry_at` none, `error` given). False when the
    /// claim was lost to another worker.
    pub async fn finish_webhook(
        &self,
        claim: &WebhookDelivery,
        retry_at: Option<i64>,
        error: Option<&str>,
        now: i64,
    ) -> anyhow::Result<bool> {
        let (status, delivered_at) = match (retry_at, error) {
            (None, None) => ("delivered", Some(now)),
            (Some(_), _) => ("queued", None),
            (None, Some(_)) => ("failed", None),
        };
        let result = sqlx::query(
            "UPDATE webhook_deliveries
             SET status = $1, delivered_at = $2, next_attempt_at = COALESCE($3, next_attempt_at), last_error = $4,
                 locked_until = NULL
             WHERE id = $5 AND status = 'sending' AND locked_until = $6",
        )
        .bind(status)
        .bind(delivered_at)
        .bind(retry_at)
        .bind(error)
        .bind(claim.id)
        .bind(claim.locked_until)
        .execute(self.pool())
        .await
        .context("finish webhook")?;
        Ok(result.rows_affected() == 1)
    }
}
