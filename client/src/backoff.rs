//! Exponential backoff with jitter for reconnecting and retrying: 500 ms, doubling, up
//! to 30 s.

use std::time::Duration;

/// The ceiling of the first wait.
const FIRST_MS: f64 = 500.0;
/// The ceiling never grows past this.
const LONGEST_MS: f64 = 30_000.0;

/// Counts failures in a row and turns them into waits.
#[derive(Debug, Clone, Default)]
pub struct Backoff {
    failures: u32,
}

impl Backoff {
    /// The wait before the next attempt, given `random` in `[0, 1)`. The wait lies
    /// between half and all of the current ceiling, so clients that lost the server at
    /// the same moment do not all come back at the same moment.
    pub fn next_delay(&mut self, random: f64) -> Duration {
        let ceiling = (FIRST_MS * 2f64.powi(self.failures.min(16) as i32)).min(LONGEST_MS);
        self.failures = self.failures.saturating_add(1);
        let jitter = if random.is_finite() { random.clamp(0.0, 1.0) } else { 0.5 };
        Duration::from_millis((ceiling * (0.5 + jitter / 2.0)) as u64)
    }

    /// Starts over after a success.
    pub fn reset(&mut self) {
        self.failures = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_wait_is_between_a_quarter_and_half_a_second() {
        assert_eq!(Backoff::default().next_delay(0.0), Duration::from_millis(250));
        assert_eq!(Backoff::default().next_delay(1.0), Duration::from_millis(500));
    }

    #[test]
    fn waits_double_then_stop_at_thirty_seconds() {
        let mut backoff = Backoff::default();
        let waits: Vec<u128> = (0..10).map(|_| backoff.next_delay(1.0).as_millis()).collect();
        assert_eq!(waits, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000]);
    }

    #[test]
    fn reset_starts_over() {
        let mut backoff = Backoff::default();
        for _ in 0..5 {
            backoff.next_delay(0.5);
        }
        backoff.reset();
        assert_eq!(backoff.next_delay(1.0), Duration::from_millis(500));
    }

    #[test]
    fn a_nonsense_random_number_still_gives_a_sane_wait() {
        let wait = Backoff::default().next_delay(f64::NAN);
        assert!(wait >= Duration::from_millis(250) && wait <= Duration::from_millis(500));
    }
}
