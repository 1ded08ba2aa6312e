//! The article importer against two real help centers (Zulip's Markdown help center and
//! Polar's MDX docs), read at run time from `HELPLINE_CORPUS_DIR` (default: the shared
//! corpus folder next to the workspace). Their `manifest.tsv` files are the ground truth.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use server::articles::import::{ImportOptions, ImportReport, ImportedArticle, read_folder};
use server::articles::render::to_plain_text;

fn corpus_folder(name: &str) -> PathBuf {
    let base = std::env::var_os("HELPLINE_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"));
    base.join(name)
}

fn import(name: &str) -> ImportReport {
    let folder = corpus_folder(name);
    match read_folder(&folder, &ImportOptions { category_from_folders: true }) {
        Ok(report) => report,
        Err(error) => panic!("import {}: {error:#}", folder.display()),
    }
}

/// `manifest.tsv` as file → title (empty when the page has none).
fn manifest(name: &str) -> BTreeMap<String, String> {
    let path = corpus_folder(name).join("manifest.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()));
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            Some((fields.next()?.to_owned(), fields.next().unwrap_or_default().to_owned()))
        })
        .collect()
}

fn raw_article(name: &str, article: &ImportedArticle) -> String {
    let path = corpus_folder(name).join(&article.source);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("read {}: {error}", path.display()))
}

/// The lines of a document outside fenced code, with inline code spans removed.
fn prose_lines(markdown: &str) -> Vec<String> {
    let mut fence: Option<String> = None;
    let mut lines = Vec::new();
    for line in markdown.lines() {
        let marker = line.trim_start_matches(|c: char| c.is_whitespace() || c == '>');
        let run: String = marker.chars().take_while(|&c| c == '`' || c == '~').collect();
        match &fence {
            Some(open) if run.len() >= open.len() && run.starts_with(&open[..1]) => fence = None,
            Some(_) => {}
            None if run.len() >= 3 => fence = Some(run),
            None => lines.push(line.split('`').step_by(2).collect::<Vec<_>>().join(" ")),
        }
    }
    lines
}

fn fence_line_count(markdown: &str) -> usize {
    markdown
        .lines()
        .filter(|line| line.trim_start_matches(|c: char| c.is_whitespace() || c == '>').starts_with("```"))
        .count()
}

const LEFTOVER_SYNTAX: [&str; 25] = [
    "{!",
    "{start_tabs}",
    "{tab|",
    "{end_tabs}",
    "{settings_tab",
    "{relative|",
    "!!! ",
    "<Card",
    "</Card",
    "<Steps",
    "<Step ",
    "</Step",
    "<Tab",
    "</Tab",
    "<Accordion",
    "</Accordion",
    "<Note",
    "</Note",
    "<Warning",
    "<Tip>",
    "<Info>",
    "<Columns",
    "<CodeGroup",
    "<ParamField",
    "<Expandable",
];

/// An MDX `import … from "…"` or `export const …` line (not prose that starts with "import").
fn is_module_statement(line: &str) -> bool {
    (line.starts_with("import ") && (line.contains(" from \"") || line.contains(" from '")))
        || ["export const ", "export function ", "export default "].iter().any(|start| line.starts_with(start))
}

fn slugs_with_leftover_syntax(report: &ImportReport) -> Vec<String> {
    report
        .articles
        .iter()
        .filter(|article| {
            prose_lines(&article.body)
                .iter()
                .any(|line| LEFTOVER_SYNTAX.iter().any(|syntax| line.contains(syntax)) || is_module_statement(line))
        })
        .map(|article| article.slug.clone())
        .collect()
}

fn title_mismatches(name: &str, report: &ImportReport) -> Vec<String> {
    let by_source: BTreeMap<PathBuf, &ImportedArticle> =
        report.articles.iter().map(|article| (article.source.clone(), article)).collect();
    manifest(name)
        .into_iter()
        .filter(|(file, title)| !title.is_empty() && file != "index.md" && file != "missing.md")
        .filter_map(|(file, title)| match by_source.get(&Path::new("articles").join(&file)) {
            Some(article) if article.title == title => None,
            Some(article) => Some(format!("{file}: {:?} instead of {title:?}", article.title)),
            None => Some(format!("{file}: not imported")),
        })
        .collect()
}

#[test]
fn zulip_imports_every_manifest_article_except_the_landing_and_not_found_pages() {
    let report = import("zulip-help");
    let expected = manifest("zulip-help").keys().filter(|file| *file != "index.md" && *file != "missing.md").count();
    assert_eq!(report.articles.len(), expected, "skipped: {:#?}", report.skipped);
    let skipped: Vec<&Path> = report.skipped.iter().map(|skipped| skipped.path.as_path()).collect();
    assert_eq!(skipped, [Path::new("articles/index.md"), Path::new("articles/missing.md")]);
}

