//! `Backoff`: failures per key with growing delays. A key may fail a few times freely;
//! after that each failure doubles the wait before its next attempt, up to a cap, and
//! failures are forgotten one by one at the configured rate. Sign-in throttling counts
//! on it, per client IP, per account and per known browser.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Duration;

use super::Rate;
use crate::clock::Clock;

/// The first wait once a key has used its free failures; each further failure doubles it.
const FIRST_DELAY: Duration = Duration::from_secs(1);

/// Failures per key, with growing delays once a key is over its allowance.
///
/// An attempt is *charged* before it is decided, so concurrent attempts cannot slip
/// past the allowance together; a success or an attempt that was never decided (the
/// server was busy) gives its charge back.
pub struct Backoff<K: Hash + Eq + Clone> {
    // A std mutex: every critical section is a map lookup and some arithmetic, and
    // never awaits.
    entries: Mutex<HashMap<K, Entry>>,
    /// Failures allowed before delays start; `None` when the limit is off.
    free: Option<u32>,
    /// One failure is forgotten every `forget_every` (the rate's period over its count).
    forget_every_ms: i64,
    max_delay: Duration,
    clock: Clock,
}

/// What one key has done recently.
#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    /// When the latest charged attempt was made: delays count from it.
    last_failure_ms: i64,
    /// Forgetting counts from here, one failure per `forget_every_ms`.
    forget_from_ms: i64,
}

/// A charged attempt, so it can be given back exactly.
#[derive(Debug, Clone, Copy)]
pub struct Charge {
    previous_last_failure_ms: i64,
}

impl<K: Hash + Eq + Clone> std::fmt::Debug for Backoff<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Backoff").field("free", &self.free).field("max_delay", &self.max_delay).finish()
    }
}

impl<K: Hash + Eq + Clone> Backoff<K> {
    /// `rate` is how many failures a key may make per period before delays start, and
    /// how fast they are forgotten ("10/hour": ten at once, then one forgotten every
    /// six minutes). Delays double from one second up to `max_delay`.
    pub fn new(rate: Rate, max_delay: Duration, clock: &Clock) -> Self {
        let (free, forget_every_ms) = match rate {
            Rate::Off => (None, i64::MAX),
            Rate::Limited { count, period } => {
                let every = (period / count.get()).max(Duration::from_millis(1));
                (Some(count.get()), i64::try_from(every.as_millis()).unwrap_or(i64::MAX))
            }
        };
        Self { entries: Mutex::default(), free, forget_every_ms, max_delay, clock: clock.clone() }
    }

    /// How long `key` must wait before its next attempt; `None` when it may try now.
    pub fn wait_time(&self, key: &K) -> Option<Duration> {
        let now = self.clock.now();
        let mut entries = self.lock();
        let entry = entries.get_mut(key)?;
        self.settle(entry, now);
        self.wait_of(entry, now)
    }

    /// Charges one attempt to `key`, or says how long it must wait first.
    pub fn try_charge(&self, key: &K) -> Result<Charge, Duration> {
        let Some(_) = self.free else {
            return Ok(Charge { previous_last_failure_ms: 0 });
        };
        let now = self.clock.now();
        let mut entries = self.lock();
        let entry =
            entries.entry(key.clone()).or_insert(Entry { failures: 0, last_failure_ms: now, forget_from_ms: now });
        self.settle(entry, now);
        if let Some(wait) = self.wait_of(entry, now) {
            return Err(wait);
        }
        let charge = Charge { previous_last_failure_ms: entry.last_failure_ms };
        if entry.failures == 0 {
            entry.forget_from_ms = now;
        }
        entry.failures = entry.failures.saturating_add(1);
        entry.last_failure_ms = now;
        Ok(charge)
    }

    /// Gives a charged attempt back: it succeeded, or it was never decided.
    pub fn refund(&self, key: &K, charge: Charge) {
        let mut entries = self.lock();
        if let Some(entry) = entries.get_mut(key) {
            entry.failures = entry.failures.saturating_sub(1);
            entry.last_failure_ms = charge.previous_last_failure_ms;
            if entry.failures == 0 {
                entries.remove(key);
            }
        }
    }

