//! Abuse limits: how much any one client IP, visitor, account, sender or workspace may
//! ask of the server, configured in `[limits]`. Over a limit, HTTP answers `429` with
//! `code: rate_limited` and `Retry-After`; a WebSocket gets a `rate_limited` error
//! frame and stays open.
//!
//! The buckets live in this node's memory: with several nodes, each enforces its own
//! share. Limits that protect mail (tickets per workspace per day, inbound mail per
//! sender) are counted in the database instead (`stored.rs`), so they hold across
//! nodes, restarts and `helpline mail ingest` processes.

mod backoff;
mod client_ip;
mod limiter;
mod login;
mod rate;
pub mod stored;

use std::net::IpAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use backoff::{Backoff, Charge};
pub use client_ip::ClientIp;
pub use limiter::{Bucket, Gauge, GaugeSlot, Limiter};
pub use login::{Caller, LoginAttempt, LoginLimits};
pub use rate::{Rate, RateParseError};

use crate::clock::Clock;
use crate::shutdown::Shutdown;

/// `[limits]`: every abuse limit, with defaults a real deployment can keep.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LimitsConfig {
    /// New visitors (`POST /api/v1/widget/visitors`) per client IP.
    pub visitors_per_ip: Rate,
    /// WebSockets one visitor may hold open at once (tabs of one browser).
    pub sockets_per_visitor: u32,
    /// WebSockets one client IP may hold open at once, visitors and agents together.
    pub sockets_per_ip: u32,
    /// Frames of any kind one WebSocket may send.
    pub frames_per_socket: Rate,
    /// Chat messages one WebSocket may send.
    pub messages_per_socket: Rate,
    /// Help-center searches per client IP.
    pub searches_per_ip: Rate,
    /// "Email us" tickets per visitor.
    pub tickets_per_visitor: Rate,
    /// "Email us" tickets per client IP.
    pub tickets_per_ip: Rate,
    /// Files a visitor uploads (chat, "Email us").
    pub uploads_per_visitor: Rate,
    /// Files visitors upload per client IP.
    pub uploads_per_ip: Rate,
    /// "Email us" tickets per workspace per day (a workspace may set its own).
    pub tickets_per_workspace_per_day: u32,
    /// Mail to one address that has not proved it is its owner's, per day.
    pub unverified_mail_per_address_per_day: u32,
    /// Failed console sign-ins per client IP before delays start, and how fast they
    /// are forgotten ("10/hour": ten, then one forgotten every six minutes). Beyond
    /// them each failure doubles the wait before the next attempt, from one second.
    pub login_failures_per_ip: Rate,
    /// Failed sign-ins on one account from browsers it does not know, before those
    /// browsers must wait. Only failures from networks within their own allowance
    /// count, so it takes several networks to throttle an account.
    pub login_failures_per_account: Rate,
    /// Failed sign-ins from one known browser (one with the account's signed
    /// known-device cookie), which is judged on these alone.
    pub login_failures_per_device: Rate,
    /// The longest wait a sign-in delay grows to, in seconds.
    pub login_max_delay_secs: u64,
    /// Passwords checked at once; 0 means one per core. Each check holds about
    /// 19 MiB (Argon2id's memory cost) for tens of milliseconds.
    pub password_checks_at_once: u32,
    /// How long a sign-in waits for a free password check before `503` with
    /// `Retry-After`, in milliseconds.
    pub password_check_wait_ms: u64,
    /// Inbound mail per sender address (counted in the database, so `helpline mail
    /// ingest` processes share it).
    pub inbound_per_sender: Rate,
    /// HTTP connections one client IP may hold open at once.
    pub connections_per_ip: u32,
    /// Conversations one agent WebSocket may follow at once; a `subscribe` past it is
    /// refused with a `too_many_subscriptions` error frame.
    pub subscriptions_per_socket: usize,
    /// The largest file an agent or visitor uploads, in bytes: at most 10 MiB
    /// (`files::MAX_FILE_BYTES`, which also caps mail's files).
    pub file_bytes: u64,
    /// The most files one chat message, ticket reply or "Email us" request carries:
    /// at most 20.
    pub files_per_message: usize,
    /// Bytes of files (kept from mail, uploaded for replies) one workspace may store.
    pub file_bytes_per_workspace: u64,
    /// Uploaded images held in memory at once (each up to 10 MiB) while their metadata
    /// is removed and their thumbnail made; others wait. Other files stream.
    pub files_at_once: u32,
    /// How long an image upload waits for its turn before `503` with `Retry-After`, in
    /// milliseconds.
    pub file_wait_ms: u64,
    /// Saved replies one workspace may keep. Every agent's composer loads them all.
    pub saved_replies_per_workspace: u32,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let rate = |text: &str| text.parse::<Rate>().unwrap_or(Rate::Off);
        Self {
            visitors_per_ip: rate("30/minute"),
            sockets_per_visitor: 8,
            sockets_per_ip: 200,
            frames_per_socket: rate("40/second"),
            messages_per_socket: rate("60/minute"),
            searches_per_ip: rate("300/minute"),
            tickets_per_visitor: rate("5/day"),
            tickets_per_ip: rate("20/day"),
            uploads_per_visitor: rate("20/hour"),
            uploads_per_ip: rate("60/hour"),
            tickets_per_workspace_per_day: 1000,
            unverified_mail_per_address_per_day: 3,
            login_failures_per_ip: rate("10/hour"),
            login_failures_per_account: rate("20/hour"),
            login_failures_per_device: rate("10/hour"),
            login_max_delay_secs: 15 * 60,
            password_checks_at_once: 0,
            password_check_wait_ms: 2000,
            inbound_per_sender: rate("60/hour"),
            connections_per_ip: 256,
            subscriptions_per_socket: 1000,
            file_bytes: protocol::files::MAX_FILE_BYTES,
            files_per_message: protocol::files::MAX_FILES_PER_MESSAGE,
            file_bytes_per_workspace: 2_000_000_000,
            files_at_once: 4,
            file_wait_ms: 10_000,
            saved_replies_per_workspace: 500,
        }
    }
}

