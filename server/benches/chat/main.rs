//! `cargo xtask bench chat`: what live chat costs a release `helpline serve`.
//!
//! - Idle sockets: it opens them in steps up to 50,000, each a visitor of its own that
//!   subscribed and heard its first frames, and prints the server's resident memory and
//!   its growth per socket at each step.
//! - Traffic: on a fresh server, 2,000 visitors send messages at a steady total rate,
//!   step by step until the server saturates, while agents' sockets receive the inbox;
//!   it prints commit (`ack`) and delivery (the message back through the hub) latency
//!   p50/p99/max, the server's CPU time per message, and lost, duplicated and
//!   out-of-order messages, which must be zero. On SQLite, then on PostgreSQL
//!   (`HELPLINE_TEST_POSTGRES_URL`'s server, default 127.0.0.1:5432), where the node
//!   also tells other nodes of every event through NOTIFY, as a cluster node does.
//!
//! The bench raises its open-file limit (the hard one too, where it may), and the
//! server, which it starts, inherits it and raises its own, and spreads the sockets over several
//! loopback source addresses, as one address has too few ephemeral ports for 50,000.
//! A benchmark prints figures; it fails only when it cannot run. `HELPLINE_BENCH_PARTS`
//! and `HELPLINE_BENCH_RATES` run a part of it at chosen rates (see `Parts`).
//!
//! - `../abuse/process.rs` — the server in its own process, and its memory.
//! - `sockets.rs` — visitors and their idle sockets.
//! - `traffic.rs` — one step of traffic and what it measured.

#[path = "../abuse/process.rs"]
mod process;
mod sockets;
mod traffic;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::process::ServerProcess;
use crate::sockets::Crowd;

/// Idle sockets held at each step; those the open-file limit cannot hold (both ends
/// of each socket are on this machine) are left out.
const STEPS: [usize; 6] = [1_000, 5_000, 10_000, 19_000, 25_000, 50_000];
/// Open files the bench asks for: the largest step, plus room for the server's own.
const WANTED_FILES: u64 = 60_000;
/// How long memory is left to settle after a step's sockets are all open.
const SETTLE: Duration = Duration::from_secs(2);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("chat bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("chat bench: this build is unoptimised; `cargo xtask bench chat` gives the real figures");
    }
    // Both ends of every socket are open files here (the server is a child, and
    // inherits the limit): raise the hard limit where allowed (root), then the soft one.
    let _ = rlimit::setrlimit(rlimit::Resource::NOFILE, WANTED_FILES, WANTED_FILES);
    let limit = rlimit::increase_nofile_limit(u64::MAX)?;
    let steps: Vec<usize> = STEPS.iter().copied().filter(|&step| (step as u64) + 1_000 <= limit).collect();
    if steps.len() < STEPS.len() {
        eprintln!("chat bench: the open-file limit is {limit}, so the largest steps are left out");
    }
    let parts = Parts::from_env()?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    if parts.idle {
        let (server, rows) = runtime.block_on(async {
            eprintln!("chat bench: starting {}", env!("CARGO_BIN_EXE_helpline"));
            let server = ServerProcess::start().await?;
            let rows = idle_sockets(&server, &steps).await;
            anyhow::Ok((server, rows))
        })?;
        server.stop()?;
        print(&rows?);
    }
    if parts.sqlite {
        let sqlite = runtime.block_on(traffic_on(None, &[], &parts.rates))?;
        print_traffic("SQLite", &sqlite);
    }
    if parts.postgres {
        let postgres = runtime.block_on(traffic_on_postgres(&[], &parts.rates))?;
        print_traffic("PostgreSQL (telling other nodes, as a cluster node does)", &postgres);
    }
    if parts.single {
        let single = runtime.block_on(traffic_on_postgres(&[("HELPLINE_CLUSTER__ENABLED", "false")], &parts.rates))?;
        print_traffic("PostgreSQL (one node: [cluster] enabled = false)", &single);
    }
    Ok(())
}

