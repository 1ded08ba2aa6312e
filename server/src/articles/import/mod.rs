//! The help-center article importer: reads a folder of Markdown (`.md`) and MDX (`.mdx`)
//! pages and turns each into an [`ImportedArticle`] whose body is plain CommonMark. It
//! touches no database; `helpline articles import PATH` stores what it returns.
//!
//! Rules, in the order they apply:
//! - **Content root.** If `root` has an `articles/` folder, pages are read from it and
//!   slugs and categories are relative to it (the layout of an exported help center, with
//!   `include/` beside `articles/`); otherwise from `root` itself. `source` is always
//!   relative to `root`.
//! - **Which files.** `.md` and `.mdx` files, recursively, sorted by name. Folders named
//!   `include`, `includes` or `snippets`, and hidden folders, hold no articles.
//! - **Not articles.** At the top of the content root, `index`, `missing`, `404` and
//!   `not-found` pages are the landing page and the not-found page. A page that other pages
//!   include and that has no title of its own is an include.
//! - **Title.** Front matter `title`; else the first `# ` heading, which is then removed
//!   from the body; else the file name, humanised (`account-reviews` → "Account reviews").
//!   Pages are never skipped for lacking a title: the file name is a fair title for a
//!   help page and skipping would lose real content.
//! - **Skipped** (with a reason): not UTF-8, empty, invalid front matter, a missing or
//!   cyclic include, or no readable text after conversion; a page whose slug another page
//!   already has.
//! - **Body.** Zulip macros (`zulip`), MDX components (`mdx`) and raw HTML (`html`) become
//!   CommonMark; fenced code is never changed. Output is deterministic.

mod front_matter;
mod html;
mod includes;
mod jsx;
mod markdown;
mod mdx;
mod zulip;

use crate::articles::render::to_plain_text;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use includes::{INCLUDE_FOLDERS, Includes, normalise_newlines};

/// How to import a folder.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Use a page's top-level folder (under the content root) as its category when its
    /// front matter names none. Pages at the top level then have no category.
    pub category_from_folders: bool,
}

/// One page, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedArticle {
    /// From the path under the content root, without extension: lowercase ASCII letters,
    /// digits and `-`, folders separated by `/` (`features/checkout/links`). Unique
    /// within one import and stable across imports of the same file.
    pub slug: String,
    pub title: String,
    /// CommonMark with no importer-specific syntax left; ends with one newline.
    pub body: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
    /// Front matter `lang` or `locale`, as written.
    pub locale: Option<String>,
    /// The page's path relative to the imported folder.
    pub source: PathBuf,
}

/// A file that was looked at and not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Relative to the imported folder.
    pub path: PathBuf,
    pub reason: String,
}

/// Everything one import produced: articles sorted by slug, skipped files by path.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub articles: Vec<ImportedArticle>,
    pub skipped: Vec<Skipped>,
}

/// Why one page could not be imported; its text is the skip reason.
#[derive(Debug, thiserror::Error)]
pub(crate) enum PageError {
    #[error("include {0} not found")]
    MissingInclude(String),
    #[error("include cycle: {0}")]
    IncludeCycle(String),
    #[error("{0} is not valid UTF-8")]
    NotUtf8(String),
    #[error("cannot read {0}")]
    Unreadable(String),
    #[error("{0}")]
    Invalid(String),
    #[error("empty file")]
    Empty,
    #[error("no text left after conversion")]
    NoContent,
}

/// Imports every article under `root`. Fails only when `root` cannot be listed; problems
/// with single files are reported in [`ImportReport::skipped`].
pub fn read_folder(root: &Path, options: &ImportOptions) -> anyhow::Result<ImportReport> {
    if !root.is_dir() {
        bail!("{} is not a folder", root.display());
    }
    let articles_folder = root.join("articles");
    let content_root = if articles_folder.is_dir() { articles_folder } else { root.to_owned() };
    let mut includes = Includes::new(root);
    let mut report = ImportReport::default();
    let mut pages = Vec::new();
    let walker = walkdir::WalkDir::new(&content_root).sort_by_file_name().into_iter().filter_entry(|entry| {
        let name = entry.file_name().to_string_lossy();
        entry.depth() == 0
            || !entry.file_type().is_dir()
            || !(name.starts_with('.') || INCLUDE_FOLDERS.contains(&&*name))
    });
    for entry in walker {
        let entry = entry.with_context(|| format!("list {}", content_root.display()))?;
        let path = entry.path();
        let extension = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if !path.is_file() || !matches!(extension.as_str(), "md" | "mdx") {
            continue;
        }
        let source = path.strip_prefix(root).unwrap_or(path).to_owned();
        let relative = path.strip_prefix(&content_root).unwrap_or(path).to_owned();
        if let Some(reason) = not_an_article(&relative) {
            report.skipped.push(Skipped { path: source, reason: reason.to_owned() });
            continue;
        }
        match import_page(path, &source, &relative, options, &mut includes) {
            Ok((article, own_title)) => pages.push((article, own_title)),
            Err(error) => report.skipped.push(Skipped { path: source, reason: error.to_string() }),
        }
    }
    pages.sort_by(|(a, _), (b, _)| (&a.slug, &a.source).cmp(&(&b.slug, &b.source)));
    for (article, own_title) in pages {
        if !own_title && includes.used.contains(&article.source) {
            let reason = "included by other pages and has no title of its own".to_owned();
            report.skipped.push(Skipped { path: article.source, reason });
        } else if let Some(first) = report.articles.last().filter(|first| first.slug == article.slug) {
            let reason = format!("same slug as {}", first.source.display());
            report.skipped.push(Skipped { path: article.source, reason });
        } else {
            report.articles.push(article);
        }
    }
    report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(report)
}

