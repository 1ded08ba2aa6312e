//! What visitors do in the help center: article views, answers to "Did this answer your
//! question?", their searches (all of them for reports, and those that found nothing
//! for the insights list), and the figures the console shows about them.

use anyhow::Context;
use protocol::help::ArticleStatus;
use sqlx::FromRow;

use super::Store;
use super::articles::{ARTICLE_COLUMNS, ArticleRecord, ArticleRow, status_from_db};

/// Views by the same visitor of the same article within this window count once, so
/// reloading an article does not inflate its figures.
pub const VIEW_WINDOW_MS: i64 = 30 * 60 * 1000;

/// A visitor's no-result searches this close together are one search typed as they go.
pub const TYPING_WINDOW_MS: i64 = 60 * 1000;

/// Longest missed search kept, in characters.
pub const MAX_MISSED_QUERY_CHARS: usize = 200;

/// One article's figures, for the console.
#[derive(Debug, Clone)]
pub struct ArticleStatsRecord {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: ArticleStatus,
    pub views: i64,
    pub visitors: i64,
    pub helpful: i64,
    pub not_helpful: i64,
}

#[derive(FromRow)]
struct ArticleStatsRow {
    id: i64,
    slug: String,
    title: String,
    status: String,
    views: i64,
    visitors: i64,
    helpful: i64,
    not_helpful: i64,
}

impl TryFrom<ArticleStatsRow> for ArticleStatsRecord {
    type Error = anyhow::Error;

    fn try_from(row: ArticleStatsRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            slug: row.slug,
            title: row.title,
            status: status_from_db(&row.status)?,
            views: row.views,
            visitors: row.visitors,
            helpful: row.helpful,
            not_helpful: row.not_helpful,
        })
    }
}

/// A search that found nothing, grouped over visitors.
#[derive(Debug, Clone, FromRow)]
pub struct MissedSearchRecord {
    pub query: String,
    pub visitors: i64,
    pub last_searched_at: i64,
}

#[derive(FromRow)]
struct RecentSearch {
    id: i64,
    query: String,
}