    /// Failures `key` has on record now.
    pub fn failures(&self, key: &K) -> u32 {
        let now = self.clock.now();
        let mut entries = self.lock();
        entries.get_mut(key).map_or(0, |entry| {
            self.settle(entry, now);
            entry.failures
        })
    }

    /// Whether `key` is still within its free failures (it can fail once more without
    /// a delay).
    pub fn in_good_standing(&self, key: &K) -> bool {
        self.free.is_none_or(|free| self.failures(key) < free)
    }

    /// Forgets keys whose failures have all been forgotten, so memory tracks recent
    /// activity only.
    pub fn retain_recent(&self) {
        let now = self.clock.now();
        let mut entries = self.lock();
        entries.retain(|_, entry| {
            self.settle(entry, now);
            entry.failures > 0
        });
        entries.shrink_to_fit();
    }

    /// Keys currently remembered.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, Entry>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Forgets the failures whose time has passed.
    fn settle(&self, entry: &mut Entry, now: i64) {
        if entry.failures == 0 {
            return;
        }
        let forgotten = now.saturating_sub(entry.forget_from_ms) / self.forget_every_ms;
        if forgotten > 0 {
            let forgotten32 = u32::try_from(forgotten).unwrap_or(u32::MAX);
            entry.failures = entry.failures.saturating_sub(forgotten32);
            entry.forget_from_ms = entry.forget_from_ms.saturating_add(forgotten.saturating_mul(self.forget_every_ms));
        }
    }

    /// The wait before the next attempt: none within the free failures; after them,
    /// one second after the last failure, doubling with each failure beyond, capped.
    fn wait_of(&self, entry: &Entry, now: i64) -> Option<Duration> {
        let free = self.free?;
        let beyond = entry.failures.checked_sub(free)?;
        let delay = FIRST_DELAY.saturating_mul(1u32 << beyond.min(20)).min(self.max_delay);
        let since = Duration::from_millis(u64::try_from(now.saturating_sub(entry.last_failure_ms)).unwrap_or(0));
        delay.checked_sub(since).filter(|wait| !wait.is_zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn backoff(rate: &str, clock: &Clock) -> Backoff<&'static str> {
        Backoff::new(rate.parse().expect("rate"), Duration::from_secs(60), clock)
    }

    #[test]
    fn free_failures_then_delays_that_double_up_to_the_cap() {
        let clock = Clock::default();
        let backoff = backoff("3/hour", &clock);
        for _ in 0..3 {
            backoff.try_charge(&"ip").expect("free");
        }
        let mut waits = Vec::new();
        for _ in 0..8 {
            let wait = backoff.try_charge(&"ip").expect_err("must wait");
            waits.push(wait.as_secs_f64().ceil() as u64);
            clock.advance(wait);
            backoff.try_charge(&"ip").expect("after the wait");
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60]);
        assert!(backoff.try_charge(&"other").is_ok(), "keys are separate");
    }

    #[test]
    fn failures_are_forgotten_at_the_rate_and_refunds_give_charges_back() {
        let clock = Clock::default();
        let backoff = backoff("3/hour", &clock);
        let charges: Vec<Charge> = (0..3).map(|_| backoff.try_charge(&"ip").expect("free")).collect();
        assert!(!backoff.in_good_standing(&"ip"));
        assert!(backoff.wait_time(&"ip").is_some());
        backoff.refund(&"ip", charges[2]);
        assert!(backoff.in_good_standing(&"ip"), "a refunded attempt is not a failure");
        backoff.try_charge(&"ip").expect("the refunded slot");

        clock.advance(Duration::from_secs(20 * 60));
        assert_eq!(backoff.failures(&"ip"), 2, "one failure forgotten every 20 minutes");
        assert!(backoff.wait_time(&"ip").is_none());
        clock.advance(Duration::from_secs(40 * 60));
        assert_eq!(backoff.failures(&"ip"), 0);
        backoff.retain_recent();
        assert!(backoff.is_empty(), "forgotten keys leave memory");
    }

    #[test]
    fn an_off_backoff_never_waits() {
        let backoff: Backoff<u8> = Backoff::new(Rate::Off, Duration::from_secs(60), &Clock::default());
        for _ in 0..100 {
            backoff.try_charge(&1).expect("off");
        }
        assert!(backoff.in_good_standing(&1) && backoff.is_empty());
    }
}
