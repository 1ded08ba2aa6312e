//! Sends this node's notices: everything queued since the last send goes in one
//! statement, outside any transaction.

use std::sync::Arc;

use sqlx::PgPool;
use tokio::sync::mpsc;

use super::CHANNEL;
use super::notice::{self, Notice};
use crate::shutdown::Shutdown;

/// The most notices taken into one batch.
const BATCH: usize = 1_024;

pub(super) async fn run(
    pool: PgPool,
    node: Arc<str>,
    mut queued: mpsc::UnboundedReceiver<Notice>,
    mut shutdown: Shutdown,
) {
    let mut next = 0;
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        tokio::select! {
            biased;
            taken = queued.recv_many(&mut batch, BATCH) => {
                if taken == 0 {
                    return;
                }
                send(&pool, &node, &mut next, &batch).await;
                batch.clear();
            }
            () = shutdown.recv() => {
                // What is queued still goes, then the word that this node's agents are
                // gone.
                while let Ok(notice) = queued.try_recv() {
                    batch.push(notice);
                }
                batch.push(Notice::Snapshot { a: Vec::new() });
                send(&pool, &node, &mut next, &batch).await;
                pool.close().await;
                return;
            }
        }
    }
}

/// Sends one batch, trying twice. A batch that cannot be sent is not retried further:
/// its envelope numbers are skipped, so the other nodes see a gap and read everything
/// again from the database.
async fn send(pool: &PgPool, node: &str, next: &mut u64, batch: &[Notice]) {
    let payloads = notice::pack(node, next, batch);
    for attempt in 1..=2 {
        let sent = sqlx::query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
            .bind(CHANNEL)
            .bind(&payloads)
            .execute(pool)
            .await;
        match sent {
            Ok(_) => return,
            Err(error) => tracing::warn!(%error, attempt, "telling other nodes failed"),
        }
    }
}
