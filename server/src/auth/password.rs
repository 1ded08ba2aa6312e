//! Argon2id password hashing, off the async threads, and `PasswordChecks`: the bound on
//! how many sign-ins check a password at once. Each check needs about 19 MiB for tens
//! of milliseconds; unbounded, a flood of wrong passwords takes gigabytes and every
//! core. Beyond the bound a sign-in waits briefly, then gets `503` with `Retry-After`.
//!
//! The checks also reuse their working memory: allocated and freed on ever-changing
//! blocking threads, 19 MiB blocks end up kept by many of the allocator's per-thread
//! arenas, and a bound of two checks still grew the process by almost a gigabyte.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use argon2::password_hash::{Output, PasswordHash, PasswordHasher, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// Shortest password an operator may set.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Longest password accepted, in bytes; longer ones cannot be ours and would only make
/// hashing expensive.
pub const MAX_PASSWORD_BYTES: usize = 1024;

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
    /// Argon2 working memory, one buffer per check that ran at once, kept for the next.
    // A std mutex: held only to take or return a buffer, never across an await.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
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
            memory: Arc::default(),
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
        let (running, peak, pool) = (Arc::clone(&self.running), Arc::clone(&self.peak), Arc::clone(&self.memory));
        // The permit moves into the blocking task: if the client goes away, the check
        // still finishes before its slot is given back.
        let check = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let now = running.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(now, Ordering::SeqCst);
            let mut memory = pool.lock().unwrap_or_else(std::sync::PoisonError::into_inner).pop().unwrap_or_default();
            let against = match &hash {
                Some(hash) => hash.as_str(),
                None => dummy_hash(),
            };
            let matches = verify_with(&password, against, &mut memory);
            pool.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(memory);
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

/// Checks `password` against a PHC-format Argon2 hash, computing in `memory` (grown
/// to the hash's memory cost when smaller). A malformed hash is a mismatch.
fn verify_with(password: &str, hash: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let Ok(algorithm) = Algorithm::try_from(parsed.algorithm) else {
        return false;
    };
    let Ok(version) = parsed.version.map_or(Ok(Version::default()), Version::try_from) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    if memory.len() < params.block_count() {
        memory.resize(params.block_count(), Block::default());
    }
    let argon2 = Argon2::new(algorithm, version, params);
    let mut computed = vec![0u8; expected.len()];
    if argon2.hash_password_into_with_memory(password.as_bytes(), salt, &mut computed, &mut memory[..]).is_err() {
        return false;
    }
    // `Output` compares in constant time.
    Output::new(&computed).is_ok_and(|computed| computed == expected)
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

    #[test]
    fn checks_reuse_their_memory_and_refuse_tampered_hashes() {
        let hash = hash_now("correct horse battery").expect("hash");
        let mut memory = Vec::new();
        assert!(verify_with("correct horse battery", &hash, &mut memory));
        assert_eq!(memory.len(), Params::default().block_count(), "sized by the hash's memory cost");
        let kept = memory.as_ptr();
        assert!(!verify_with("wrong", &hash, &mut memory));
        assert_eq!(memory.as_ptr(), kept, "the same memory, not a new allocation");
        let tampered = hash.replace("m=19456", "m=8192");
        assert!(!verify_with("correct horse battery", &tampered, &mut memory));
        assert!(!verify_with("correct horse battery", "$argon2id$v=19$m=19456,t=2,p=1$bad", &mut memory));
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