/// The live limiters, built once from `LimitsConfig` and shared through `AppState`.
#[derive(Debug)]
pub struct Limits {
    pub config: LimitsConfig,
    pub visitors_per_ip: Limiter<ClientIp>,
    pub searches_per_ip: Limiter<ClientIp>,
    pub tickets_per_visitor: Limiter<i64>,
    pub tickets_per_ip: Limiter<ClientIp>,
    pub uploads_per_visitor: Limiter<i64>,
    pub uploads_per_ip: Limiter<ClientIp>,
    pub sockets_per_visitor: Gauge<i64>,
    pub sockets_per_ip: Gauge<ClientIp>,
    pub connections_per_ip: Gauge<IpAddr>,
    /// Console sign-in throttles: per IP, per account, per known browser.
    pub login: LoginLimits,
    /// The bound on concurrent password checks.
    pub password_checks: crate::auth::password::PasswordChecks,
    /// The bound on files read into memory at once.
    pub file_slots: crate::files::FileSlots,
}

/// How often limiters forget keys whose buckets are full again.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

impl Limits {
    pub fn new(config: &LimitsConfig, clock: &Clock) -> Self {
        Self {
            config: config.clone(),
            visitors_per_ip: Limiter::new(
                config.visitors_per_ip,
                clock,
                "too many new conversations from your network; please try again later",
            ),
            searches_per_ip: Limiter::new(config.searches_per_ip, clock, "too many searches; please slow down"),
            tickets_per_visitor: Limiter::new(
                config.tickets_per_visitor,
                clock,
                "you have sent several requests already; please wait for our answer or try again later",
            ),
            tickets_per_ip: Limiter::new(
                config.tickets_per_ip,
                clock,
                "too many requests from your network; please try again later",
            ),
            uploads_per_visitor: Limiter::new(
                config.uploads_per_visitor,
                clock,
                "you have sent many files just now; please try again later",
            ),
            uploads_per_ip: Limiter::new(
                config.uploads_per_ip,
                clock,
                "too many files from your network; please try again later",
            ),
            sockets_per_visitor: Gauge::new(config.sockets_per_visitor),
            sockets_per_ip: Gauge::new(config.sockets_per_ip),
            connections_per_ip: Gauge::new(config.connections_per_ip),
            login: LoginLimits::new(config, clock),
            password_checks: crate::auth::password::PasswordChecks::new(
                config.password_checks_at_once,
                Duration::from_millis(config.password_check_wait_ms),
            ),
            file_slots: crate::files::FileSlots::new(config.files_at_once, Duration::from_millis(config.file_wait_ms)),
        }
    }

    /// Forgets idle keys every minute until the server stops.
    pub async fn sweep_until_stopped(self: std::sync::Arc<Self>, mut shutdown: Shutdown) {
        let mut every = tokio::time::interval(SWEEP_EVERY);
        loop {
            tokio::select! {
                () = shutdown.recv() => return,
                _ = every.tick() => {
                    self.visitors_per_ip.retain_recent();
                    self.searches_per_ip.retain_recent();
                    self.tickets_per_visitor.retain_recent();
                    self.tickets_per_ip.retain_recent();
                    self.uploads_per_visitor.retain_recent();
                    self.uploads_per_ip.retain_recent();
                    self.login.retain_recent();
                }
            }
        }
    }
}
