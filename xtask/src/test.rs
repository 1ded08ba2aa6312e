//! `cargo xtask test`: everything CI runs, on a fresh machine. It brings up what the
//! tests need (wasm target, Node.js tools, Chromium, PostgreSQL) and fails loudly on
//! anything it cannot provide.

use std::process::Command;
use std::time::Instant;

use anyhow::bail;

use crate::dist;
use crate::lint;
use crate::prereq::{self, Postgres};
use crate::util::{self, cargo, root};

pub fn test(args: &[String]) -> anyhow::Result<()> {
    if !args.is_empty() {
        bail!("usage: cargo xtask test");
    }
    let started = Instant::now();
    let mut timings = Vec::new();
    let mut step = |name: &'static str, at: Instant| timings.push((name, at.elapsed()));

    let at = Instant::now();
    tidy()?;
    prereq::wasm_target()?;
    prereq::node_tools()?;
    prereq::aiosmtpd()?;
    prereq::s3rver()?;
    prereq::clamd()?;
    prereq::backup_tools()?;
    if !util::on_path("cargo-nextest") {
        util::run(cargo().args(["install", "--locked", "cargo-nextest"]))?;
    }
    prereq::clippy()?;
    let chromium = prereq::chromium()?;
    let postgres = Postgres::start()?;
    step("prerequisites and tidy", at);

    let at = Instant::now();
    dist::dist()?;
    step("dist", at);

    // After dist: the server embeds target/dist, which must exist to compile.
    let at = Instant::now();
    lint_wasm()?;
    step("clippy (wasm32)", at);

    let at = Instant::now();
    let corpus = corpus_dir();
    let mut not_run = Vec::new();
    let mut command = cargo();
    command.args(["nextest", "run", "--workspace"]).env("HELPLINE_TEST_POSTGRES_URL", &postgres.url);
    // The durability suite runs the binary built below in processes it can kill.
    command.env("HELPLINE_BIN", root().join("target/debug/helpline"));
    if corpus.is_dir() {
        command.env("HELPLINE_CORPUS_DIR", &corpus);
    } else {
        command.args(["-E", "not test(/^corpus::/) and not test(/^relevance::/)"]);
        not_run.push(format!(
            "the corpus suites (tests/tests/corpus.rs, tests/tests/relevance.rs): {} is absent",
            corpus.display()
        ));
    }
    // One build of tests and binaries together, linted as it compiles, so all share
    // one feature resolution and the browser tests' `helpline` binary costs only a
    // link; nextest then finds everything built (same wrapper, same fingerprints).
    let driver = lint::clippy_driver()?;
    lint::build_native(&driver)?;
    command.env(lint::WRAPPER, &driver);
    step("native build with clippy", at);
    let at = Instant::now();
    util::run(&mut command)?;
    step("unit, storage and integration tests", at);

    let at = Instant::now();
    util::run(
        Command::new("node")
            .args(["--test", "--test-concurrency=1"])
            .arg(root().join("tests/browser"))
            .env("HELPLINE_BIN", root().join("target/debug/helpline"))
            .env("CHROMIUM_PATH", &chromium),
    )?;
    step("browser tests", at);

    drop(postgres);
    println!("\ncargo xtask test passed in {:.0?}", started.elapsed());
    for (name, took) in timings {
        println!("  {name:<40} {took:.1?}");
    }
    for suite in not_run {
        println!("NOT RUN: {suite}");
    }
    Ok(())
}

/// Clippy with warnings as errors for the browser crates as they ship, for wasm32. The
/// native crates are linted by their build (`lint::build_native`). In the profile dist
/// builds with, so the proc macros and build scripts dist compiled are reused: in the
/// dev profile a cold run compiled 74 of them again (245 s of a fresh clone's run).
fn lint_wasm() -> anyhow::Result<()> {
    util::run(cargo().args([
        "clippy",
        "--profile",
        "wasm-release",
        "--package",
        "widget",
        "--package",
        "app",
        "--package",
        "protocol",
        "--package",
        "client",
        "--package",
        "i18n",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// The real help centers used as test data: `HELPLINE_CORPUS_DIR`, or `../shared/corpus`
/// beside the repository.
fn corpus_dir() -> std::path::PathBuf {
    std::env::var_os("HELPLINE_CORPUS_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpus"))
}

/// Cheap checks of the tree: formatting, and a `//!` line opening every Rust file.
fn tidy() -> anyhow::Result<()> {
    util::run(cargo().args(["fmt", "--all", "--check"]))?;
    let listed = util::output(
        Command::new("git")
            .args(["ls-files", "--cached", "--others", "--exclude-standard", "*.rs"])
            .current_dir(root()),
    )
    .unwrap_or_default();
    let sources: Vec<(&str, String)> =
        listed.lines().filter_map(|file| Some((file, std::fs::read_to_string(root().join(file)).ok()?))).collect();
    let missing: Vec<&str> =
        sources.iter().filter(|(_, text)| !text.starts_with("//!")).map(|(file, _)| *file).collect();
    if !missing.is_empty() {
        bail!("these Rust files do not open with a //! line saying what they are for: {}", missing.join(", "));
    }
    let broken: Vec<String> = sources
        .iter()
        .filter(|(file, _)| file.starts_with("widget/src/") || file.starts_with("app/src/"))
        .flat_map(|(file, text)| view_rule_breaks(text).into_iter().map(move |line| format!("{file}:{line}")))
        .collect();
    if !broken.is_empty() {
        bail!(
            "Leptos's #[lazy] traps the app when its module cannot be fetched, so split functions are \
             #[wasm_split(name, wasm_split_path = leptos::wasm_split, fallible)] (client::web::lazy); and event \
             handlers go through client::web::dom::handler, so Leptos compiles them once per event (ARCHITECTURE, \
             Invariants). These lines do neither: {}",
            broken.join(", ")
        );
    }
    Ok(())
}

/// The lines (1-based) of an app's source that use Leptos's `#[lazy]`, or give an `on:`
/// attribute a handler that is not boxed by `handler(…)`.
fn view_rule_breaks(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.trim_start();
            if code.starts_with("//") {
                return false;
            }
            code == "#[lazy]" || unboxed_handler(code)
        })
        .map(|(index, _)| index + 1)
        .collect()
}

/// Whether `code` has an `on:event=` attribute whose value does not start with `handler(`.
fn unboxed_handler(code: &str) -> bool {
    code.match_indices("on:").any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let rest = &code[at + 3..];
        let event_len = rest.bytes().take_while(|byte| byte.is_ascii_lowercase()).count();
        before.is_none_or(|c| c.is_whitespace() || c == '<')
            && event_len > 0
            && rest[event_len..].starts_with('=')
            && !rest[event_len + 1..].starts_with("handler(")
    })
}

#[cfg(test)]
mod tests {
    use super::view_rule_breaks;

    #[test]
    fn lazy_and_unboxed_handlers_are_named_by_line() {
        let text = "//! A view.\n\
                    #[lazy]\n\
                    fn page() {}\n\
                    // on:click=move |_| in a comment is fine\n\
                    <button on:click=handler(move |_| go())>\n\
                    <button class=\"x\" on:click=move |_| go()>\n\
                    <form on:submit=on_submit>\n\
                    let text = \"uppercase: on:Click=x and son:click=x\";\n\
                    #[wasm_split(page, wasm_split_path = leptos::wasm_split, fallible)]\n";
        assert_eq!(view_rule_breaks(text), vec![2, 6, 7]);
    }
}
