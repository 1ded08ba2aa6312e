//! One phase of load: many workers sending one kind of request as fast as the server
//! answers, while a prober times `GET /healthz` on its own connection and a sampler
//! reads the server's resident memory.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::process::ServerProcess;

/// How often the prober asks `/healthz` and the sampler reads memory.
const PROBE_EVERY: Duration = Duration::from_millis(10);
const SAMPLE_EVERY: Duration = Duration::from_millis(25);

/// What one phase measured.
#[derive(Debug, Default)]
pub struct Phase {
    pub name: String,
    pub elapsed: Duration,
    /// Answers by HTTP status; `0` counts requests that got no answer.
    pub answers: BTreeMap<u16, usize>,
    /// Latency of each answered request, in order.
    pub latencies: Vec<Duration>,
    pub healthz: Vec<Duration>,
    pub rss_before: u64,
    pub rss_peak: u64,
    pub rss_after: u64,
}

impl Phase {
    pub fn requests(&self) -> usize {
        self.answers.values().sum()
    }
}

/// Builds the `n`th request of a phase.
pub type MakeRequest = Arc<dyn Fn(&reqwest::Client, &str, u64) -> reqwest::RequestBuilder + Send + Sync>;

/// Runs `workers` loops of `request` for `duration`, with the prober and the sampler.
pub async fn run(
    server: &ServerProcess,
    name: &str,
    workers: usize,
    duration: Duration,
    request: Option<MakeRequest>,
) -> anyhow::Result<Phase> {
    let client =
        reqwest::Client::builder().pool_max_idle_per_host(workers.max(1)).timeout(Duration::from_secs(30)).build()?;
    let base = server.base_url.clone();
    let counter = Arc::new(AtomicU64::new(0));
    let rss_before = server.rss().unwrap_or(0);
    let started = Instant::now();
    let deadline = started + duration;

    let mut tasks = Vec::new();
    if let Some(request) = request {
        for _ in 0..workers {
            let (client, base, counter, request) =
                (client.clone(), base.clone(), Arc::clone(&counter), Arc::clone(&request));
            tasks.push(tokio::spawn(async move {
                let mut seen: Vec<(u16, Duration)> = Vec::new();
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    let at = Instant::now();
                    let status = match request(&client, &base, n).send().await {
                        Ok(response) => {
                            let status = response.status().as_u16();
                            let _ = response.bytes().await;
                            status
                        }
                        Err(_) => 0,
                    };
                    seen.push((status, at.elapsed()));
                }
                seen
            }));
        }
    }
    let prober = {
        let url = format!("{base}/healthz");
        tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut latencies = Vec::new();
            while Instant::now() < deadline {
                let at = Instant::now();
                if client.get(&url).send().await.and_then(reqwest::Response::error_for_status).is_ok() {
                    latencies.push(at.elapsed());
                }
                tokio::time::sleep(PROBE_EVERY).await;
            }
            latencies
        })
    };
    let mut rss_peak = rss_before;
    while Instant::now() < deadline {
        rss_peak = rss_peak.max(server.rss().unwrap_or(0));
        tokio::time::sleep(SAMPLE_EVERY).await;
    }
    let mut phase = Phase { name: name.to_owned(), rss_before, ..Phase::default() };
    for task in tasks {
        for (status, latency) in task.await? {
            *phase.answers.entry(status).or_default() += 1;
            if status != 0 {
                phase.latencies.push(latency);
            }
        }
        rss_peak = rss_peak.max(server.rss().unwrap_or(0));
    }
    phase.healthz = prober.await?;
    phase.elapsed = started.elapsed();
    phase.rss_peak = rss_peak;
    phase.rss_after = server.rss().unwrap_or(0);
    Ok(phase)
}

/// A distinct IPv4 address for each `n`, in 10.0.0.0/8.
pub fn client_ip(n: u64) -> String {
    let n = n % (1 << 24);
    format!("10.{}.{}.{}", n >> 16, (n >> 8) & 0xff, n & 0xff)
}
