//! `cargo xtask bench abuse`: what floods cost the server. Starts a release
//! `helpline serve` on a temporary SQLite database and, phase by phase, prints its
//! resident memory growth and the latency of `GET /healthz` (asked every 10 ms on its
//! own connection) while it is flooded:
//!
//! - 256 concurrent wrong sign-ins, each from its own IP (so no throttle spares the
//!   password check: the bound on password checks is what holds), then from one IP
//!   (throttled to `429` after its free failures);
//! - new visitors from many IPs, then from one IP (refused with `429` past its rate).
//!
//! The targets of issue 9 for the sign-in flood are under 100 MiB of growth and a
//! `/healthz` p99 under 50 ms. A benchmark prints figures; it fails only when it
//! cannot run.
//!
//! - `process.rs` — the server in its own process, and its memory.
//! - `load.rs` — one phase: workers, the prober and the memory sampler.
//! - `report.rs` — the printed table.

mod load;
mod process;
mod report;

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use protocol::api::Login;

use crate::load::{MakeRequest, client_ip};
use crate::process::ServerProcess;

/// How long each flood lasts.
const FLOOD: Duration = Duration::from_secs(10);
/// Concurrent sign-ins, as issue 9 asks.
const SIGN_INS: usize = 256;
/// Concurrent visitor creations.
const VISITOR_WORKERS: usize = 64;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("abuse bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("abuse bench: this build is unoptimised; `cargo xtask bench abuse` gives the real figures");
    }
    let load_before = report::load_average();
    let runtime = tokio::runtime::Runtime::new()?;
    let (server, phases) = runtime.block_on(async {
        eprintln!("abuse bench: starting {}", env!("CARGO_BIN_EXE_helpline"));
        let server = ServerProcess::start().await?;
        let phases = flood(&server).await;
        anyhow::Ok((server, phases))
    })?;
    let pid = server.pid();
    server.stop()?;
    report::print(pid, &phases?, load_before);
    Ok(())
}

async fn flood(server: &ServerProcess) -> anyhow::Result<Vec<load::Phase>> {
    let mut phases = Vec::new();
    eprintln!("abuse bench: idle");
    phases.push(load::run(server, "idle (no load)", 0, Duration::from_secs(3), None).await?);

    let wrong_sign_in = |one_ip: bool| -> MakeRequest {
        Arc::new(move |client: &reqwest::Client, base: &str, n: u64| {
            let ip = if one_ip { "198.51.100.1".to_owned() } else { client_ip(n) };
            client
                .post(format!("{base}/api/v1/auth/login"))
                .header("x-forwarded-for", ip)
                .json(&Login { email: format!("nobody{n}@bench.example"), password: "not the password".into() })
        })
    };
    eprintln!("abuse bench: {SIGN_INS} concurrent wrong sign-ins from as many IPs");
    phases.push(load::run(server, "wrong sign-ins, an IP each", SIGN_INS, FLOOD, Some(wrong_sign_in(false))).await?);
    eprintln!("abuse bench: {SIGN_INS} concurrent wrong sign-ins from one IP");
    phases.push(load::run(server, "wrong sign-ins, one IP", SIGN_INS, FLOOD, Some(wrong_sign_in(true))).await?);

    let app_id = server.app_id.clone();
    let new_visitor = move |one_ip: bool| -> MakeRequest {
        let app_id = app_id.clone();
        Arc::new(move |client: &reqwest::Client, base: &str, n: u64| {
            let ip = if one_ip { "198.51.100.2".to_owned() } else { client_ip(n) };
            client
                .post(format!("{base}/api/v1/widget/visitors"))
                .header("x-forwarded-for", ip)
                .header("origin", base)
                .json(&serde_json::json!({ "app_id": app_id }))
        })
    };
    eprintln!("abuse bench: new visitors from many IPs");
    phases.push(load::run(server, "new visitors, an IP each", VISITOR_WORKERS, FLOOD, Some(new_visitor(false))).await?);
    eprintln!("abuse bench: new visitors from one IP");
    phases.push(load::run(server, "new visitors, one IP", VISITOR_WORKERS, FLOOD, Some(new_visitor(true))).await?);
    Ok(phases)
}
