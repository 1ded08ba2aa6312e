//! The printed result: per phase, the requests and their answers, the server's
//! resident memory and `/healthz` latency, against the targets of issue 9.

use std::time::Duration;

use crate::SIGN_INS;
use crate::load::Phase;

/// The targets of issue 9 for the sign-in flood, on a 2-core machine.
const RSS_GROWTH_TARGET: u64 = 100 * 1024 * 1024;
const HEALTHZ_P99_TARGET: Duration = Duration::from_millis(50);

pub fn print(pid: u32, phases: &[Phase], load_before: Option<String>) {
    println!();
    println!("Abuse benchmark (`cargo xtask bench abuse`, server/benches/abuse/)");
    println!("  server    release `helpline serve` (pid {pid}), SQLite in a temporary folder, default limits,");
    println!("            loopback trusted as a proxy so X-Forwarded-For names {SIGN_INS} and more client IPs");
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    match (load_before, load_average()) {
        (Some(before), Some(after)) => println!(
            "  machine   {cores} logical cores shared with the load generator (and anything else running), \
             load average {before} before and {after} after"
        ),
        _ => println!("  machine   {cores} logical cores shared with the load generator"),
    }
    println!();
    println!(
        "  {:<28}{:>9}{:>8}   {:<30}{:>9}{:>9}{:>9}   {:>8}{:>8}{:>8}",
        "phase", "requests", "per s", "answers", "RSS", "peak", "growth", "p50", "p99", "max"
    );
    println!("  {:<28}{:>9}{:>8}   {:<30}{:>27}   {:>24}", "", "", "", "", "(MiB)", "/healthz (ms)");
    for phase in phases {
        let answers: Vec<String> = phase
            .answers
            .iter()
            .map(|(status, count)| if *status == 0 { format!("none {count}") } else { format!("{status}: {count}") })
            .collect();
        let mut healthz = phase.healthz.clone();
        healthz.sort();
        println!(
            "  {:<28}{:>9}{:>8.0}   {:<30}{:>9}{:>9}{:>9}   {:>8}{:>8}{:>8}",
            phase.name,
            phase.requests(),
            phase.requests() as f64 / phase.elapsed.as_secs_f64(),
            answers.join(", "),
            mib(phase.rss_before),
            mib(phase.rss_peak),
            mib(phase.rss_peak.saturating_sub(phase.rss_before)),
            millis(percentile(&healthz, 0.50)),
            millis(percentile(&healthz, 0.99)),
            millis(healthz.last().copied()),
        );
    }
    println!();
    if let Some(sign_ins) = phases.iter().find(|phase| phase.name.starts_with("wrong sign-ins, an IP")) {
        let mut healthz = sign_ins.healthz.clone();
        healthz.sort();
        let growth = sign_ins.rss_peak.saturating_sub(sign_ins.rss_before);
        let p99 = percentile(&healthz, 0.99);
        println!(
            "  targets   {SIGN_INS} concurrent wrong sign-ins: RSS growth {} MiB (target under {} MiB), \
             /healthz p99 {} ms (target under {} ms)",
            mib(growth),
            RSS_GROWTH_TARGET / (1024 * 1024),
            millis(p99),
            HEALTHZ_P99_TARGET.as_millis(),
        );
        let mut latencies = sign_ins.latencies.clone();
        latencies.sort();
        println!(
            "            a sign-in's own answer: p50 {} ms, p99 {} ms (503 after waiting for a password check)",
            millis(percentile(&latencies, 0.50)),
            millis(percentile(&latencies, 0.99)),
        );
    }
    println!("            figures vary with what else the machine runs; they are not pass/fail");
}

fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let index = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted.get(index).copied()
}

fn mib(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

fn millis(duration: Option<Duration>) -> String {
    duration.map_or_else(|| "-".to_owned(), |d| format!("{:.1}", d.as_secs_f64() * 1000.0))
}

/// The one-minute load average, where the system reports it.
pub fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_owned)
}
