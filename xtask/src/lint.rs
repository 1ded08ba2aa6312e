//! Clippy folded into the native build. `cargo clippy` is `cargo check` with clippy's
//! driver as the compiler wrapper of the workspace's crates; a separate `check` of
//! every dependency is the costliest step of a cold run. Running the same driver as
//! the wrapper of the test build lints each workspace crate while it compiles, and the
//! dependencies, which the wrapper never touches, are compiled once.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::util::{self, cargo, root};

/// The variable cargo reads for a wrapper of the workspace's own crates only.
pub const WRAPPER: &str = "RUSTC_WORKSPACE_WRAPPER";

/// Clippy's driver, beside the toolchain's `rustc`.
pub fn clippy_driver() -> anyhow::Result<PathBuf> {
    let sysroot =
        util::output(Command::new("rustc").args(["--print", "sysroot"])).context("`rustc --print sysroot` failed")?;
    let driver = PathBuf::from(sysroot.trim()).join("bin").join("clippy-driver");
    if !driver.is_file() {
        bail!("clippy's driver is not at {}: add the clippy component", driver.display());
    }
    Ok(driver)
}

/// Builds every native target of the workspace that the tests run (libraries, which
/// nextest's `cargo test` wants of the browser crates too; binaries; unit and
/// integration tests; benches) with clippy linting the workspace's crates. Any warning
/// fails the step, as `cargo clippy -- -D warnings` would; cargo replays the warnings
/// of crates it does not rebuild, so a warm build still fails.
pub fn build_native(driver: &Path) -> anyhow::Result<()> {
    let mut command = cargo();
    command
        .args([
            "build",
            "--workspace",
            "--lib",
            "--bins",
            "--tests",
            "--benches",
            "--message-format=json-diagnostic-rendered-ansi",
        ])
        .env(WRAPPER, driver)
        .current_dir(root())
        .stdout(Stdio::piped());
    eprintln!("$ {WRAPPER}={} cargo build --workspace --lib --bins --tests --benches", driver.display());
    let mut child = command.spawn().context("start cargo build")?;
    let stdout = child.stdout.take().context("cargo build's output")?;
    let mut warned = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("read cargo build's output")?;
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            println!("{line}");
            continue;
        };
        if message["reason"] != "compiler-message" {
            continue;
        }
        let diagnostic = &message["message"];
        if let Some(rendered) = diagnostic["rendered"].as_str() {
            eprint!("{rendered}");
        }
        warned |= diagnostic["level"] == "warning";
    }
    let status = child.wait().context("wait for cargo build")?;
    if !status.success() {
        bail!("the native build failed with {status}");
    }
    if warned {
        bail!("clippy or rustc warned (above): the build allows no warnings");
    }
    Ok(())
}
