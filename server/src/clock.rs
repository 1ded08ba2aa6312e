//! Wall-clock time as Unix milliseconds, behind a type tests can move forward.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// The server's clock. Production reads the system time; tests can advance it to
/// exercise expiry without waiting, or stop it at a chosen moment.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
    /// Where a stopped clock stands before its offset; None follows the system time.
    stopped_at_ms: Option<i64>,
}

impl Clock {
    /// A clock standing still at `at_ms` (Unix milliseconds) until it is advanced, so a
    /// test can do things at moments it chose and compute what they should add up to.
    pub fn stopped_at(at_ms: i64) -> Self {
        Self { offset_ms: Arc::default(), stopped_at_ms: Some(at_ms) }
    }

    /// Unix milliseconds now.
    pub fn now(&self) -> i64 {
        let base = self.stopped_at_ms.unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
                .unwrap_or(0)
        });
        base.saturating_add(self.offset_ms.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: std::time::Duration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stopped_clock_moves_only_when_advanced_and_its_clones_follow() {
        let clock = Clock::stopped_at(1_000);
        let clone = clock.clone();
        assert_eq!(clock.now(), 1_000);
        clock.advance(std::time::Duration::from_secs(2));
        assert_eq!((clock.now(), clone.now()), (3_000, 3_000));
    }
}
