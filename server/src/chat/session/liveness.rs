//! Whether the peer is still there: the time of the last frame it sent (a pong counts),
//! so a socket whose peer stopped answering the server's pings can be closed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::extract::ws::Message as WsMessage;
use tokio::time::Instant;

/// What the peer sent, and when it last sent anything. Shared by the reader (which
/// records) and the watch (which waits), so it is atomics rather than a lock.
#[derive(Debug)]
pub(super) struct Heard {
    start: Instant,
    /// Milliseconds after `start` of the last frame of any kind.
    last_ms: AtomicU64,
    /// Text frames so far: the peer's own activity, as opposed to automatic pongs.
    texts: AtomicU64,
}

impl Heard {
    pub(super) fn new() -> Self {
        Self { start: Instant::now(), last_ms: AtomicU64::new(0), texts: AtomicU64::new(0) }
    }

    /// Notes a read from the socket.
    pub(super) fn record<E>(&self, read: &Result<WsMessage, E>) {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.fetch_max(elapsed, Ordering::Relaxed);
        if matches!(read, Ok(WsMessage::Text(_))) {
            self.texts.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Text frames received so far.
    pub(super) fn texts(&self) -> u64 {
        self.texts.load(Ordering::Relaxed)
    }

    /// Resolves once nothing has been received for `limit`.
    pub(super) async fn silent_for(&self, limit: Duration) {
        loop {
            let last = self.start + Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
            let deadline = last + limit;
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(deadline).await;
        }
    }
}
