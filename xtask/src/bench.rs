//! `cargo xtask bench <name>`: runs one benchmark, optimised, and lets it print its
//! figures. Benchmarks measure; they never fail on a slow result.

use anyhow::bail;

use crate::util::{self, cargo};

/// A `harness = false` bench target that prints its own figures.
struct Bench {
    /// The target's name, which is also the name `cargo xtask bench` takes.
    name: &'static str,
    package: &'static str,
    measures: &'static str,
}

const BENCHES: [Bench; 2] = [
    Bench {
        name: "search",
        package: "server",
        measures: "help-center search over 10,000 articles: index build, latency in-process and over HTTP",
    },
    Bench {
        name: "abuse",
        package: "server",
        measures: "a release `helpline serve` flooded with wrong sign-ins and new visitors: memory, /healthz latency",
    },
];

pub fn bench(args: &[String]) -> anyhow::Result<()> {
    let known: Vec<String> = BENCHES.iter().map(|bench| format!("  {:<8}{}", bench.name, bench.measures)).collect();
    let known = known.join("\n");
    let [name] = args else {
        bail!("usage: cargo xtask bench <name>\n\nbenchmarks:\n{known}");
    };
    let Some(bench) = BENCHES.iter().find(|bench| bench.name == name) else {
        bail!("no benchmark named {name:?}\n\nbenchmarks:\n{known}");
    };
    util::run(cargo().args(["bench", "--package", bench.package, "--bench", bench.name]))
}
