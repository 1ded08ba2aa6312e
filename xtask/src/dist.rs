//! `cargo xtask dist`: builds the widget and console to WebAssembly, splits off their
//! lazily loaded screens ([`crate::split`]), binds them with the wasm-bindgen library at
//! the version Cargo.lock pins (with short import names, [`crate::imports`]), shrinks
//! them with wasm-opt and their JavaScript with terser when present, hashes and
//! pre-compresses every asset, writes `target/dist/`, and prints the size table with
//! each app's first load and lazy modules.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

use crate::imports;
use crate::prereq;
use crate::split;
use crate::util::{self, cargo, root};

/// One front-end app: its crate, its stylesheet, and the logical name it is served as.
struct App {
    krate: &'static str,
    name: &'static str,
    css: &'static str,
}

const APPS: [App; 2] = [
    App { krate: "widget", name: "widget", css: "style/widget.css" },
    App { krate: "app", name: "console", css: "style/console.css" },
];

/// Sizes of one asset, for the table `dist` prints.
struct SizeRow {
    logical: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

pub fn dist() -> anyhow::Result<()> {
    prereq::wasm_target()?;
    check_bindgen_version()?;
    let root = root();
    util::run(
        cargo()
            .args([
                "build",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "wasm-release",
                "-p",
                "widget",
                "-p",
                "app",
            ])
            .args(remap_registry_paths())
            // Built through clippy's driver (as `cargo xtask test`'s lint step and a
            // developer's shell may set it), the same sources came out 216 B larger
            // (brotli): the shipped bytes should not depend on the caller's shell.
            .env_remove("RUSTC_WORKSPACE_WRAPPER"),
    )?;

    let work = root.join("target/dist-work");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).context("create target/dist-work")?;
    let wasm_opt = prereq::wasm_opt();
    match &wasm_opt {
        Some(path) => eprintln!("wasm-opt: {}", path.display()),
        None => eprintln!(
            "wasm-opt: not found, so the WebAssembly is not shrunk (about twice as large). \
             `cargo xtask test` installs it (npm package binaryen); or put wasm-opt >= 110 on the PATH."
        ),
    }

    let terser = prereq::terser();
    if terser.is_none() {
        eprintln!(
            "terser: not found, so the generated JavaScript is not minified (about 3 kB brotli more per app). \
             `cargo xtask test` installs it (npm package terser)."
        );
    }

