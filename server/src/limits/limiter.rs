//! `Limiter`: a keyed token bucket on the server's clock; `Bucket`, one unkeyed bucket
//! for something that owns its limit (a WebSocket session); and `Gauge`, a keyed count
//! of things open at once (sockets, connections) with a guard that gives the slot back.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use governor::clock::Clock as _;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DashMapStateStore;
use governor::state::{InMemoryState, NotKeyed};

use super::Rate;
use crate::clock::Clock;
use crate::error::ApiError;

/// The server's movable clock as governor's time source, so tests that advance the
/// clock also refill the buckets.
#[derive(Debug, Clone)]
pub struct LimiterClock(Clock);

impl governor::clock::Clock for LimiterClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        let ms = u64::try_from(self.0.now()).unwrap_or(0);
        Nanos::from(ms.saturating_mul(1_000_000))
    }
}

type Keyed<K> = governor::RateLimiter<K, DashMapStateStore<K>, LimiterClock, NoOpMiddleware<Nanos>>;
type Direct = governor::RateLimiter<NotKeyed, InMemoryState, LimiterClock, NoOpMiddleware<Nanos>>;

/// A limit per key (an IP, a visitor, an account, an address). Over it, `check`
/// answers `ApiError::RateLimited` with how long to wait.
pub struct Limiter<K: Hash + Eq + Clone> {
    inner: Option<Keyed<K>>,
    clock: LimiterClock,
    /// What the refusal tells a person, for example "too many new visitors from your
    /// network; try again later".
    message: &'static str,
}

impl<K: Hash + Eq + Clone> std::fmt::Debug for Limiter<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limiter").field("on", &self.inner.is_some()).field("message", &self.message).finish()
    }
}

impl<K: Hash + Eq + Clone> Limiter<K> {
    pub fn new(rate: Rate, clock: &Clock, message: &'static str) -> Self {
        let clock = LimiterClock(clock.clone());
        let inner = rate.quota().map(|quota| governor::RateLimiter::dashmap_with_clock(quota, clock.clone()));
        Self { inner, clock, message }
    }

    /// Takes one token for `key`, or says how long until one is free.
    pub fn check(&self, key: &K) -> Result<(), ApiError> {
        self.wait_time(key)
            .map_or(Ok(()), |retry_after| Err(ApiError::RateLimited { message: self.message, retry_after }))
    }

    /// Takes one token for `key`; `Some(wait)` when there was none.
    pub fn wait_time(&self, key: &K) -> Option<Duration> {
        let limiter = self.inner.as_ref()?;
        match limiter.check_key(key) {
            Ok(()) => None,
            Err(not_until) => Some(not_until.wait_time_from(self.clock.now()).max(Duration::from_millis(1))),
        }
    }

    /// Forgets keys whose buckets are full again, so memory tracks recent activity
    /// only. Called periodically by `Limits::sweep`.
    pub fn retain_recent(&self) {
        if let Some(limiter) = &self.inner {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// Keys currently remembered (for tests and the sweep's log).
    pub fn len(&self) -> usize {
        self.inner.as_ref().map_or(0, governor::RateLimiter::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One token bucket, for a limit its owner holds alone (the frames of one WebSocket):
/// no map, no lock shared with anything else.
pub struct Bucket {
    inner: Option<Direct>,
    clock: LimiterClock,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bucket").field("on", &self.inner.is_some()).finish()
    }
}

impl Bucket {
    pub fn new(rate: Rate, clock: &Clock) -> Self {
        let clock = LimiterClock(clock.clone());
        let inner = rate.quota().map(|quota| governor::RateLimiter::direct_with_clock(quota, clock.clone()));
        Self { inner, clock }
    }

    /// Takes one token; `Some(wait)` when there was none (and nothing was taken).
    pub fn wait_time(&self) -> Option<Duration> {
        let limiter = self.inner.as_ref()?;
        match limiter.check() {
            Ok(()) => None,
            Err(not_until) => Some(not_until.wait_time_from(self.clock.now()).max(Duration::from_millis(1))),
        }
    }
}

/// How many of something each key has open at once, up to a maximum.
#[derive(Debug)]
pub struct Gauge<K: Hash + Eq + Clone + Send + 'static> {
    // A std mutex: the critical sections are a map lookup and never await.
    open: Arc<Mutex<HashMap<K, u32>>>,
    max: u32,
}

/// One open slot of a `Gauge`; dropping it gives the slot back.
#[derive(Debug)]
pub struct GaugeSlot<K: Hash + Eq + Clone + Send + 'static> {
    open: Arc<Mutex<HashMap<K, u32>>>,
    key: K,
}

impl<K: Hash + Eq + Clone + Send + 'static> Gauge<K> {
    /// At most `max` open at once per key; 0 means no limit.
    pub fn new(max: u32) -> Self {
        Self { open: Arc::default(), max }
    }

    /// A slot for `key`, or `None` when it already has `max` open.
    pub fn acquire(&self, key: K) -> Option<GaugeSlot<K>> {
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let count = open.entry(key.clone()).or_insert(0);
        if self.max != 0 && *count >= self.max {
            return None;
        }
        *count += 1;
        Some(GaugeSlot { open: Arc::clone(&self.open), key })
    }

    /// How many `key` has open.
    pub fn count(&self, key: &K) -> u32 {
        let open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        open.get(key).copied().unwrap_or(0)
    }
}

impl<K: Hash + Eq + Clone + Send + 'static> Drop for GaugeSlot<K> {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.key) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limiter_refuses_past_its_burst_and_recovers_on_the_clock() {
        let clock = Clock::default();
        let limiter = Limiter::new("3/minute".parse().expect("rate"), &clock, "slow down");
        for _ in 0..3 {
            limiter.check(&"a").expect("within the burst");
        }
        let Err(ApiError::RateLimited { retry_after, message }) = limiter.check(&"a") else {
            panic!("the fourth is refused");
        };
        assert_eq!(message, "slow down");
        assert!(retry_after <= Duration::from_secs(20) && retry_after > Duration::from_secs(19), "{retry_after:?}");
        limiter.check(&"b").expect("another key has its own bucket");

        clock.advance(Duration::from_secs(20));
        limiter.check(&"a").expect("one token back after a third of the minute");
        assert!(limiter.check(&"a").is_err());
    }

    #[test]
    fn an_off_limiter_allows_everything() {
        let limiter = Limiter::new(Rate::Off, &Clock::default(), "never");
        for _ in 0..1000 {
            limiter.check(&1).expect("off");
        }
    }

    #[test]
    fn a_bucket_refuses_past_its_burst_and_refills_on_the_clock() {
        let clock = Clock::default();
        let bucket = Bucket::new("2/second".parse().expect("rate"), &clock);
        assert_eq!(bucket.wait_time(), None);
        assert_eq!(bucket.wait_time(), None);
        let wait = bucket.wait_time().expect("the third is refused");
        assert!(wait <= Duration::from_millis(500), "{wait:?}");
        clock.advance(wait);
        assert_eq!(bucket.wait_time(), None, "refilled after the wait it named");
    }

    #[test]
    fn a_gauge_gives_slots_back_when_dropped() {
        let gauge = Gauge::new(2);
        let first = gauge.acquire("ip").expect("first");
        let _second = gauge.acquire("ip").expect("second");
        assert!(gauge.acquire("ip").is_none(), "the third is over the maximum");
        assert!(gauge.acquire("other").is_some(), "other keys are separate");
        drop(first);
        assert_eq!(gauge.count(&"ip"), 1);
        assert!(gauge.acquire("ip").is_some());
    }
}