/// Which parts run, and at which rates: all of them unless `HELPLINE_BENCH_PARTS`
/// names some (`idle`, `sqlite`, `postgres`, `single`, comma-separated) and
/// `HELPLINE_BENCH_RATES` some rates (messages per second, comma-separated), for
/// looking closely at one part.
struct Parts {
    idle: bool,
    sqlite: bool,
    postgres: bool,
    single: bool,
    rates: Vec<u32>,
}

impl Parts {
    fn from_env() -> anyhow::Result<Self> {
        let parts = std::env::var("HELPLINE_BENCH_PARTS").unwrap_or_else(|_| "idle,sqlite,postgres,single".to_owned());
        let names: Vec<&str> = parts.split(',').map(str::trim).collect();
        if let Some(unknown) = names.iter().find(|name| !["idle", "sqlite", "postgres", "single"].contains(name)) {
            anyhow::bail!("HELPLINE_BENCH_PARTS names {unknown:?}: the parts are idle, sqlite, postgres and single");
        }
        let rates = match std::env::var("HELPLINE_BENCH_RATES") {
            Ok(rates) => rates
                .split(',')
                .map(|rate| rate.trim().parse::<u32>().ok().filter(|&rate| rate > 0))
                .collect::<Option<Vec<u32>>>()
                .context("HELPLINE_BENCH_RATES takes messages per second, comma-separated, e.g. 250,5000")?,
            Err(_) => RATES.to_vec(),
        };
        Ok(Self {
            idle: names.contains(&"idle"),
            sqlite: names.contains(&"sqlite"),
            postgres: names.contains(&"postgres"),
            single: names.contains(&"single"),
            rates,
        })
    }
}

/// A fresh server on the database given (SQLite when none), whose per-socket message
/// budget lets each visitor send as fast as the step asks (the default is a minute's
/// worth for a person typing), and its traffic steps.
async fn traffic_on(postgres: Option<&str>, env: &[(&str, &str)], rates: &[u32]) -> anyhow::Result<Vec<traffic::Step>> {
    let mut env = env.to_vec();
    env.push(("HELPLINE_LIMITS__MESSAGES_PER_SOCKET", "100/second"));
    let server = ServerProcess::start_on(postgres, &env).await?;
    let steps = traffic_steps(&server, rates).await;
    server.stop()?;
    steps
}

/// The traffic steps on a PostgreSQL database made for them and dropped after.
async fn traffic_on_postgres(env: &[(&str, &str)], rates: &[u32]) -> anyhow::Result<Vec<traffic::Step>> {
    use sqlx::Connection;
    let admin = std::env::var("HELPLINE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = "helpline_bench_chat";
    let mut conn = sqlx::PgConnection::connect(&admin).await.context("reach PostgreSQL")?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await?;
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => anyhow::bail!("cannot tell the database in {admin}"),
    };
    eprintln!("chat bench: traffic on PostgreSQL");
    let steps = traffic_on(Some(&url), env, rates).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await?;
    steps
}

/// Visitors sending at once, and agents listening, in the traffic steps.
const VISITORS: usize = 2_000;
const AGENTS: usize = 4;
/// Messages per second, all visitors together, at each step.
const RATES: [u32; 7] = [250, 500, 1_000, 2_000, 3_000, 4_000, 5_000];
/// How long each step sends.
const STEP_SECONDS: u64 = 5;

async fn traffic_steps(server: &ServerProcess, rates: &[u32]) -> anyhow::Result<Vec<traffic::Step>> {
    let mut steps = Vec::new();
    for &rate in rates {
        eprintln!("chat bench: {rate} messages per second from {VISITORS} visitors");
        let step = traffic::step(&server.base_url, &server.app_id, server.pid(), VISITORS, AGENTS, rate, STEP_SECONDS);
        let step = match step.await {
            Ok(step) => step,
            Err(error) => {
                // The steps so far still count; this one is reported as failed.
                eprintln!("chat bench: the step at {rate} messages per second failed: {error:#}");
                println!("chat bench: the step at {rate} messages per second failed: {error:#}");
                break;
            }
        };
        let saturated = traffic::percentile(&step.delivery, 99.0) > 1_000.0 || step.lost > 0;
        steps.push(step);
        if saturated {
            eprintln!("chat bench: saturated; no higher rate");
            break;
        }
    }
    Ok(steps)
}