    // wasm-opt's own version is part of its cache key: an upgraded binaryen optimises
    // everything again.
    let wasm_opt_version =
        wasm_opt.as_deref().and_then(|path| util::output(Command::new(path).arg("--version"))).unwrap_or_default();
    let started = std::time::SystemTime::now();
    let mut files: Vec<(String, String, Vec<u8>)> = Vec::new();
    for app in &APPS {
        let input = root.join(format!("target/wasm32-unknown-unknown/wasm-release/{}.wasm", app.krate));
        let out = work.join(app.name);
        let split = split::split(app.name, &input, &out.join("split"))?;
        let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
        bindgen
            .input_path(&split.main)
            .web(true)
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .typescript(false)
            // The lazy modules import the main module's functions by their linker names.
            .keep_lld_exports(true)
            .out_name(app.name);
        let mut bound = bindgen.generate_output().map_err(|e| anyhow::anyhow!("wasm-bindgen {}: {e}", app.krate))?;
        let renames = imports::shorten(bound.wasm_mut(), &format!("./{}_bg.js", app.name));
        bound.emit(&out).map_err(|e| anyhow::anyhow!("write the bound {}: {e}", app.krate))?;
        let js_path = out.join(format!("{}.js", app.name));
        let wasm_path = out.join(format!("{}_bg.wasm", app.name));
        let glue = imports::rename_in_glue(&std::fs::read_to_string(&js_path).context("read bound js")?, &renames)?;
        // Written back, so the bound pair in dist-work stays one that works together.
        std::fs::write(&js_path, &glue).context("write bound js")?;
        if let Some(wasm_opt) = &wasm_opt {
            let modules: Vec<&Path> = std::iter::once(wasm_path.as_path())
                .chain(split.lazy.iter().map(|(_, chunk)| chunk.as_path()))
                .collect();
            optimise_all(wasm_opt, &wasm_opt_version, &modules)?;
        }
        let js = minify_js(terser.as_deref(), glue).with_context(|| format!("minify {}.js", app.name))?;
        let link = std::fs::read_to_string(&split.link).context("read the wasm-split link script")?;
        let mut link = minify_js(terser.as_deref(), link).with_context(|| format!("minify {}-split.js", app.name))?;
        let wasm = std::fs::read(&wasm_path).context("read wasm")?;
        let mut css = String::new();
        for sheet in ["style/tokens.css", "style/base.css", app.css] {
            css.push_str(&std::fs::read_to_string(root.join(sheet)).with_context(|| format!("read {sheet}"))?);
            css.push('\n');
        }
        // The stylesheet is part of every first load, so it goes out minified (about
        // 1 kB brotli off each app). The generated scripts are not: the rustdoc minifier
        // joins wasm-bindgen's import statements into invalid JavaScript.
        let css = minifier::css::minify(&css)
            .map_err(|e| anyhow::anyhow!("minify {}: {e}", app.css))?
            .to_string()
            .into_bytes();

        // The lazy modules are named by their content, and the link script fetches them
        // by those names.
        for (stem, chunk) in &split.lazy {
            let bytes = std::fs::read(chunk).with_context(|| format!("read {}", chunk.display()))?;
            let short = split::short_name(stem);
            let name = hashed(&format!("{}-{short}", app.name), "wasm", &bytes);
            link = replace_quoted(&link, &format!("./{stem}.wasm"), &format!("./{name}"))?;
            files.push((format!("{}.lazy.{short}.wasm", app.name), name, bytes));
        }
        // The glue imports the link script and the link script imports the glue, so
        // neither name can be the hash of its own file: both take the hash of the pair.
        let pair = [js.as_bytes(), link.as_bytes()].concat();
        let js_name = hashed(app.name, "js", &pair);
        let link_name = hashed(&format!("{}-split", app.name), "js", &pair);
        // Only the import statements change: the module's imports object keeps the name
        // the wasm imports from.
        let js = replace_import(&js, split::LINK_PLACEHOLDER, &format!("./{link_name}"))?;
        let placeholder = split::main_module_placeholder(app.name);
        let link = replace_quoted(&link, &placeholder, &format!("./{js_name}"))?;
        let wasm_name = hashed(app.name, "wasm", &wasm);
        let boot = format!(
            "import init from \"./{js_name}\";\ninit({{ module_or_path: new URL(\"./{wasm_name}\", import.meta.url) }});\n"
        )
        .into_bytes();
        let boot_name = hashed(&format!("{}-boot", app.name), "js", &boot);
        let css_name = hashed(app.name, "css", &css);
        files.push((format!("{}.js", app.name), js_name, js.into_bytes()));
        files.push((format!("{}-split.js", app.name), link_name, link.into_bytes()));
        files.push((format!("{}.wasm", app.name), wasm_name, wasm));
        files.push((format!("{}-boot.js", app.name), boot_name, boot));
        files.push((format!("{}.css", app.name), css_name, css));
    }
    if wasm_opt.is_some() {
        prune_optimised(started);
    }
    let loader = loader()?;
    files.push(("helpline.js".into(), "helpline.js".into(), loader));
    write_dist(&root.join("target/dist"), files)
}

/// `--config` adding a `--remap-path-prefix` for each crates.io source directory to the
/// wasm build's flags (cargo appends it to `.cargo/config.toml`'s), so a panic location
/// left in the wasm names `crate-1.0/src/file.rs` rather than this machine's cargo home.
/// The apps are then the same bytes wherever cargo keeps its sources, and the
/// messenger's first open is 181 B (brotli) lighter.
fn remap_registry_paths() -> Vec<String> {
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".cargo")));
    let sources = home.and_then(|home| std::path::absolute(home.join("registry/src")).ok());
    let entries = sources.and_then(|sources| std::fs::read_dir(sources).ok()).into_iter().flatten();
    let mut dirs: Vec<String> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()).filter(|path| path.is_dir()))
        .filter_map(|dir| dir.to_str().map(str::to_owned))
        .collect();
    if dirs.is_empty() {
        eprintln!("cargo's registry sources were not found, so panic locations keep their full paths");
        return Vec::new();
    }
    dirs.sort();
    let flags = dirs.iter().map(|dir| toml::Value::String(format!("--remap-path-prefix={dir}/="))).collect();
    vec!["--config".into(), format!("target.wasm32-unknown-unknown.rustflags={}", toml::Value::Array(flags))]
}

