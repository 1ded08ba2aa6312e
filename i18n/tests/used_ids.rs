//! Every message id the code asks for by name is in the catalog it reads: the
//! messenger's (`widget/`), the console's (`app/`), both (`client/`, which both apps
//! share), the mail catalog (`words.text…` on the server) and the refusals catalog
//! (`say…` on the server). A missing id would show the id itself to people.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use i18n::{Domain, Locale, source};

/// The ids of a domain's English catalog (every locale has the same ones: `catalogs.rs`).
fn ids(domain: Domain) -> BTreeSet<String> {
    source(domain, Locale::En)
        .lines()
        .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id.trim().to_owned()))
        .collect()
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display())) {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
}

/// The string literals passed first to a call of one of `functions` (`t(` but not
/// `set(`), outside comments, with where they are.
fn asked(dir: &str, functions: &[&str]) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        for function in functions {
            let needle = format!("{function}(\"");
            for (at, _) in text.match_indices(&needle) {
                let before = text[..at].chars().next_back();
                let line = &text[text[..at].rfind('\n').map_or(0, |start| start + 1)..at];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') || line.trim_start().starts_with("//") {
                    continue;
                }
                let rest = &text[at + needle.len()..];
                let id = &rest[..rest.find('"').expect("a closed literal")];
                if id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') && !id.is_empty() {
                    found.push((id.to_owned(), file.display().to_string()));
                }
            }
        }
    }
    assert!(!found.is_empty(), "{dir} asks for no message: the search is broken");
    found
}

fn assert_known(asked: Vec<(String, String)>, domains: &[Domain]) {
    for domain in domains {
        let known = ids(*domain);
        let missing: Vec<_> = asked.iter().filter(|(id, _)| !known.contains(id)).collect();
        assert!(missing.is_empty(), "not in the {} catalog: {missing:?}", domain.name());
    }
}

#[test]
fn the_messenger_asks_only_for_messages_its_catalog_has() {
    assert_known(asked("widget/src", &["t", "t_with"]), &[Domain::Messenger]);
}

#[test]
fn the_console_asks_only_for_messages_its_catalog_has() {
    assert_known(asked("app/src", &["t", "t_with"]), &[Domain::Console]);
}

#[test]
fn the_shared_client_asks_only_for_messages_both_catalogs_have() {
    assert_known(asked("client/src", &["t", "t_with"]), &[Domain::Messenger, Domain::Console]);
}

#[test]
fn the_server_asks_only_for_mail_and_refusals_their_catalogs_have() {
    assert_known(asked("server/src", &["words.text", "words.text_with"]), &[Domain::Mail]);
    assert_known(asked("server/src", &["say", "say_with"]), &[Domain::Errors]);
}
