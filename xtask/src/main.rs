//! Helpline's build system, run as `cargo xtask <command>`: plain Rust, no tool that
//! downloads anything by itself.

mod bench;
mod dist;
mod imports;
mod lint;
mod prereq;
mod run;
mod split;
mod test;
mod util;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  bench <name>    run a benchmark, optimised, and print its figures (search, abuse, uploads, messenger)
  dist            build the widget, console and loader into target/dist (size table printed)
  run [--port N]  build everything and run Helpline with the demo on http://127.0.0.1:8080/demo
  test            run every test CI runs, installing what is missing";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("bench") => bench::bench(&args[1..]),
        Some("dist") => dist::dist(),
        Some("run") => run::run(&args[1..]),
        Some("test") => test::test(&args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}
