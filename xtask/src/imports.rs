//! Short names for the functions an app's WebAssembly imports from wasm-bindgen's glue.
//!
//! wasm-bindgen names each import after the JavaScript it calls plus a hash
//! (`__wbg_getItem_5f4e2ab0c1d3e6f7`), and both the module's import section and the
//! glue's imports object spell out every name: about 270 of them in the messenger,
//! 9.7 kB raw, whose hashes compression cannot shrink. [`shorten`] renames them in the
//! module to `a`, `b`, … `aa`, …, and [`rename_in_glue`] gives the glue's keys the same
//! names. The lazily loaded modules call the glue only through the main module, so they
//! need nothing.

use anyhow::bail;

/// One import's name before and after.
#[derive(Debug, PartialEq, Eq)]
pub struct Rename {
    pub from: String,
    pub to: String,
}

/// Renames every function `module` imports from the glue module `glue` (wasm-bindgen's
/// `./<name>_bg.js`) to a short name, and returns the renames for [`rename_in_glue`].
pub fn shorten(module: &mut walrus::Module, glue: &str) -> Vec<Rename> {
    module
        .imports
        .iter_mut()
        .filter(|import| import.module == glue && matches!(import.kind, walrus::ImportKind::Function(_)))
        .enumerate()
        .map(|(index, import)| {
            let to = short_name(index);
            Rename { from: std::mem::replace(&mut import.name, to.clone()), to }
        })
        .collect()
}

/// The glue `js` with each import's key renamed. Each old name must occur exactly once,
/// as a whole identifier: the key of the glue's imports object. Anything else means this
/// wasm-bindgen writes its glue differently, and a name left unrenamed would fail only in
/// the browser, so it is an error.
pub fn rename_in_glue(js: &str, renames: &[Rename]) -> anyhow::Result<String> {
    let mut renamed = js.to_owned();
    for Rename { from, to } in renames {
        let found = identifier_positions(&renamed, from);
        let [at] = found[..] else {
            bail!("wasm-bindgen's glue names the import {from} {} times, not once", found.len());
        };
        renamed.replace_range(at..at + from.len(), to);
    }
    Ok(renamed)
}

/// Where `name` occurs in `js` as a whole identifier (no identifier character on
/// either side).
fn identifier_positions(js: &str, name: &str) -> Vec<usize> {
    let is_identifier = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    js.match_indices(name)
        .map(|(at, _)| at)
        .filter(|&at| !js[..at].ends_with(is_identifier) && !js[at + name.len()..].starts_with(is_identifier))
        .collect()
}

/// The `index`th name of `a`…`z`, `A`…`Z`, `aa`, `ab`, …: letters only, so each is a
/// plain key in the glue's object and can never be `__proto__`.
fn short_name(index: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    let mut rest = index + 1;
    while rest > 0 {
        rest -= 1;
        name.push(LETTERS[rest % LETTERS.len()]);
        rest /= LETTERS.len();
    }
    name.reverse();
    String::from_utf8(name).expect("letters are UTF-8")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn short_names_are_distinct_letters_and_shortest_first() {
        let names: Vec<String> = (0..3000).map(short_name).collect();
        assert_eq!(names[..3], ["a", "b", "c"]);
        assert_eq!(names[51], "Z");
        assert_eq!(names[52], "aa");
        assert_eq!(names[52 + 52 * 52 - 1], "ZZ");
        assert_eq!(names[52 + 52 * 52], "aaa");
        assert!(names.iter().all(|name| name.bytes().all(|b| b.is_ascii_alphabetic())));
        assert_eq!(names.iter().collect::<HashSet<_>>().len(), names.len());
    }

    #[test]
    fn only_the_glue_modules_functions_are_renamed() {
        let mut module = walrus::Module::default();
        let ty = module.types.add(&[], &[]);
        module.add_import_func("./widget_bg.js", "__wbg_getItem_5f4e2ab0c1d3e6f7", ty);
        module.add_import_func("./__wasm_split.js", "__wasm_split_load_tray_1104", ty);
        module.add_import_func("./widget_bg.js", "__wbindgen_init_externref_table", ty);

        let renames = shorten(&mut module, "./widget_bg.js");

        assert_eq!(
            renames,
            [
                Rename { from: "__wbg_getItem_5f4e2ab0c1d3e6f7".into(), to: "a".into() },
                Rename { from: "__wbindgen_init_externref_table".into(), to: "b".into() },
            ]
        );
        let names: Vec<(&str, &str)> =
            module.imports.iter().map(|import| (import.module.as_str(), import.name.as_str())).collect();
        assert_eq!(
            names,
            [("./widget_bg.js", "a"), ("./__wasm_split.js", "__wasm_split_load_tray_1104"), ("./widget_bg.js", "b")]
        );
        // The renamed module still encodes and reads back with the short names.
        let bytes = module.emit_wasm();
        let read = walrus::Module::from_buffer(&bytes).expect("a valid module");
        assert!(read.imports.iter().any(|import| import.name == "b"));
    }

    #[test]
    fn the_glue_keys_are_renamed_as_whole_identifiers() {
        let glue = "const import0 = { __proto__: null, __wbg_new_1: function() {}, __wbg_new_12: function(a) {} };\
                    wasm.__wbg_new_1x();";
        let renames = [
            Rename { from: "__wbg_new_1".into(), to: "a".into() },
            Rename { from: "__wbg_new_12".into(), to: "b".into() },
        ];
        assert_eq!(
            rename_in_glue(glue, &renames).expect("each named once"),
            "const import0 = { __proto__: null, a: function() {}, b: function(a) {} };wasm.__wbg_new_1x();"
        );
    }

    #[test]
    fn a_name_the_glue_lacks_or_repeats_is_an_error() {
        let rename = [Rename { from: "__wbg_new_1".into(), to: "a".into() }];
        assert!(rename_in_glue("const import0 = { __wbg_new_12: f };", &rename).is_err());
        assert!(rename_in_glue("const i = { __wbg_new_1: f }; i.__wbg_new_1();", &rename).is_err());
    }
}