/// wasm-bindgen's glue or wasm-split's link script minified by terser (as an ES
/// module: names compressed and mangled, exports and the wasm's import names kept), or
/// as it is without terser. The rustdoc minifier the loader uses joins the glue's
/// import statements into invalid JavaScript.
fn minify_js(terser: Option<&Path>, source: String) -> anyhow::Result<String> {
    let Some(terser) = terser else { return Ok(source) };
    let mut child = Command::new("node")
        .arg(terser)
        .args(["--module", "--compress", "--mangle"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("start terser")?;
    let mut stdin = child.stdin.take().context("terser's stdin")?;
    // Written from a thread, so a full stdout pipe cannot stall both sides.
    let writer = std::thread::spawn(move || stdin.write_all(source.as_bytes()));
    let output = child.wait_with_output().context("run terser")?;
    writer.join().map_err(|_| anyhow::anyhow!("the thread feeding terser panicked"))?.context("feed terser")?;
    if !output.status.success() {
        bail!("terser failed ({})", output.status);
    }
    String::from_utf8(output.stdout).context("terser's output is UTF-8")
}

/// `text` with the string literal `from` (in either quotes) replaced by `to`; an error
/// when it is absent, since a module name left unreplaced fails only in the browser.
fn replace_quoted(text: &str, from: &str, to: &str) -> anyhow::Result<String> {
    for quote in ['"', '\''] {
        let quoted = format!("{quote}{from}{quote}");
        if text.contains(&quoted) {
            return Ok(text.replace(&quoted, &format!("{quote}{to}{quote}")));
        }
    }
    bail!("the generated JavaScript does not name {from}")
}

/// `text` with the module `from` of its import statements (`from "…"`, spaced or not,
/// as terser writes them) replaced by `to`; an error when none imports it.
fn replace_import(text: &str, from: &str, to: &str) -> anyhow::Result<String> {
    let mut replaced = text.to_owned();
    for (space, quote) in [(" ", '"'), ("", '"'), (" ", '\''), ("", '\'')] {
        replaced =
            replaced.replace(&format!("from{space}{quote}{from}{quote}"), &format!("from{space}{quote}{to}{quote}"));
    }
    if replaced == text {
        bail!("the generated JavaScript does not import {from}");
    }
    Ok(replaced)
}

/// The loader, minified with the minifier rustdoc uses.
pub fn loader() -> anyhow::Result<Vec<u8>> {
    let source = std::fs::read_to_string(root().join("widget/loader/helpline.js")).context("read the loader")?;
    Ok(minifier::js::minify(&source).to_string().into_bytes())
}

fn write_dist(dir: &Path, files: Vec<(String, String, Vec<u8>)>) -> anyhow::Result<()> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).context("create target/dist")?;
    let mut manifest = BTreeMap::new();
    let mut rows = Vec::new();
    for (logical, name, bytes) in files {
        let gzip = gzip(&bytes)?;
        let brotli = brotli(&bytes)?;
        std::fs::write(dir.join(&name), &bytes)?;
        std::fs::write(dir.join(format!("{name}.gz")), &gzip)?;
        std::fs::write(dir.join(format!("{name}.br")), &brotli)?;
        rows.push(SizeRow { logical: logical.clone(), raw: bytes.len(), gzip: gzip.len(), brotli: brotli.len() });
        manifest.insert(logical, name);
    }
    std::fs::write(dir.join("manifest.json"), serde_json::to_vec_pretty(&manifest)?)?;
    print_table(&rows);
    Ok(())
}

/// The assets an app's first load fetches: its page links the stylesheet and the boot
/// script, which imports the glue, which imports the split link script and instantiates
/// the main module (the page preloads those three, so they come side by side). Its
/// `.lazy.` modules come only when a screen needs them. tests/tests/assets.rs holds these
/// to the budgets.
pub fn first_load(app: &str) -> [String; 5] {
    ["-boot.js", ".js", "-split.js", ".wasm", ".css"].map(|suffix| format!("{app}{suffix}"))
}

