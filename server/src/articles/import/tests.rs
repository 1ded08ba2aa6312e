//! Tests for `read_folder`: which files become articles, titles, slugs, categories and
//! skip reasons, on small folders written by the tests.

use super::*;

fn folder(files: &[(&str, &[u8])]) -> anyhow::Result<tempfile::TempDir> {
    let root = tempfile::tempdir()?;
    for (relative, content) in files {
        let path = root.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, content)?;
    }
    Ok(root)
}

fn import(root: &tempfile::TempDir, category_from_folders: bool) -> anyhow::Result<ImportReport> {
    read_folder(root.path(), &ImportOptions { category_from_folders })
}

fn reason(report: &ImportReport, path: &str) -> Option<String> {
    report.skipped.iter().find(|skipped| skipped.path == Path::new(path)).map(|skipped| skipped.reason.clone())
}

#[test]
fn titles_come_from_front_matter_then_heading_then_file_name() -> anyhow::Result<()> {
    let root = folder(&[
        ("a-front.mdx", b"---\ntitle: From front matter\n---\n\n# From front matter\n\nText.\n"),
        ("b-heading.md", b"# From the heading\n\nText.\n"),
        ("c-no-title.mdx", b"Just text.\n"),
    ])?;
    let report = import(&root, false)?;
    let titles: Vec<(&str, &str)> = report.articles.iter().map(|a| (a.slug.as_str(), a.title.as_str())).collect();
    assert_eq!(
        titles,
        [("a-front", "From front matter"), ("b-heading", "From the heading"), ("c-no-title", "C no title")]
    );
    assert!(report.articles.iter().all(|article| article.body == "Text.\n" || article.body == "Just text.\n"));
    Ok(())
}

#[test]
fn include_folders_landing_and_not_found_pages_are_not_articles() -> anyhow::Result<()> {
    let root = folder(&[
        ("index.md", b"# Home\n\n{!nav.md!}\n"),
        ("missing.md", b"No such article.\n"),
        ("include/nav.md", b"* [Page](/help/page)\n"),
        ("snippets/bit.mdx", b"Snippet.\n"),
        ("page.md", b"# Page\n\n{!nav.md!}\n"),
    ])?;
    let report = import(&root, false)?;
    let slugs: Vec<&str> = report.articles.iter().map(|a| a.slug.as_str()).collect();
    assert_eq!(slugs, ["page"]);
    assert_eq!(report.articles[0].body, "* [Page](/help/page)\n");
    assert_eq!(reason(&report, "index.md").as_deref(), Some("landing page, not an article"));
    assert_eq!(reason(&report, "missing.md").as_deref(), Some("not-found page, not an article"));
    Ok(())
}

#[test]
fn an_articles_folder_is_the_content_root_and_include_sits_beside_it() -> anyhow::Result<()> {
    let root =
        folder(&[("articles/Guides/First Steps.md", b"# First\n\n{!tip.md!}\n"), ("include/tip.md", b"Tip.\n")])?;
    let report = import(&root, true)?;
    let article = report.articles.first().context("one article")?;
    assert_eq!(article.slug, "guides/first-steps");
    assert_eq!(article.source, Path::new("articles/Guides/First Steps.md"));
    assert_eq!(article.category.as_deref(), Some("Guides"));
    assert_eq!(article.body, "Tip.\n");
    Ok(())
}

#[test]
fn front_matter_category_tags_and_locale_are_kept() -> anyhow::Result<()> {
    let root = folder(&[(
        "billing/refunds.mdx",
        b"---\ntitle: Refunds\ncategory: Money\ntags: [refund, payment]\nlang: en-GB\n---\nBody.\n",
    )])?;
    let report = import(&root, true)?;
    let article = report.articles.first().context("one article")?;
    assert_eq!(article.category.as_deref(), Some("Money"));
    assert_eq!(article.tags, ["refund", "payment"]);
    assert_eq!(article.locale.as_deref(), Some("en-GB"));
    Ok(())
}

#[test]
fn folders_give_no_category_unless_asked() -> anyhow::Result<()> {
    let root = folder(&[("billing/refunds.md", b"# Refunds\n\nBody.\n"), ("top.md", b"# Top\n\nBody.\n")])?;
    assert!(import(&root, false)?.articles.iter().all(|article| article.category.is_none()));
    let categories: Vec<Option<String>> = import(&root, true)?.articles.into_iter().map(|a| a.category).collect();
    assert_eq!(categories, [Some("billing".to_owned()), None]);
    Ok(())
}

#[test]
fn unusable_files_are_skipped_with_a_reason() -> anyhow::Result<()> {
    let root = folder(&[
        ("binary.md", b"# Bad \xff\xfe bytes\n"),
        ("blank.md", b"  \n\n"),
        ("only-title.md", b"# Only a title\n"),
        ("broken-include.md", b"# Broken\n\n{!absent.md!}\n"),
        ("bad-yaml.mdx", b"---\ntitle: [oops\n---\nText\n"),
        ("notes.txt", b"not markdown"),
    ])?;
    let report = import(&root, false)?;
    assert!(report.articles.is_empty());
    let reasons: Vec<(String, String)> =
        report.skipped.iter().map(|s| (s.path.display().to_string(), s.reason.clone())).collect();
    assert_eq!(reasons[0].0, "bad-yaml.mdx");
    assert!(reasons[0].1.starts_with("front matter is not valid YAML"), "{reasons:?}");
    assert_eq!(
        reasons[1..],
        [
            ("binary.md".to_owned(), "the file is not valid UTF-8".to_owned()),
            ("blank.md".to_owned(), "empty file".to_owned()),
            ("broken-include.md".to_owned(), "include {!absent.md!} not found".to_owned()),
            ("only-title.md".to_owned(), "no text left after conversion".to_owned()),
        ]
    );
    Ok(())
}

#[test]
fn a_page_only_used_as_an_include_is_not_an_article() -> anyhow::Result<()> {
    let root = folder(&[
        ("page.mdx", b"import Part from \"./part.mdx\";\n\n# Page\n\n<Part />\n"),
        ("part.mdx", b"Shared text.\n"),
    ])?;
    let report = import(&root, false)?;
    assert_eq!(report.articles.len(), 1);
    assert_eq!(report.articles[0].body, "Shared text.\n");
    assert_eq!(reason(&report, "part.mdx").as_deref(), Some("included by other pages and has no title of its own"));
    Ok(())
}

#[test]
fn pages_with_the_same_slug_keep_the_first() -> anyhow::Result<()> {
    let root = folder(&[("faq.md", b"# One\n\nA.\n"), ("faq.mdx", b"# Two\n\nB.\n")])?;
    let report = import(&root, false)?;
    assert_eq!(report.articles.len(), 1);
    assert_eq!(report.articles[0].title, "One");
    assert_eq!(reason(&report, "faq.mdx").as_deref(), Some("same slug as faq.md"));
    Ok(())
}

#[test]
fn importing_twice_gives_the_same_result() -> anyhow::Result<()> {
    let root = folder(&[("b.md", b"# B\n\nb\n"), ("a/c.mdx", b"---\ntitle: C\n---\n<Note>c</Note>\n")])?;
    assert_eq!(import(&root, true)?.articles, import(&root, true)?.articles);
    Ok(())
}

#[test]
fn a_missing_folder_is_an_error() {
    assert!(read_folder(Path::new("/definitely/not/here"), &ImportOptions::default()).is_err());
}
