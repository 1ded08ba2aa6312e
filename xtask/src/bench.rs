//! `cargo xtask bench <name>`: runs one benchmark, optimised, and lets it print its
//! figures. Benchmarks measure; they never fail on a slow result.

use std::process::Command;

use anyhow::bail;

use crate::util::{self, cargo, root};
use crate::{dist, prereq};

/// How a benchmark runs.
enum Runner {
    /// A `harness = false` bench target of this package that prints its own figures.
    Cargo { package: &'static str },
    /// A Node.js script under tests/browser/bench/ that drives headless Chromium
    /// against a release `helpline` with the release widget and console built in.
    Browser { script: &'static str },
}

struct Bench {
    /// The name `cargo xtask bench` takes.
    name: &'static str,
    runner: Runner,
    measures: &'static str,
}

const BENCHES: [Bench; 6] = [
    Bench {
        name: "search",
        runner: Runner::Cargo { package: "server" },
        measures: "help-center search over 10,000 articles: index build, latency in-process and over HTTP",
    },
    Bench {
        name: "abuse",
        runner: Runner::Cargo { package: "server" },
        measures: "a release `helpline serve` flooded with wrong sign-ins and new visitors: memory, /healthz latency",
    },
    Bench {
        name: "inbox",
        runner: Runner::Cargo { package: "server" },
        measures: "the console's inbox query over 100,000 conversations on SQLite and PostgreSQL: p50/p99 per view",
    },
    Bench {
        name: "uploads",
        runner: Runner::Cargo { package: "server" },
        measures: "10 MB file uploads to a release `helpline serve`: time, throughput, memory during 20 at once",
    },
    Bench {
        name: "chat",
        runner: Runner::Cargo { package: "server" },
        measures: "live chat on a release `helpline serve`: memory per idle socket up to 50,000; traffic on SQLite and PostgreSQL",
    },
    Bench {
        name: "messenger",
        runner: Runner::Browser { script: "messenger.mjs" },
        measures: "messenger click → usable in headless Chromium, cold cache, loopback and Fast 3G; bytes by type",
    },
];

pub fn bench(args: &[String]) -> anyhow::Result<()> {
    let known: Vec<String> = BENCHES.iter().map(|bench| format!("  {:<10}{}", bench.name, bench.measures)).collect();
    let known = known.join("\n");
    let [name] = args else {
        bail!("usage: cargo xtask bench <name>\n\nbenchmarks:\n{known}");
    };
    let Some(bench) = BENCHES.iter().find(|bench| bench.name == name) else {
        bail!("no benchmark named {name:?}\n\nbenchmarks:\n{known}");
    };
    match bench.runner {
        Runner::Cargo { package } => util::run(cargo().args(["bench", "--package", package, "--bench", bench.name])),
        Runner::Browser { script } => browser(script),
    }
}

fn browser(script: &str) -> anyhow::Result<()> {
    prereq::node_tools()?;
    let chromium = prereq::chromium()?;
    dist::dist()?;
    util::run(cargo().args(["build", "--release", "--package", "server", "--bin", "helpline"]))?;
    util::run(
        Command::new("node")
            .arg(prereq::node_dir().join("bench").join(script))
            .env("HELPLINE_BIN", root().join("target/release/helpline"))
            .env("CHROMIUM_PATH", &chromium),
    )
}
