//! Retention: deletes what nobody needs any more, on the server's clock: visitors who
//! came once, were not seen again for `retention.idle_visitor_days`, and left nothing
//! behind (no conversation, ticket or help-center activity), the rows an open
//! messenger API would otherwise accumulate forever; and files agents uploaded but
//! never sent, a day after the upload.

use std::time::Duration;

use crate::clock::Clock;
use crate::config::RetentionConfig;
use crate::shutdown::Shutdown;
use crate::store::Store;

/// Visitors deleted per statement, so one pass never holds a long write lock.
const BATCH: i64 = 500;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Deletes the idle visitors due now; returns how many went.
pub async fn purge_idle_visitors(store: &Store, clock: &Clock, config: &RetentionConfig) -> anyhow::Result<u64> {
    let unseen_before = clock.now().saturating_sub(config.idle_visitor_days.saturating_mul(DAY_MS));
    let mut purged = 0;
    loop {
        let deleted = store.purge_idle_visitors(unseen_before, BATCH).await?;
        purged += deleted;
        if deleted < BATCH.unsigned_abs() {
            return Ok(purged);
        }
    }
}

/// Deletes uploads no reply sent within a day; returns how many went.
pub async fn sweep_unsent_uploads(store: &Store, clock: &Clock) -> anyhow::Result<u64> {
    store.sweep_uploads(clock.now().saturating_sub(DAY_MS)).await
}

/// Purges every `every` until the server stops.
pub async fn run_until_stopped(
    store: Store,
    clock: Clock,
    config: RetentionConfig,
    every: Duration,
    mut shutdown: Shutdown,
) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = shutdown.recv() => return,
            _ = tick.tick() => match purge_idle_visitors(&store, &clock, &config).await {
                Ok(0) => {}
                Ok(purged) => tracing::info!(purged, "idle visitors deleted"),
                Err(error) => tracing::error!(error = format!("{error:#}"), "could not purge idle visitors"),
            },
        }
        match sweep_unsent_uploads(&store, &clock).await {
            Ok(0) => {}
            Ok(swept) => tracing::info!(swept, "unsent uploads deleted"),
            Err(error) => tracing::error!(error = format!("{error:#}"), "could not sweep unsent uploads"),
        }
    }
}
