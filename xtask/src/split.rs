//! Code splitting: cuts an app's compiled module at its `wasm_split` functions with the
//! wasm-split library (`wasm_split_cli_support`, the code cargo-leptos runs), so the
//! screens not needed at first load come as separate modules when they are opened.
//!
//! The output is a main module for wasm-bindgen, one module per lazy screen (plus
//! modules of code several screens share), and a small "link" script the bound glue
//! imports, which fetches and instantiates those modules on demand.

use std::path::{Path, PathBuf};

use anyhow::Context;

/// Where wasm-split's main module and link script go before naming; see [`split`].
pub const LINK_PLACEHOLDER: &str = "./__wasm_split.js";

/// The main module's glue as the link script names it, replaced when files get their
/// hashed names.
pub fn main_module_placeholder(app: &str) -> String {
    format!("./{app}.js")
}

/// What [`split`] wrote.
pub struct Split {
    /// The main module, still to be bound by wasm-bindgen.
    pub main: PathBuf,
    /// The link script the main module imports as [`LINK_PLACEHOLDER`].
    pub link: PathBuf,
    /// The lazily loaded modules, by file stem (`split_…`, `chunk_…`).
    pub lazy: Vec<(String, PathBuf)>,
}

/// Splits `input` (the linker's output, built with `--emit-relocs`) into `out`.
pub fn split(app: &str, input: &Path, out: &Path) -> anyhow::Result<Split> {
    let bytes = std::fs::read(input).with_context(|| format!("read {}", input.display()))?;
    std::fs::create_dir_all(out).with_context(|| format!("create {}", out.display()))?;
    let main = out.join("main.wasm");
    let main_module = main_module_placeholder(app);
    let mut options = wasm_split_cli_support::Options::new(&bytes);
    options.output_dir = out;
    options.main_out_path = &main;
    options.main_module = &main_module;
    options.link_name = LINK_PLACEHOLDER;
    let split = wasm_split_cli_support::transform(options).map_err(|e| anyhow::anyhow!("wasm-split {app}: {e:#}"))?;
    let mut lazy = Vec::new();
    for path in split.split_modules {
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .with_context(|| format!("wasm-split wrote an unnamed module {}", path.display()))?
            .to_owned();
        lazy.push((stem, path));
    }
    lazy.sort();
    let link = out.join(LINK_PLACEHOLDER.trim_start_matches("./"));
    Ok(Split { main, link, lazy })
}

/// A lazy module's short name for the size table and the manifest: wasm-split names
/// them `split_<name>_<hash of the call site>` and `chunk_<n>_…`; the hash goes.
pub fn short_name(stem: &str) -> String {
    match stem.rsplit_once('_') {
        Some((head, tail)) if tail.len() >= 8 && tail.bytes().all(|b| b.is_ascii_digit()) => head.to_owned(),
        _ => stem.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::short_name;

    #[test]
    fn short_names_drop_the_call_site_hash() {
        assert_eq!(short_name("split_ticket_list_12345678901234567"), "split_ticket_list");
        assert_eq!(short_name("chunk_3_ticket_list"), "chunk_3_ticket_list");
    }
}
