//! `cargo xtask run`: build everything and start Helpline with the demo on its
//! embedded defaults (SQLite at ./data/helpline.db).

use std::process::Command;

use anyhow::Context;

use crate::util::{self, cargo, root};
use crate::{dist, prereq};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let port = match args {
        [] => 8080,
        [flag, port] if flag == "--port" => port.parse().context("--port takes a number")?,
        _ => anyhow::bail!("usage: cargo xtask run [--port N]"),
    };
    // The optimiser is welcome but not required to try Helpline.
    if let Err(error) = prereq::node_tools() {
        eprintln!("note: {error:#}; continuing without wasm-opt");
    }
    dist::dist()?;
    util::run(cargo().args(["build", "-p", "server", "--bin", "helpline"]))?;
    let binary = root().join("target/debug/helpline");
    util::run(Command::new(binary).args(["serve", "--demo"]).env("HELPLINE_SERVER__BIND", format!("127.0.0.1:{port}")))
}