/// The small rule for pages that are part of a help center but not articles.
fn not_an_article(relative: &Path) -> Option<&'static str> {
    if relative.components().count() != 1 {
        return None;
    }
    let stem = relative.file_stem()?.to_string_lossy().to_ascii_lowercase();
    match stem.as_str() {
        "index" => Some("landing page, not an article"),
        "missing" | "404" | "not-found" => Some("not-found page, not an article"),
        _ => None,
    }
}

/// Imports one page; the flag says whether its title came from the page itself.
fn import_page(
    path: &Path,
    source: &Path,
    relative: &Path,
    options: &ImportOptions,
    includes: &mut Includes,
) -> Result<(ImportedArticle, bool), PageError> {
    let bytes = std::fs::read(path).map_err(|error| PageError::Unreadable(error.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| PageError::NotUtf8("the file".to_owned()))?;
    let text = normalise_newlines(&text);
    if text.trim().is_empty() {
        return Err(PageError::Empty);
    }
    let (front, body) = front_matter::split(&text).map_err(|error| PageError::Invalid(format!("{error:#}")))?;
    let mut chain = vec![path.to_owned()];
    let is_mdx = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("mdx"));
    let body = if is_mdx {
        mdx::convert(body, path, includes, &mut chain)?
    } else {
        let expanded = zulip::expand_includes(body, path, includes, &mut chain)?;
        zulip::convert_macros(&html::clean(&expanded))
    };
    let (heading, body) = take_first_heading(&body, front.title.as_deref());
    let own_title = front.title.is_some() || heading.is_some();
    let title = front.title.or(heading).unwrap_or_else(|| title_from_file_name(relative));
    let body = markdown::tidy(&body);
    if to_plain_text(&body).is_empty() {
        return Err(PageError::NoContent);
    }
    let folder_category = || {
        let mut components = relative.components();
        let first = components.next()?;
        components.next().map(|_| first.as_os_str().to_string_lossy().into_owned())
    };
    let category = front.category.or_else(|| options.category_from_folders.then(folder_category).flatten());
    let article = ImportedArticle {
        slug: slug(relative),
        title,
        body,
        category,
        tags: front.tags,
        locale: front.locale,
        source: source.to_owned(),
    };
    Ok((article, own_title))
}

/// Finds the first `# ` heading outside code and removes it. With a front matter title,
/// the heading is removed only when it repeats that title (and is then not returned).
fn take_first_heading(body: &str, front_title: Option<&str>) -> (Option<String>, String) {
    let mut fences = markdown::FenceTracker::default();
    let lines: Vec<&str> = body.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        if fences.is_code(line) {
            continue;
        }
        let trimmed = line.trim_start();
        let Some(heading) = trimmed.strip_prefix("# ").filter(|_| line.len() - trimmed.len() < 4) else { continue };
        let title = to_plain_text(heading.trim().trim_end_matches('#').trim_end());
        if front_title.is_some_and(|front| front != title) {
            return (None, body.to_owned());
        }
        let rest: Vec<&str> = lines[..index].iter().chain(&lines[index + 1..]).copied().collect();
        let title = if front_title.is_some() || title.is_empty() { None } else { Some(title) };
        return (title, rest.join("\n") + "\n");
    }
    (None, body.to_owned())
}

/// `merchant-of-record/account-reviews.mdx` → "Account reviews".
fn title_from_file_name(relative: &Path) -> String {
    let stem = relative.file_stem().map(|stem| stem.to_string_lossy().into_owned()).unwrap_or_default();
    zulip::humanise(&stem)
}

/// The slug rule documented on [`ImportedArticle::slug`].
fn slug(relative: &Path) -> String {
    let without_extension = relative.with_extension("");
    let parts: Vec<String> = without_extension
        .components()
        .map(|component| {
            let lowered = component.as_os_str().to_string_lossy().to_lowercase();
            let mapped: String = lowered.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            mapped.split('-').filter(|piece| !piece.is_empty()).collect::<Vec<_>>().join("-")
        })
        .filter(|part| !part.is_empty())
        .collect();
    parts.join("/")
}

#[cfg(test)]
mod tests;