fn print_table(rows: &[SizeRow]) {
    let line = |name: &str, raw: usize, gzip: usize, brotli: usize| {
        println!("{name:<34} {raw:>10} {gzip:>10} {brotli:>10}");
    };
    println!();
    println!("{:<34} {:>10} {:>10} {:>10}", "asset", "raw", "gzip", "brotli");
    for row in rows {
        line(&row.logical, row.raw, row.gzip, row.brotli);
    }
    for app in ["widget", "console"] {
        let first = first_load(app);
        let sum = |keep: &dyn Fn(&SizeRow) -> bool| {
            rows.iter().filter(|r| keep(r)).fold((0, 0, 0), |(a, b, c), r| (a + r.raw, b + r.gzip, c + r.brotli))
        };
        let (raw, gzip, brotli) = sum(&|r| first.contains(&r.logical));
        line(&format!("{app} first load"), raw, gzip, brotli);
        let lazy = format!("{app}.lazy.");
        let (raw, gzip, brotli) = sum(&|r| r.logical.starts_with(&lazy));
        line(&format!("{app} lazy, all screens"), raw, gzip, brotli);
    }
    println!();
}

/// `name-<first 10 hex of sha256>.ext`: the name changes exactly when the content does.
fn hashed(name: &str, extension: &str, bytes: &[u8]) -> String {
    let digest = hex::encode(Sha256::digest(bytes));
    format!("{name}-{}.{extension}", &digest[..10])
}

pub fn gzip(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn brotli(bytes: &[u8]) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Shrinks every module, as many at once as there are cores: most are small lazy
/// screens, for which starting wasm-opt (npm's is itself WebAssembly on Node) costs more
/// than the work.
fn optimise_all(wasm_opt: &Path, version: &str, modules: &[&Path]) -> anyhow::Result<()> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(modules.len()).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| -> anyhow::Result<()> {
                    loop {
                        let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(module) = modules.get(at) else { return Ok(()) };
                        optimise(wasm_opt, version, module)?;
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|handle| handle.join().map_err(|_| anyhow::anyhow!("a wasm-opt worker panicked"))?)
    })
}

/// What wasm-opt is asked for. `--converge` repeats the passes while they still shrink
/// the module: about 1.5 kB (brotli) more off the messenger's first load than one round.
/// The producers and target-features sections are for tools, which have read them by
/// now (wasm-bindgen the features); the browser needs neither.
const WASM_OPT_ARGS: [&str; 10] = [
    "-Oz",
    "--converge",
    "--strip-producers",
    "--strip-target-features",
    "--enable-reference-types",
    "--enable-bulk-memory",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
];

/// Optimises one module in place. wasm-opt is deterministic, so its output is kept in
/// `target/wasm-opt-cache`, named by the hash of its input, arguments and `version`: a
/// module that did not change (most of them, after most changes) is not optimised again.
fn optimise(wasm_opt: &Path, version: &str, wasm: &Path) -> anyhow::Result<()> {
    let input = std::fs::read(wasm).with_context(|| format!("read {}", wasm.display()))?;
    let mut key = Sha256::new();
    key.update(WASM_OPT_ARGS.join(" "));
    key.update(version);
    key.update(&input);
    let cache = root().join("target/wasm-opt-cache");
    let cached = cache.join(format!("{}.wasm", hex::encode(key.finalize())));
    if cached.is_file() {
        // Marked as used by this build, so `prune_optimised` keeps it.
        let file = std::fs::File::options().write(true).open(&cached).context("open a cached module")?;
        file.set_modified(std::time::SystemTime::now()).context("mark a cached module used")?;
    } else {
        std::fs::create_dir_all(&cache).context("create the wasm-opt cache")?;
        let optimised = wasm.with_extension("opt.wasm");
        util::run(Command::new(wasm_opt).arg(wasm).args(WASM_OPT_ARGS).arg("-o").arg(&optimised))?;
        std::fs::rename(&optimised, &cached).context("keep the optimised module")?;
    }
    std::fs::copy(&cached, wasm).context("replace wasm with optimised")?;
    Ok(())
}

