//! Help-center bodies: categories and articles, for the messenger and the console.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// Whether visitors can see an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    Draft,
    Published,
}

/// A group of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Sort key: lower first.
    pub position: i64,
}

/// An article in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub category_id: Option<i64>,
    pub status: ArticleStatus,
    pub updated_at: Millis,
}

/// One article in full. `html` is rendered from `body` and sanitised on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub category_id: Option<i64>,
    pub tags: Vec<String>,
    pub locale: Option<String>,
    pub status: ArticleStatus,
    /// Markdown; sent to the console only (empty for visitors).
    pub body: String,
    pub html: String,
    pub created_at: Millis,
    pub updated_at: Millis,
}

/// `POST /api/v1/articles` and `PUT /api/v1/articles/{id}` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInput {
    pub title: String,
    /// Derived from the title when left out.
    #[serde(default)]
    pub slug: Option<String>,
    pub body: String,
    #[serde(default)]
    pub category_id: Option<i64>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub locale: Option<String>,
    pub status: ArticleStatus,
}

/// `POST /api/v1/categories` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryInput {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub position: i64,
}

/// `POST /api/v1/articles/preview` body and answer: Markdown in, sanitised HTML out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    pub markdown: String,
}

/// The rendered preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    pub html: String,
}

/// One hit of `GET /api/v1/widget/search`, best first. The HTML fields are escaped text
/// with the matched words in `<mark>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResult {
    pub id: i64,
    pub slug: String,
    pub category_id: Option<i64>,
    pub title_html: String,
    pub snippet_html: String,
}

/// `GET /api/v1/widget/help`: everything the messenger's help home shows, in one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpHome {
    /// Categories that hold at least one published article, in order.
    pub categories: Vec<Category>,
    /// The most viewed published articles of the last 30 days (recently updated ones when
    /// nothing has been viewed yet), at most [`POPULAR_ARTICLES`].
    pub popular: Vec<ArticleSummary>,
}

/// How many articles the help home lists as popular.
pub const POPULAR_ARTICLES: usize = 5;

/// `POST /api/v1/widget/articles/{id}/feedback` body: the answer to "Did this answer your
/// question?". A visitor has one answer per article; answering again replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFeedback {
    pub helpful: bool,
}

/// `GET /api/v1/help/analytics`: how the help center is used, for the console.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelpAnalytics {
    /// Every article of the workspace, most viewed first.
    pub articles: Vec<ArticleStats>,
    /// Searches that found nothing, most frequent first: what to write next.
    pub missed_searches: Vec<MissedSearch>,
}

/// Views and answers to "Did this answer your question?" for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleStats {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub status: ArticleStatus,
    /// Times the article was opened in the messenger.
    pub views: i64,
    /// Distinct visitors who opened it.
    pub visitors: i64,
    pub helpful: i64,
    pub not_helpful: i64,
}

/// A search that returned no article, as visitors typed it (lowercased, spaces collapsed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissedSearch {
    pub query: String,
    /// Distinct visitors who searched for it.
    pub visitors: i64,
    pub last_searched_at: Millis,
}
