//! Argon2id password hashing, off the async threads, and `PasswordChecks`: the bound on
//! how many sign-ins check a password at once. Each check holds about 19 MiB for tens
//! of milliseconds; unbounded, a flood of wrong passwords takes gigabytes and every
//! core. Beyond the bound a sign-in waits briefly, then gets `503` with `Retry-After`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::Context;
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// Shortest password an operator may set.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// What a busy server asks a sign-in to wait before trying again.
const BUSY_RETRY_AFTER: Duration = Duration::from_secs(1);

/// Hashes a password with Argon2id and a random salt (PHC string format). For the
/// operator commands; sign-ins check passwords through `PasswordChecks`.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || hash_now(&password)).await.context("join hashing task")?
}

/// At most a few password checks at once, each on a blocking thread.
#[derive(Debug, Clone)]
pub struct PasswordChecks {
    permits: Arc<Semaphore>,
    at_once: usize,
    wait: Duration,
    running: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

impl PasswordChecks {
    /// `at_once` checks at a time (0: one per core); a check waits up to `wait` for
    /// its turn.
    pub fn new(at_once: u32, wait: Duration) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let at_once = match usize::try_from(at_once) {
            Ok(0) | Err(_) => cores,
            Ok(n) => n,
        };
        Self {
            permits: Arc::new(Semaphore::new(at_once)),
            at_once,
            wait,
            running: Arc::default(),
            peak: Arc::default(),
        }
    }

    /// Checks `password` against `hash`; against a hash nobody has when `hash` is
    /// `None` (unknown email), so a failed sign-in takes as long either way. A
    /// malformed hash counts as a mismatch. `ApiError::Busy` when no check was free in
    /// time.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, ApiError> {
        let permit = match tokio::time::timeout(self.wait, Arc::clone(&self.permits).acquire_owned()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_closed)) => return Err(ApiError::Unavailable),
            Err(_elapsed) => return Err(ApiError::Busy { retry_after: BUSY_RETRY_AFTER }),
        };
        let running = Arc::clone(&self.running);
        let peak = Arc::clone(&self.peak);
        // The permit moves into the blocking task: if the client goes away, the check
        // still finishes before its slot is given back.
        let check = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            let matches = match hash {
                Some(hash) => verify_now(&password, &hash),
                None => verify_now(&password, dummy_hash()),
            };
            running.fetch_sub(1, Ordering::SeqCst);
            matches
        });
        check.await.context("join password check").map_err(ApiError::Internal)
    }

    /// Checks allowed at once.
    pub fn at_once(&self) -> usize {
        self.at_once
    }

    /// The most checks that ever ran at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }

    /// Takes every slot, as if that many checks were running, until the permit is
    /// dropped: how tests see what a saturated server answers.
    pub fn occupy_all(&self) -> Option<OwnedSemaphorePermit> {
        let count = u32::try_from(self.at_once).ok()?;
        Arc::clone(&self.permits).try_acquire_many_owned(count).ok()
    }
}

fn hash_now(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("hash password: {e}"))
}

fn verify_now(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok()
}

/// A hash of a random password nobody has, made once (on a blocking thread, under a
/// check's permit) and kept.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_now(&super::token::random_token()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_the_right_password() {
        let checks = PasswordChecks::new(0, Duration::from_secs(5));
        let hash = hash_password("correct horse battery".into()).await.expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(checks.verify("correct horse battery".into(), Some(hash.clone())).await.expect("verify"));
        assert!(!checks.verify("wrong".into(), Some(hash)).await.expect("verify"));
        assert!(!checks.verify("x".into(), Some("not a hash".into())).await.expect("verify"));
        assert!(!checks.verify("x".into(), None).await.expect("the dummy"));
    }

    #[tokio::test]
    async fn a_check_that_finds_no_free_slot_in_time_is_busy() {
        let checks = PasswordChecks::new(2, Duration::from_millis(50));
        let held = checks.occupy_all().expect("both slots");
        let Err(ApiError::Busy { retry_after }) = checks.verify("x".into(), None).await else {
            panic!("no slot was free");
        };
        assert_eq!(retry_after, BUSY_RETRY_AFTER);
        drop(held);
        assert!(!checks.verify("x".into(), None).await.expect("a slot is free again"));
        assert_eq!(checks.peak(), 1);
    }
}