/// Drops the cached modules this build did not use, so the cache holds one build.
fn prune_optimised(started: std::time::SystemTime) {
    let Ok(entries) = std::fs::read_dir(root().join("target/wasm-opt-cache")) else { return };
    for entry in entries.flatten() {
        let stale = entry.metadata().and_then(|meta| meta.modified()).is_ok_and(|modified| modified < started);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The bindgen step and the `wasm-bindgen` crate must be the same version, or the
/// generated glue does not match the compiled module. Both are pinned in Cargo.toml;
/// this catches a lock file that drifted anyway.
fn check_bindgen_version() -> anyhow::Result<()> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).context("read Cargo.lock")?;
    let lock: toml::Value = toml::from_str(&lock).context("parse Cargo.lock")?;
    let version_of = |name: &str| -> Option<String> {
        lock.get("package")?
            .as_array()?
            .iter()
            .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(name))?
            .get("version")?
            .as_str()
            .map(str::to_owned)
    };
    let library = version_of("wasm-bindgen").context("wasm-bindgen is not in Cargo.lock")?;
    let bindgen = version_of("wasm-bindgen-cli-support").context("wasm-bindgen-cli-support is not in Cargo.lock")?;
    if library != bindgen {
        bail!(
            "wasm-bindgen {library} and wasm-bindgen-cli-support {bindgen} differ in Cargo.lock; pin both to one version"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_statements_are_renamed_spaced_or_not_and_the_imports_object_keeps_its_key() {
        let glue = "import * as a from \"./__wasm_split.js\"\nimport*as b from\"./__wasm_split.js\";\
                    imports[\"./__wasm_split.js\"]=a;";
        let renamed = replace_import(glue, "./__wasm_split.js", "./console-split-1.js").expect("imported");
        assert_eq!(
            renamed,
            "import * as a from \"./console-split-1.js\"\nimport*as b from\"./console-split-1.js\";\
             imports[\"./__wasm_split.js\"]=a;"
        );
    }

    #[test]
    fn a_module_name_the_script_lacks_is_an_error_not_a_silent_miss() {
        assert!(replace_import("import x from\"./other.js\"", "./__wasm_split.js", "./y.js").is_err());
        assert!(replace_quoted("load(\"./chunk_13.wasm\")", "./chunk_1.wasm", "./z.wasm").is_err());
    }

    #[test]
    fn quoted_names_are_replaced_whole_in_either_quotes() {
        let link = "f(\"./chunk_1.wasm\");g(\"./chunk_13.wasm\");h('./console.js')";
        let link = replace_quoted(link, "./chunk_1.wasm", "./console-chunk_1-ab.wasm").expect("named");
        let link = replace_quoted(&link, "./console.js", "./console-cd.js").expect("named");
        assert_eq!(link, "f(\"./console-chunk_1-ab.wasm\");g(\"./chunk_13.wasm\");h('./console-cd.js')");
    }

    #[test]
    fn without_terser_the_script_is_kept_as_it_is() {
        let source = "export function f() { return 1; }\n".to_owned();
        assert_eq!(minify_js(None, source.clone()).expect("kept"), source);
    }

    #[test]
    fn terser_keeps_exports_and_import_names_while_shrinking() {
        // `cargo xtask test` installs the Node.js tools before the tests run.
        let terser = prereq::terser().expect("terser, from the Node.js tools");
        let source = "import * as helper from \"./__wasm_split.js\";\n\
                      export function startMessenger(longArgumentName) {\n    \
                      const imports = {};\n    imports[\"./__wasm_split.js\"] = helper;\n    \
                      return [imports, longArgumentName];\n}\n"
            .to_owned();
        let minified = minify_js(Some(&terser), source.clone()).expect("minified");
        assert!(minified.len() < source.len(), "{minified}");
        assert!(minified.contains("export function startMessenger("), "{minified}");
        assert!(minified.contains("\"./__wasm_split.js\""), "{minified}");
        assert!(!minified.contains("longArgumentName"), "{minified}");
        replace_import(&minified, "./__wasm_split.js", "./x.js").expect("still imports the link script");
    }
}