impl Store {
    /// Records that a visitor opened an article, unless they already did within
    /// [`VIEW_WINDOW_MS`].
    pub async fn record_article_view(&self, article_id: i64, visitor_id: i64, now: i64) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO article_views (article_id, visitor_id, viewed_at)
             SELECT $1, $2, $3 WHERE NOT EXISTS (
                 SELECT 1 FROM article_views WHERE visitor_id = $4 AND article_id = $5 AND viewed_at > $6)",
        )
        .bind(article_id)
        .bind(visitor_id)
        .bind(now)
        .bind(visitor_id)
        .bind(article_id)
        .bind(now - VIEW_WINDOW_MS)
        .execute(self.pool())
        .await
        .context("record article view")?;
        Ok(())
    }

    /// Stores a visitor's answer to "Did this answer your question?", replacing an
    /// earlier one.
    pub async fn record_article_feedback(
        &self,
        article_id: i64,
        visitor_id: i64,
        helpful: bool,
        now: i64,
    ) -> anyhow::Result<()> {
        sqlx::query(
            "INSERT INTO article_feedback (article_id, visitor_id, helpful, answered_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (article_id, visitor_id) DO UPDATE SET helpful = excluded.helpful, answered_at = excluded.answered_at",
        )
        .bind(article_id)
        .bind(visitor_id)
        .bind(i64::from(helpful))
        .bind(now)
        .execute(self.pool())
        .await
        .context("record article feedback")?;
        Ok(())
    }

    /// Records a search that found nothing. When the visitor's previous miss is recent and
    /// one query extends the other, they were still typing it: that row is updated to the
    /// latest text instead of a row added per keystroke.
    pub async fn record_missed_search(
        &self,
        workspace_id: i64,
        visitor_id: i64,
        query: &str,
        now: i64,
    ) -> anyhow::Result<()> {
        let recent: Option<RecentSearch> = sqlx::query_as(
            "SELECT id, query FROM missed_searches WHERE visitor_id = $1 AND searched_at > $2
             ORDER BY searched_at DESC, id DESC LIMIT 1",
        )
        .bind(visitor_id)
        .bind(now - TYPING_WINDOW_MS)
        .fetch_optional(self.pool())
        .await
        .context("load recent missed search")?;
        match recent {
            Some(recent) if still_typing(&recent.query, query) => {
                sqlx::query("UPDATE missed_searches SET query = $1, searched_at = $2 WHERE id = $3")
                    .bind(query)
                    .bind(now)
                    .bind(recent.id)
                    .execute(self.pool())
                    .await
                    .context("update missed search")?;
            }
            _ => {
                sqlx::query(
                    "INSERT INTO missed_searches (workspace_id, visitor_id, query, searched_at) VALUES ($1, $2, $3, $4)",
                )
                .bind(workspace_id)
                .bind(visitor_id)
                .bind(query)
                .bind(now)
                .execute(self.pool())
                .await
                .context("record missed search")?;
            }
        }
        Ok(())
    }

    /// Records a visitor's search and how many articles it found, for reports. Like
    /// [`Store::record_missed_search`], a search the visitor is still typing updates
    /// their previous row rather than adding one per keystroke.
    pub async fn record_help_search(
        &self,
        workspace_id: i64,
        visitor_id: i64,
        query: &str,
        results: usize,
        now: i64,
    ) -> anyhow::Result<()> {
        let results = i64::try_from(results).unwrap_or(i64::MAX);
        let recent: Option<RecentSearch> = sqlx::query_as(
            "SELECT id, query FROM help_searches WHERE visitor_id = $1 AND searched_at > $2
             ORDER BY searched_at DESC, id DESC LIMIT 1",
        )
        .bind(visitor_id)
        .bind(now - TYPING_WINDOW_MS)
        .fetch_optional(self.pool())
        .await
        .context("load recent help search")?;
        match recent {
            Some(recent) if still_typing(&recent.query, query) => {
                sqlx::query("UPDATE help_searches SET query = $1, results = $2, searched_at = $3 WHERE id = $4")
                    .bind(query)
                    .bind(results)
                    .bind(now)
                    .bind(recent.id)
                    .execute(self.pool())
                    .await
                    .context("update help search")?;
            }
            _ => {
                sqlx::query(
                    "INSERT INTO help_searches (workspace_id, visitor_id, query, results, searched_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(workspace_id)
                .bind(visitor_id)
                .bind(query)
                .bind(results)
                .bind(now)
                .execute(self.pool())
                .await
                .context("record help search")?;
            }
        }
        Ok(())
    }

    /// The workspace's published articles, most viewed since `since` first, then the most
    /// recently updated.
    pub async fn popular_articles(
        &self,
        workspace_id: i64,
        since: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<ArticleRecord>> {
        let rows: Vec<ArticleRow> = sqlx::query_as(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles a WHERE workspace_id = $1 AND status = 'published'
             ORDER BY (SELECT COUNT(*) FROM article_views v WHERE v.article_id = a.id AND v.viewed_at >= $2) DESC,
                      updated_at DESC, id DESC
             LIMIT $3"
        ))
        .bind(workspace_id)
        .bind(since)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list popular articles")?;
        rows.into_iter().map(ArticleRecord::try_from).collect()
    }

    /// Views and feedback of every article of the workspace, most viewed first.
    pub async fn article_stats(&self, workspace_id: i64) -> anyhow::Result<Vec<ArticleStatsRecord>> {
        let rows: Vec<ArticleStatsRow> = sqlx::query_as(
            "SELECT a.id, a.slug, a.title, a.status,
                    (SELECT COUNT(*) FROM article_views v WHERE v.article_id = a.id) AS views,
                    (SELECT COUNT(DISTINCT v.visitor_id) FROM article_views v WHERE v.article_id = a.id) AS visitors,
                    (SELECT COUNT(*) FROM article_feedback f WHERE f.article_id = a.id AND f.helpful = 1) AS helpful,
                    (SELECT COUNT(*) FROM article_feedback f WHERE f.article_id = a.id AND f.helpful = 0) AS not_helpful
             FROM articles a WHERE a.workspace_id = $1
             ORDER BY views DESC, a.title, a.id",
        )
        .bind(workspace_id)
        .fetch_all(self.pool())
        .await
        .context("load article stats")?;
        rows.into_iter().map(ArticleStatsRecord::try_from).collect()
    }

    /// The searches that found nothing, by how many visitors typed them.
    pub async fn missed_searches(&self, workspace_id: i64, limit: i64) -> anyhow::Result<Vec<MissedSearchRecord>> {
        sqlx::query_as(
            "SELECT query, COUNT(DISTINCT visitor_id) AS visitors, MAX(searched_at) AS last_searched_at
             FROM missed_searches WHERE workspace_id = $1
             GROUP BY query ORDER BY visitors DESC, last_searched_at DESC, query LIMIT $2",
        )
        .bind(workspace_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("load missed searches")
    }
}

/// Whether `query` is `previous` still being typed (or corrected backwards): one
/// extends the other. Only asked of searches within [`TYPING_WINDOW_MS`] of each other.
fn still_typing(previous: &str, query: &str) -> bool {
    query.starts_with(previous) || previous.starts_with(query)
}

/// A search as it is kept: lowercased, spaces collapsed, at most
/// [`MAX_MISSED_QUERY_CHARS`] characters. `None` when nothing is left.
pub fn normalize_missed_query(text: &str) -> Option<String> {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let joined: String = words.join(" ").chars().take(MAX_MISSED_QUERY_CHARS).collect();
    let trimmed = joined.trim_end();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::{normalize_missed_query, still_typing};

    #[test]
    fn missed_queries_are_lowercased_with_spaces_collapsed() {
        assert_eq!(normalize_missed_query("  Reset   MY password "), Some("reset my password".to_owned()));
        assert_eq!(normalize_missed_query(" \t "), None);
        assert_eq!(normalize_missed_query(&"é".repeat(500)).map(|q| q.chars().count()), Some(200));
    }

    #[test]
    fn a_search_extended_or_shortened_is_still_being_typed() {
        assert!(still_typing("refu", "refund"));
        assert!(still_typing("refund policy", "refund"));
        assert!(!still_typing("refund", "invoice"));
    }
}
