//! Help-center categories and articles.

use anyhow::Context;
use protocol::help::ArticleStatus;
use sqlx::FromRow;

use super::Store;

/// A category as stored.
#[derive(Debug, Clone, FromRow)]
pub struct CategoryRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub name: String,
    pub description: String,
    pub position: i64,
}

/// An article as stored.
#[derive(Debug, Clone)]
pub struct ArticleRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub category_id: Option<i64>,
    pub slug: String,
    pub title: String,
    /// Markdown.
    pub body: String,
    pub tags: Vec<String>,
    pub locale: Option<String>,
    pub status: ArticleStatus,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The editable fields of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleFields {
    pub category_id: Option<i64>,
    pub slug: String,
    pub title: String,
    pub body: String,
    pub tags: Vec<String>,
    pub locale: Option<String>,
    pub status: ArticleStatus,
}

#[derive(FromRow)]
pub(super) struct ArticleRow {
    id: i64,
    workspace_id: i64,
    category_id: Option<i64>,
    slug: String,
    title: String,
    body: String,
    tags: String,
    locale: Option<String>,
    status: String,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<ArticleRow> for ArticleRecord {
    type Error = anyhow::Error;

    fn try_from(row: ArticleRow) -> anyhow::Result<Self> {
        let status = status_from_db(&row.status)?;
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            category_id: row.category_id,
            slug: row.slug,
            title: row.title,
            body: row.body,
            tags: row.tags.lines().filter(|t| !t.is_empty()).map(str::to_owned).collect(),
            locale: row.locale,
            status,
            created_at: row.created_at,
            updated_at: row.updated_at,
        })
    }
}

impl ArticleRecord {
    /// The fields as an editor would submit them, to compare with an import.
    pub fn fields(&self) -> ArticleFields {
        ArticleFields {
            category_id: self.category_id,
            slug: self.slug.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            tags: self.tags.clone(),
            locale: self.locale.clone(),
            status: self.status,
        }
    }
}

pub(super) fn status_from_db(status: &str) -> anyhow::Result<ArticleStatus> {
    match status {
        "draft" => Ok(ArticleStatus::Draft),
        "published" => Ok(ArticleStatus::Published),
        other => anyhow::bail!("unknown article status in database: {other}"),
    }
}

fn status_to_db(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Draft => "draft",
        ArticleStatus::Published => "published",
    }
}

pub(super) const ARTICLE_COLUMNS: &str =
    "id, workspace_id, category_id, slug, title, body, tags, locale, status, created_at, updated_at";

