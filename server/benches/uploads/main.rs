//! `cargo xtask bench uploads`: what agents' file uploads cost. Starts a release
//! `helpline serve` on a temporary SQLite database (in RAM where Linux offers one),
//! signs in, and prints:
//!
//! - the time and throughput of uploading one 10 MB file, five times one after the
//!   other (read, type sniffed, stored);
//! - the server's resident memory before, at its highest during, and after 20 uploads
//!   of 10 MB at once, and how long they took together. `limits.files_at_once` (4 by
//!   default) bounds how many bodies are in memory at a time, so the growth stays near
//!   that many files however many clients upload.
//!
//! A benchmark prints figures; it fails only when it cannot run.

#[path = "../abuse/process.rs"]
mod process;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use protocol::api::{AgentSession, Login};

use crate::process::{ServerProcess, rss_of};

/// The size of each uploaded file: the largest accepted.
const FILE_BYTES: usize = 10 * 1000 * 1000;
/// Uploads one after the other.
const SEQUENTIAL: usize = 5;
/// Uploads at once.
const PARALLEL: usize = 20;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("uploads bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("uploads bench: this build is unoptimised; `cargo xtask bench uploads` gives the real figures");
    }
    let runtime = tokio::runtime::Runtime::new()?;
    eprintln!("uploads bench: starting {}", env!("CARGO_BIN_EXE_helpline"));
    let server = runtime.block_on(ServerProcess::start())?;
    eprintln!("uploads bench: workspace {} at {}", server.app_id, server.base_url);
    let result = runtime.block_on(measure(&server));
    server.stop()?;
    result
}

/// A signed-in console client.
struct Agent {
    http: reqwest::Client,
    csrf_token: String,
    base: String,
}

impl Agent {
    async fn sign_in(base: &str) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder().cookie_store(true).build()?;
        let login = Login { email: "admin@bench.example".into(), password: "a long password".into() };
        let response = http.post(format!("{base}/api/v1/auth/login")).json(&login).send().await?;
        if !response.status().is_success() {
            bail!("sign-in answered {}", response.status());
        }
        let session: AgentSession = response.json().await?;
        Ok(Self { http, csrf_token: session.csrf_token, base: base.to_owned() })
    }

    /// Uploads `bytes`; fails unless the server kept it.
    async fn upload(&self, name: &str, bytes: Vec<u8>) -> anyhow::Result<()> {
        let response = self
            .http
            .post(format!("{}/api/v1/uploads", self.base))
            .query(&[("name", name)])
            .header("x-csrf-token", &self.csrf_token)
            .body(bytes)
            .send()
            .await?;
        if response.status() != reqwest::StatusCode::CREATED {
            bail!("upload answered {}: {}", response.status(), response.text().await.unwrap_or_default());
        }
        Ok(())
    }
}

/// A 10 MB log: text, so it is accepted and stored as it is.
fn log_file(seed: usize) -> Vec<u8> {
    let line = format!("{seed:04} 12:00:01 export step finished without error\n");
    line.bytes().cycle().take(FILE_BYTES).collect()
}

async fn measure(server: &ServerProcess) -> anyhow::Result<()> {
    let agent = Arc::new(Agent::sign_in(&server.base_url).await?);
    let mib = |bytes: u64| bytes as f64 / (1024.0 * 1024.0);

    println!("\nOne 10 MB upload at a time ({SEQUENTIAL} runs)");
    let mut times = Vec::new();
    for run in 0..SEQUENTIAL {
        let file = log_file(run);
        let started = Instant::now();
        agent.upload(&format!("run-{run}.log"), file).await?;
        times.push(started.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let throughput = FILE_BYTES as f64 / 1e6 / median.as_secs_f64();
    println!("  median {:.0} ms, {throughput:.0} MB/s (fastest {:.0} ms)", ms(median), ms(times[0]));

    println!("\n{PARALLEL} uploads of 10 MB at once");
    let before = server.rss().context("read the server's memory")?;
    let peak = Arc::new(AtomicU64::new(before));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (Arc::clone(&peak), Arc::clone(&done));
        let pid = server.pid();
        tokio::spawn(async move {
            while !done.load(Ordering::SeqCst) {
                if let Some(rss) = rss_of(pid) {
                    peak.fetch_max(rss, Ordering::SeqCst);
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        })
    };
    let started = Instant::now();
    let uploads: Vec<_> = (0..PARALLEL)
        .map(|n| {
            let agent = Arc::clone(&agent);
            tokio::spawn(async move { agent.upload(&format!("parallel-{n}.log"), log_file(100 + n)).await })
        })
        .collect();
    let mut failed = 0;
    for upload in uploads {
        if upload.await.context("join an upload")?.is_err() {
            failed += 1;
        }
    }
    let took = started.elapsed();
    done.store(true, Ordering::SeqCst);
    sampler.await.context("join the memory sampler")?;
    let after = server.rss().context("read the server's memory")?;
    let peak = peak.load(Ordering::SeqCst);
    println!("  all done in {:.0} ms, {failed} refused (busy)", ms(took));
    println!(
        "  server memory: {:.0} MiB before, {:.0} MiB at most (+{:.0} MiB), {:.0} MiB after",
        mib(before),
        mib(peak),
        mib(peak.saturating_sub(before)),
        mib(after)
    );
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