fn print_traffic(database: &str, steps: &[traffic::Step]) {
    println!();
    println!(
        "traffic on {database}: {VISITORS} visitors sending, {AGENTS} agent sockets receiving the inbox, {STEP_SECONDS} s a step"
    );
    let starts: Vec<String> = steps
        .iter()
        .map(|step| format!("{:.0}/s", VISITORS as f64 / step.chats_started_in.as_secs_f64().max(f64::EPSILON)))
        .collect();
    println!(
        "before each step, the {VISITORS} visitors start a chat, 100 at a time (first message, conversation, routing): {}",
        starts.join(", ")
    );
    println!(
        "{:>7} {:>8} {:>26} {:>26} {:>9} {:>5} {:>5} {:>5} {:>7}",
        "asked/s",
        "done/s",
        "commit p50/p99/max ms",
        "delivery p50/p99/max ms",
        "CPU µs",
        "lost",
        "dup",
        "order",
        "refused"
    );
    for step in steps {
        let figures = |sorted: &[std::time::Duration]| {
            format!(
                "{:.2} / {:.2} / {:.1}",
                traffic::percentile(sorted, 50.0),
                traffic::percentile(sorted, 99.0),
                traffic::percentile(sorted, 100.0)
            )
        };
        println!(
            "{:>7} {:>8.0} {:>26} {:>26} {:>9.0} {:>5} {:>5} {:>5} {:>7}",
            step.rate,
            step.sent as f64 / step.seconds,
            figures(&step.commit),
            figures(&step.delivery),
            step.cpu_us_per_message,
            step.lost,
            step.duplicated,
            step.out_of_order,
            step.refused
        );
    }
}

/// One step's figures.
struct Row {
    sockets: usize,
    rss: u64,
    per_socket: f64,
    opened_in: Duration,
}

async fn idle_sockets(server: &ServerProcess, steps: &[usize]) -> anyhow::Result<Vec<Row>> {
    tokio::time::sleep(SETTLE).await;
    let before = server.rss().unwrap_or(0);
    eprintln!("chat bench: server at {:.1} MiB with no socket", mib(before));
    let mut crowd = Crowd::new(&server.base_url, &server.app_id)?;
    let mut rows = Vec::new();
    for &step in steps {
        let started = Instant::now();
        crowd.grow_to(step).await?;
        let opened_in = started.elapsed();
        tokio::time::sleep(SETTLE).await;
        let rss = server.rss().unwrap_or(0);
        let per_socket = rss.saturating_sub(before) as f64 / step as f64 / 1024.0;
        eprintln!("chat bench: {step} idle sockets: {:.1} MiB, {per_socket:.1} KiB each", mib(rss));
        rows.push(Row { sockets: step, rss, per_socket, opened_in });
    }
    let lost = crowd.closed();
    anyhow::ensure!(lost == 0, "{lost} sockets were closed while idle");
    Ok(rows)
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / 1024.0 / 1024.0
}

fn print(rows: &[Row]) {
    println!();
    println!("idle visitor sockets (each subscribed, heard its presence and replay, then silent)");
    println!("{:>10} {:>12} {:>16} {:>12}", "sockets", "server RSS", "growth/socket", "opened in");
    for row in rows {
        println!(
            "{:>10} {:>8.1} MiB {:>12.1} KiB {:>10.1} s",
            row.sockets,
            mib(row.rss),
            row.per_socket,
            row.opened_in.as_secs_f64()
        );
    }
}
