//! Abuse limits: how much any one client IP, visitor, account, sender or workspace may
//! ask of the server, configured in `[limits]`. Over a limit, HTTP answers `429` with
//! `code: rate_limited` and `Retry-After`; a WebSocket gets a `rate_limited` error
//! frame and stays open.
//!
//! The buckets live in this node's memory: with several nodes, each enforces its own
//! share. Limits that protect mail (tickets per workspace per day, inbound mail per
//! sender) are counted in the database instead (`stored.rs`), so they hold across
//! nodes, restarts and `helpline mail ingest` processes.

mod client_ip;
mod limiter;
mod rate;
pub mod stored;

use std::net::IpAddr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub use client_ip::ClientIp;
pub use limiter::{Bucket, Gauge, GaugeSlot, Limiter};
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
    /// "Email us" tickets per workspace per day (a workspace may set its own).
    pub tickets_per_workspace_per_day: u32,
    /// Mail to one address that has not proved it is its owner's, per day.
    pub unverified_mail_per_address_per_day: u32,
    /// Failed console sign-ins per client IP before delays start.
    pub login_failures_per_ip: Rate,
    /// Failed console sign-ins per account before delays start.
    pub login_failures_per_account: Rate,
    /// Inbound mail per sender address (counted in the database, so `helpline mail
    /// ingest` processes share it).
    pub inbound_per_sender: Rate,
    /// HTTP connections one client IP may hold open at once.
    pub connections_per_ip: u32,
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
            tickets_per_workspace_per_day: 1000,
            unverified_mail_per_address_per_day: 3,
            login_failures_per_ip: rate("10/minute"),
            login_failures_per_account: rate("5/minute"),
            inbound_per_sender: rate("60/hour"),
            connections_per_ip: 256,
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
    pub sockets_per_visitor: Gauge<i64>,
    pub sockets_per_ip: Gauge<ClientIp>,
    pub connections_per_ip: Gauge<IpAddr>,
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
            sockets_per_visitor: Gauge::new(config.sockets_per_visitor),
            sockets_per_ip: Gauge::new(config.sockets_per_ip),
            connections_per_ip: Gauge::new(config.connections_per_ip),
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
                }
            }
        }
    }
}
