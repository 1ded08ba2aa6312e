//! The printed result: what was measured on what, the figures against the targets of
//! issue 3, and the slowest searches, which say where to look when a target is missed.

use std::time::Duration;

use crate::corpus::{self, Corpus};
use crate::{LIMIT, Pass, queries};

/// The targets of issue 3, on a 2-core machine.
const BUILD_TARGET: Duration = Duration::from_secs(10);
const IN_PROCESS_P99_TARGET: Duration = Duration::from_millis(5);
const HTTP_P99_TARGET: Duration = Duration::from_millis(15);
/// How many of the slowest searches are named.
const SLOWEST_SHOWN: usize = 3;

/// Everything the benchmark measured.
pub struct Report<'a> {
    pub corpus: &'a Corpus,
    pub body_words: usize,
    pub searches: usize,
    /// The one-minute load average when the benchmark started, where known.
    pub load_before: Option<String>,
    pub build_time: Duration,
    pub in_process: Pass,
    pub over_http: Pass,
    /// Storing the articles in SQLite one by one, as the import command does.
    pub insert_time: Duration,
    /// `Application::build`: migrations, loading the articles, building the index.
    pub start_time: Duration,
}

impl Report<'_> {
    pub fn print(&self) {
        let articles = self.corpus.articles.len();
        let sources: Vec<String> = self.corpus.imported.iter().map(|(name, count)| format!("{name} {count}")).collect();
        let imported: usize = self.corpus.imported.iter().map(|(_, count)| count).sum();
        println!();
        println!("Search benchmark (`cargo xtask bench search`, server/benches/search/)");
        println!(
            "  corpus    {} articles, {} words of body text, seed {:#x}:",
            thousands(articles),
            thousands(self.body_words),
            corpus::SEED,
        );
        println!("            the {imported} imported ({}) and perturbed copies of them", sources.join(", "));
        println!(
            "  queries   {} queries typed character by character: {} searches of up to {LIMIT} results,",
            queries::QUERIES.len(),
            thousands(self.searches),
        );
        println!("            one at a time, timed after one warm-up pass");
        let cores = std::thread::available_parallelism().map_or(0, usize::from);
        match (&self.load_before, load_average()) {
            (Some(before), Some(after)) => {
                println!("  machine   {cores} logical cores, load average {before} before and {after} after")
            }
            _ => println!("  machine   {cores} logical cores"),
        }
        println!();
        println!("  {:<28}{:>10}{:>10}{:>10}{:>10}   {:<20}result", "", "p50", "p95", "p99", "max", "target");
        println!(
            "  {:<28}{:>40}   {:<20}{}",
            format!("index build, {} articles", thousands(articles)),
            seconds(self.build_time),
            format!("under {} s", BUILD_TARGET.as_secs()),
            verdict(self.build_time < BUILD_TARGET),
        );
        latency_row("search, in-process", &self.in_process, IN_PROCESS_P99_TARGET);
        latency_row("search, HTTP on loopback", &self.over_http, HTTP_P99_TARGET);
        println!();
        println!(
            "  also      results per search: {:.2} in-process, {:.2} over HTTP",
            per_search(&self.in_process),
            per_search(&self.over_http),
        );
        println!(
            "            storing the articles one by one {}; server start-up (migrate, load, index) {}",
            seconds(self.insert_time),
            seconds(self.start_time),
        );
        if let Some(waited) = self.in_process.waited_for_core {
            let measured: Duration = self.in_process.latencies.iter().map(|(latency, _)| *latency).sum();
            println!(
                "  waiting   the in-process pass waited {} of its {} for a free core (other processes)",
                seconds(waited),
                seconds(measured),
            );
        }
        println!("  slowest   in-process: {}", slowest(&self.in_process));
        println!("            over HTTP:  {}", slowest(&self.over_http));
    }
}

/// The one-minute load average, where the system reports it (Linux).
pub fn load_average() -> Option<String> {
    let text = std::fs::read_to_string("/proc/loadavg").ok()?;
    text.split_whitespace().next().map(str::to_owned)
}

/// How long the calling thread has waited, in all, for a core while ready to run (Linux's
/// `schedstat`), to tell how much of a latency other processes caused.
pub fn run_queue_wait() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanoseconds = text.split_whitespace().nth(1)?.parse().ok()?;
    Some(Duration::from_nanos(nanoseconds))
}

fn latency_row(name: &str, pass: &Pass, p99_target: Duration) {
    let mut sorted: Vec<Duration> = pass.latencies.iter().map(|(latency, _)| *latency).collect();
    sorted.sort_unstable();
    let p99 = percentile(&sorted, 99);
    println!(
        "  {name:<28}{:>10}{:>10}{:>10}{:>10}   {:<20}{}",
        millis(percentile(&sorted, 50)),
        millis(percentile(&sorted, 95)),
        millis(p99),
        millis(sorted.last().copied().unwrap_or_default()),
        format!("p99 under {} ms", p99_target.as_millis()),
        verdict(p99 < p99_target),
    );
}

/// The nearest-rank percentile of sorted latencies.
fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

fn slowest(pass: &Pass) -> String {
    let mut latencies = pass.latencies.clone();
    latencies.sort_unstable_by_key(|(latency, _)| std::cmp::Reverse(*latency));
    let named: Vec<String> =
        latencies.iter().take(SLOWEST_SHOWN).map(|(latency, text)| format!("{text:?} {}", millis(*latency))).collect();
    named.join(", ")
}

fn per_search(pass: &Pass) -> f64 {
    pass.hits as f64 / pass.latencies.len().max(1) as f64
}

/// `10000` as `10,000`.
fn thousands(number: usize) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (at, digit) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "MISSED" }
}

fn millis(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}