#[test]
fn polar_imports_all_hundred_pages() {
    let report = import("polar-docs");
    assert_eq!(report.articles.len(), 100, "skipped: {:#?}", report.skipped);
    assert!(report.skipped.is_empty(), "skipped: {:#?}", report.skipped);
}

#[test]
fn titles_match_the_manifests() {
    for name in ["zulip-help", "polar-docs"] {
        let mismatches = title_mismatches(name, &import(name));
        assert!(mismatches.is_empty(), "{name}: {mismatches:#?}");
    }
}

#[test]
fn polar_pages_without_a_title_are_named_after_their_file() {
    let report = import("polar-docs");
    let title_of = |slug: &str| report.articles.iter().find(|a| a.slug == slug).map(|a| a.title.clone());
    assert_eq!(title_of("merchant-of-record/account-reviews").as_deref(), Some("Account reviews"));
    assert_eq!(title_of("merchant-of-record/supported-countries").as_deref(), Some("Supported countries"));
}

#[test]
fn no_macro_or_component_syntax_is_left_in_any_body() {
    for name in ["zulip-help", "polar-docs"] {
        let offending = slugs_with_leftover_syntax(&import(name));
        assert!(offending.is_empty(), "{name}: raw syntax left in {offending:#?}");
    }
}

/// A line of an include file that should appear verbatim in any page including it:
/// plain prose without markup that the importer rewrites.
fn plain_line_of(include: &Path) -> Option<String> {
    let text = std::fs::read_to_string(include).ok()?;
    let (_, body) = text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n")).unwrap_or(("", &text));
    let raw_lines: Vec<&str> = body.lines().collect();
    prose_lines(body)
        .into_iter()
        .filter(|line| raw_lines.contains(&line.as_str()))
        .map(|line| line.trim().to_owned())
        .find(|line| line.len() > 30 && !line.contains(['{', '}', '<', '!', '*', '`', '[', '#', '|', '>', ';', '=']))
}

#[test]
fn zulip_includes_are_replaced_by_the_included_text() {
    let report = import("zulip-help");
    let include_folder = corpus_folder("zulip-help").join("include");
    let mut checked = 0;
    let mut missing = Vec::new();
    for article in &report.articles {
        let raw = raw_article("zulip-help", article);
        for piece in raw.split("{!").skip(1) {
            let Some((name, _)) = piece.split_once("!}") else { continue };
            let Some(line) = plain_line_of(&include_folder.join(name)) else { continue };
            checked += 1;
            if !article.body.contains(&line) {
                missing.push(format!("{}: {name}: {line:?}", article.slug));
            }
        }
    }
    assert!(checked > 100, "only {checked} includes had a plain line to look for");
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn polar_snippet_imports_are_replaced_by_the_snippet_text() {
    let report = import("polar-docs");
    let include_folder = corpus_folder("polar-docs").join("include");
    let mut checked = 0;
    for article in &report.articles {
        for line in raw_article("polar-docs", article).lines().filter(|line| line.starts_with("import ")) {
            let Some(path) = line.split("\"/snippets/").nth(1).and_then(|rest| rest.split('"').next()) else {
                continue;
            };
            let Some(expected) = plain_line_of(&include_folder.join(path)) else { continue };
            checked += 1;
            assert!(article.body.contains(&expected), "{} lacks {expected:?} from {path}", article.slug);
        }
    }
    assert!(checked >= 3, "only {checked} snippet imports had a plain line to look for");
}

#[test]
fn code_fences_survive_in_pages_without_includes() {
    let mut checked = 0;
    for name in ["zulip-help", "polar-docs"] {
        let report = import(name);
        let mut changed = Vec::new();
        for article in &report.articles {
            let raw = raw_article(name, article);
            if raw.contains("{!") || raw.contains("/snippets/") || fence_line_count(&raw) == 0 {
                continue;
            }
            checked += 1;
            if fence_line_count(&raw) != fence_line_count(&article.body) {
                changed.push(format!(
                    "{}: {} → {}",
                    article.slug,
                    fence_line_count(&raw),
                    fence_line_count(&article.body)
                ));
            }
        }
        assert!(changed.is_empty(), "{name}: fence lines changed in {changed:#?}");
    }
    assert!(checked > 20, "only {checked} pages with code fences were checked");
}

#[test]
fn every_body_has_readable_text() {
    for name in ["zulip-help", "polar-docs"] {
        let report = import(name);
        let empty: Vec<&str> = report
            .articles
            .iter()
            .filter(|article| to_plain_text(&article.body).trim().is_empty())
            .map(|article| article.slug.as_str())
            .collect();
        assert!(empty.is_empty(), "{name}: empty bodies in {empty:?}");
    }
}

#[test]
fn importing_a_corpus_twice_gives_identical_articles_sorted_by_slug() {
    let first = import("polar-docs");
    let second = import("polar-docs");
    assert_eq!(first.articles, second.articles);
    assert!(first.articles.windows(2).all(|pair| pair[0].slug < pair[1].slug));
}
