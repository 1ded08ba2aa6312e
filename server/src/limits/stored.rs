//! Limits counted in the database, so they hold across server nodes, restarts and
//! `helpline mail ingest` processes: "Email us" tickets per workspace per day, and
//! token buckets such as inbound mail per sender.

use std::time::Duration;

use super::Rate;
use crate::error::ApiError;
use protocol::tickets::TicketSource;

use crate::store::Store;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The bucket scope of inbound mail per sender address.
pub const INBOUND_SENDER: &str = "inbound_sender";

/// Refuses one more "Email us" ticket once the workspace received its cap of them in
/// the last 24 hours: its own `tickets_per_day`, else `default_cap` (0 means no cap).
/// The cap counts stored tickets, so concurrent requests may pass it by the few that
/// are in flight at the same moment, never by more.
pub async fn check_workspace_tickets(
    store: &Store,
    workspace_id: i64,
    default_cap: u32,
    now: i64,
) -> Result<(), ApiError> {
    let cap = store.tickets_per_day(workspace_id).await?.unwrap_or(i64::from(default_cap));
    if cap <= 0 {
        return Ok(());
    }
    match store.nth_recent_ticket(workspace_id, TicketSource::WidgetForm, now - DAY_MS, cap).await? {
        None => Ok(()),
        // A place frees up when the cap-th newest ticket is a day old.
        Some(created_at) => Err(ApiError::RateLimited {
            message: "we are receiving an unusual number of requests; please try again later",
            retry_after: millis(created_at + DAY_MS - now),
        }),
    }
}

/// Takes a token of `rate` for `key` from the database bucket `scope`; `Some(wait)`
/// when none was free. An `off` rate takes nothing and never waits.
pub async fn take_token(
    store: &Store,
    scope: &str,
    key: &str,
    rate: Rate,
    now: i64,
) -> anyhow::Result<Option<Duration>> {
    let Rate::Limited { count, period } = rate else {
        return Ok(None);
    };
    let period_ms = i64::try_from(period.as_millis()).unwrap_or(i64::MAX);
    let interval_ms = (period_ms / i64::from(count.get())).max(1);
    let wait = store.take_bucket_token(scope, key, interval_ms, i64::from(count.get()), now).await?;
    Ok(wait.map(millis))
}

fn millis(ms: i64) -> Duration {
    Duration::from_millis(u64::try_from(ms).unwrap_or(0).max(1))
}