impl Store {
    /// The id of the workspace's category with this name, created when missing.
    pub async fn ensure_category(&self, workspace_id: i64, name: &str, now: i64) -> anyhow::Result<i64> {
        sqlx::query(
            "INSERT INTO article_categories (workspace_id, name, position, created_at)
             VALUES ($1, $2, (SELECT COUNT(*) FROM article_categories WHERE workspace_id = $3), $4)
             ON CONFLICT (workspace_id, name) DO NOTHING",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(workspace_id)
        .bind(now)
        .execute(self.pool())
        .await
        .context("create category")?;
        sqlx::query_scalar("SELECT id FROM article_categories WHERE workspace_id = $1 AND name = $2")
            .bind(workspace_id)
            .bind(name)
            .fetch_one(self.pool())
            .await
            .context("load category")
    }

    /// Creates a category. Fails with a unique violation when the name is taken.
    pub async fn create_category(
        &self,
        workspace_id: i64,
        name: &str,
        description: &str,
        position: i64,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "INSERT INTO article_categories (workspace_id, name, description, position, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(workspace_id)
        .bind(name)
        .bind(description)
        .bind(position)
        .bind(now)
        .fetch_one(self.pool())
        .await
    }

    pub async fn list_categories(&self, workspace_id: i64) -> anyhow::Result<Vec<CategoryRecord>> {
        sqlx::query_as(
            "SELECT id, workspace_id, name, description, position FROM article_categories
             WHERE workspace_id = $1 ORDER BY position, name",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await
        .context("list categories")
    }

    /// The workspace's categories that hold at least one published article, in order.
    pub async fn categories_in_use(&self, workspace_id: i64) -> anyhow::Result<Vec<CategoryRecord>> {
        sqlx::query_as(
            "SELECT c.id, c.workspace_id, c.name, c.description, c.position FROM article_categories c
             WHERE c.workspace_id = $1
               AND EXISTS (SELECT 1 FROM articles a WHERE a.category_id = c.id AND a.status = 'published')
             ORDER BY c.position, c.name",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await
        .context("list categories in use")
    }

    /// Creates an article with its body's rendered `html`. Fails with a unique
    /// violation when the slug is taken.
    pub async fn create_article(
        &self,
        workspace_id: i64,
        fields: &ArticleFields,
        html: &str,
        author_id: Option<i64>,
        now: i64,
    ) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar(
            "INSERT INTO articles (workspace_id, category_id, slug, title, body, tags, locale, status, author_id, created_at, updated_at, html)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(workspace_id)
        .bind(fields.category_id)
        .bind(&fields.slug)
        .bind(&fields.title)
        .bind(&fields.body)
        .bind(fields.tags.join("\n"))
        .bind(&fields.locale)
        .bind(status_to_db(fields.status))
        .bind(author_id)
        .bind(now)
        .bind(now)
        .bind(html)
        .fetch_one(self.pool())
        .await
    }

    /// Replaces an article's fields and its body's rendered `html` together. Returns
    /// false when it does not exist.
    pub async fn update_article(
        &self,
        id: i64,
        fields: &ArticleFields,
        html: &str,
        now: i64,
    ) -> Result<bool, sqlx::Error> {
        let result = sqlx::query(
            "UPDATE articles SET category_id = $1, slug = $2, title = $3, body = $4, tags = $5, locale = $6,
             status = $7, updated_at = $8, html = $9 WHERE id = $10",
        )
        .bind(fields.category_id)
        .bind(&fields.slug)
        .bind(&fields.title)
        .bind(&fields.body)
        .bind(fields.tags.join("\n"))
        .bind(&fields.locale)
        .bind(status_to_db(fields.status))
        .bind(now)
        .bind(html)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn delete_article(&self, id: i64) -> anyhow::Result<bool> {
        let result = sqlx::query("DELETE FROM articles WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await
            .context("delete article")?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn article(&self, id: i64) -> anyhow::Result<Option<ArticleRecord>> {
        let row: Option<ArticleRow> = sqlx::query_as(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load article")?;
        row.map(ArticleRecord::try_from).transpose()
    }

    pub async fn article_by_slug(&self, workspace_id: i64, slug: &str) -> anyhow::Result<Option<ArticleRecord>> {
        let row: Option<ArticleRow> =
            sqlx::query_as(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE workspace_id = $1 AND slug = $2"))
                .bind(workspace_id)
                .bind(slug)
                .fetch_optional(self.pool())
                .await
                .context("load article by slug")?;
        row.map(ArticleRecord::try_from).transpose()
    }

    /// The workspace's articles, newest first; only published ones when asked.
    pub async fn list_articles(&self, workspace_id: i64, published_only: bool) -> anyhow::Result<Vec<ArticleRecord>> {
        let rows: Vec<ArticleRow> = sqlx::query_as(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE workspace_id = $1 AND (status = 'published' OR $2 = 0)
             ORDER BY updated_at DESC, id DESC"
        ))
        .bind(workspace_id)
        .bind(i64::from(published_only))
        .fetch_all(self.pool())
        .await
        .context("list articles")?;
        rows.into_iter().map(ArticleRecord::try_from).collect()
    }

    /// The article's stored HTML; `None` when it has not been rendered yet (saved
    /// before HTML was stored) or does not exist. Kept apart from `ArticleRecord` so
    /// listings and the search index never load it.
    pub async fn article_html(&self, id: i64) -> anyhow::Result<Option<String>> {
        let html: Option<Option<String>> = sqlx::query_scalar("SELECT html FROM articles WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load article html")?;
        Ok(html.flatten())
    }

    /// Stores the HTML of an article that has none yet. An edit that stored its own
    /// HTML in the meantime wins: this never overwrites.
    pub async fn fill_article_html(&self, id: i64, html: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE articles SET html = $1 WHERE id = $2 AND html IS NULL")
            .bind(html)
            .bind(id)
            .execute(self.pool())
            .await
            .context("store article html")?;
        Ok(())
    }
}

/// A cheap summary of the published articles: it changes whenever one is published,
/// edited, unpublished or deleted, by this node or any other process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, FromRow)]
pub struct ArticlesFingerprint {
    pub count: i64,
    pub last_update: Option<i64>,
    pub id_sum: Option<i64>,
}

impl Store {
    /// Every published article of every workspace, for rebuilding the search index.
    pub async fn all_published_articles(&self) -> anyhow::Result<Vec<ArticleRecord>> {
        let rows: Vec<ArticleRow> =
            sqlx::query_as(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE status = 'published' ORDER BY id"))
                .fetch_all(self.pool())
                .await
                .context("load published articles")?;
        rows.into_iter().map(ArticleRecord::try_from).collect()
    }

    pub async fn articles_fingerprint(&self) -> anyhow::Result<ArticlesFingerprint> {
        sqlx::query_as(
            "SELECT COUNT(*) AS count, MAX(updated_at) AS last_update, CAST(SUM(id) AS BIGINT) AS id_sum
             FROM articles WHERE status = 'published'",
        )
        .fetch_one(self.pool())
        .await
        .context("fingerprint articles")
    }
}

/// What a search result needs from the database.
#[derive(Debug, Clone, FromRow)]
pub struct ArticleHeader {
    pub id: i64,
    pub workspace_id: i64,
    pub slug: String,
    pub category_id: Option<i64>,
    pub status: String,
    pub locale: Option<String>,
}

impl Store {
    /// Slugs, categories and locales of the given articles, in no particular order.
    pub async fn article_headers(&self, ids: &[i64]) -> anyhow::Result<Vec<ArticleHeader>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT id, workspace_id, slug, category_id, status, locale FROM articles WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(self.pool()).await.context("load article headers")
    }
}
