//! Moving articles between folders and the database: applying an import idempotently,
//! and exporting as Markdown with front matter.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context;
use protocol::help::ArticleStatus;
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlEmitter};

use super::import::{ImportOptions, ImportReport, read_folder};
use super::render::{self, RenderError};
use crate::clock::Clock;
use crate::store::{ArticleFields, Store, WorkspaceRecord};

/// What an import changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
    /// Files that were not imported, with why.
    pub skipped: Vec<(PathBuf, String)>,
}

/// Reads a folder and creates or updates its articles (by slug) as published articles
/// of the workspace. Running it twice on the same folder changes nothing the second time.
/// A new or changed article is rendered and stored with its HTML; one whose body is
/// nested too deeply to render is skipped with the reason.
pub async fn import_folder(
    store: &Store,
    workspace: &WorkspaceRecord,
    folder: &Path,
    options: &ImportOptions,
    mut progress: impl FnMut(usize, usize),
) -> anyhow::Result<ImportSummary> {
    let ImportReport { articles, skipped } = read_folder(folder, options)?;
    let now = Clock::default().now();
    let mut summary = ImportSummary {
        skipped: skipped.into_iter().map(|s| (s.path, s.reason)).collect(),
        ..ImportSummary::default()
    };
    let mut categories: BTreeMap<String, i64> = BTreeMap::new();
    let total = articles.len();
    for (done, article) in articles.into_iter().enumerate() {
        let category_id = match &article.category {
            Some(name) => Some(match categories.get(name) {
                Some(id) => *id,
                None => {
                    let id = store.ensure_category(workspace.id, name, now).await?;
                    categories.insert(name.clone(), id);
                    id
                }
            }),
            None => None,
        };
        let fields = ArticleFields {
            category_id,
            slug: article.slug.clone(),
            title: article.title,
            body: article.body,
            tags: article.tags,
            locale: article.locale,
            status: ArticleStatus::Published,
        };
        let slug = fields.slug.clone();
        match import_one(store, workspace, &fields, now).await? {
            Outcome::Created => summary.created.push(slug),
            Outcome::Updated => summary.updated.push(slug),
            Outcome::Unchanged => summary.unchanged += 1,
            Outcome::Refused(reason) => summary.skipped.push((article.source, reason)),
        }
        progress(done + 1, total);
    }
    Ok(summary)
}

/// What importing one article did.
enum Outcome {
    Created,
    Updated,
    Unchanged,
    /// Not stored, with the reason.
    Refused(String),
}

/// Creates or updates the article with this slug, rendering its HTML only when it
/// changed.
async fn import_one(
    store: &Store,
    workspace: &WorkspaceRecord,
    fields: &ArticleFields,
    now: i64,
) -> anyhow::Result<Outcome> {
    let existing = store.article_by_slug(workspace.id, &fields.slug).await?;
    if existing.as_ref().is_some_and(|existing| existing.fields() == *fields) {
        return Ok(Outcome::Unchanged);
    }
    let html = match render::render(fields.body.clone()).await {
        Ok(html) => html,
        Err(RenderError::TooDeep) => return Ok(Outcome::Refused(RenderError::TooDeep.to_string())),
        Err(error) => return Err(anyhow::Error::new(error).context(format!("render {}", fields.slug))),
    };
    let slug = &fields.slug;
    Ok(match existing {
        Some(existing) => {
            store.update_article(existing.id, fields, &html, now).await.with_context(|| format!("update {slug}"))?;
            Outcome::Updated
        }
        None => {
            store
                .create_article(workspace.id, fields, &html, None, now)
                .await
                .with_context(|| format!("create {slug}"))?;
            Outcome::Created
        }
    })
}

/// Writes every article of the workspace to `folder` as `<slug>.md` with YAML front
/// matter (title, slug, category, tags, locale, status), so content leaves as easily
/// as it came. Returns how many files were written.
pub async fn export_folder(store: &Store, workspace: &WorkspaceRecord, folder: &Path) -> anyhow::Result<usize> {
    let categories: BTreeMap<i64, String> =
        store.list_categories(workspace.id).await?.into_iter().map(|c| (c.id, c.name)).collect();
    let articles = store.list_articles(workspace.id, false).await?;
    std::fs::create_dir_all(folder).with_context(|| format!("create {}", folder.display()))?;
    for article in &articles {
        let mut front = Hash::new();
        let mut put = |key: &str, value: Yaml| {
            front.insert(Yaml::String(key.to_owned()), value);
        };
        put("title", Yaml::String(article.title.clone()));
        put("slug", Yaml::String(article.slug.clone()));
        if let Some(name) = article.category_id.and_then(|id| categories.get(&id)) {
            put("category", Yaml::String(name.clone()));
        }
        if !article.tags.is_empty() {
            put("tags", Yaml::Array(article.tags.iter().cloned().map(Yaml::String).collect()));
        }
        if let Some(locale) = &article.locale {
            put("locale", Yaml::String(locale.clone()));
        }
        let status = match article.status {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Published => "published",
        };
        put("status", Yaml::String(status.to_owned()));
        let mut yaml = String::new();
        YamlEmitter::new(&mut yaml).dump(&Yaml::Hash(front)).context("write front matter")?;
        // The emitter starts documents with `---`; close the block after it.
        let text = format!("{}\n---\n\n{}\n", yaml.trim_end(), article.body.trim_end());
        // The slug's folders become folders, so importing the export gives the same slugs.
        let safe = article.slug.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
        anyhow::ensure!(safe, "article {} has a slug that is not a safe path: {}", article.id, article.slug);
        let path = folder.join(format!("{}.md", article.slug));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("create {}", parent.display()))?;
        }
        std::fs::write(&path, text).with_context(|| format!("write {}", path.display()))?;
    }
    Ok(articles.len())
}
