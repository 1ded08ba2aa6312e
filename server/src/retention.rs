//! Retention: deletes what nobody needs any more, on the server's clock: visitors who
//! came once, were not seen again for `retention.idle_visitor_days`, and left nothing
//! behind (no conversation, ticket or help-center activity), the rows an open
//! messenger API would otherwise accumulate forever; files uploaded but never sent, a
//! day after the upload; and the objects of deleted files, when files live in object
//! storage (queued by the deletion, and, for objects whose row never committed, found
//! by listing the bucket a day later).

use std::time::Duration;

use crate::clock::Clock;
use crate::config::RetentionConfig;
use crate::shutdown::Shutdown;
use crate::store::Store;

/// Visitors deleted per statement, so one pass never holds a long write lock.
const BATCH: i64 = 500;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// How often the objects of deleted files are removed.
const BLOB_DELETION_EVERY: Duration = Duration::from_secs(60);

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

/// Deletes uploads no reply sent within a day, then the objects of every deleted file
/// and those no file names that are older than a day; returns how many uploads went.
pub async fn sweep_unsent_uploads(store: &Store, clock: &Clock) -> anyhow::Result<u64> {
    let day_ago = clock.now().saturating_sub(DAY_MS);
    let swept = store.sweep_uploads(day_ago).await?;
    store.delete_queued_blobs().await?;
    let orphans = store.sweep_orphan_blobs(day_ago).await?;
    if orphans > 0 {
        tracing::info!(orphans, "objects without a file deleted");
    }
    Ok(swept)
}

/// Deletes the objects of files deleted since the last pass (a no-op when files live
/// in the database, where their chunks go with them).
pub async fn delete_queued_blobs(store: &Store) -> anyhow::Result<u64> {
    store.delete_queued_blobs().await
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
    let mut blobs_tick = tokio::time::interval(BLOB_DELETION_EVERY);
    blobs_tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = shutdown.recv() => return,
            _ = blobs_tick.tick() => {
                match delete_queued_blobs(&store).await {
                    Ok(0) => {}
                    Ok(deleted) => tracing::info!(deleted, "objects of deleted files removed"),
                    Err(error) => tracing::error!(error = format!("{error:#}"), "could not delete objects of deleted files"),
                }
                continue;
            }
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
