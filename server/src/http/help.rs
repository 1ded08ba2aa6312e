//! The public help center for the messenger: published articles and categories of the
//! visitor's workspace, search, and what visitors tell us about them (views, "Did this
//! answer your question?", their searches, and which of those found nothing).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use protocol::help::{
    Article, ArticleFeedback, ArticleStatus, ArticleSummary, Category, HelpHome, POPULAR_ARTICLES, SearchResult,
};
use serde::Deserialize;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::auth::visitor::{CurrentVisitor, bearer_token};
use crate::error::ApiError;
use crate::limits::ClientIp;
use crate::search::{Matching, SearchQuery};
use crate::state::AppState;
use crate::store::normalize_missed_query;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/widget/categories", get(list_categories))
        .route("/api/v1/widget/articles", get(list_articles))
        .route("/api/v1/widget/articles/{slug}", get(get_article))
        .route("/api/v1/widget/articles/{id}/views", post(record_view))
        .route("/api/v1/widget/articles/{id}/feedback", post(record_feedback))
        .route("/api/v1/widget/help", get(help_home))
        .route("/api/v1/widget/search", get(search))
}

/// Articles count as popular by their views over this many days.
const POPULAR_WINDOW_DAYS: i64 = 30;

#[derive(Debug, Deserialize)]
struct ArticleFilter {
    category: Option<i64>,
    /// The language the messenger speaks: its articles come first.
    locale: Option<String>,
}

/// The language the messenger speaks (`?locale=de`), whose articles come first.
#[derive(Debug, Default, Deserialize)]
struct Speaking {
    locale: Option<String>,
}

/// Orders `items` so the articles in the visitor's language come first, then those in
/// no particular language, then those in another; each group keeps its order (the
/// ranking or listing it had). Without a language Helpline ships, nothing moves.
fn prefer_language<T>(items: &mut [T], visitor: Option<&str>, locale_of: impl Fn(&T) -> Option<&str>) {
    let Some(visitor) = visitor.and_then(i18n::Locale::from_tag) else {
        return;
    };
    items.sort_by_key(|item| match locale_of(item).map(i18n::Locale::from_tag) {
        Some(Some(locale)) if locale == visitor => 0,
        None => 1,
        Some(_) => 2,
    });
}

pub(in crate::http) async fn visitor(state: &AppState, headers: &HeaderMap) -> Result<CurrentVisitor, ApiError> {
    let token = bearer_token(headers).ok_or(ApiError::Unauthorized)?;
    CurrentVisitor::authenticate(state, token, headers).await
}

async fn list_categories(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<ApiJson<Vec<Category>>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let categories = state.store.list_categories(current.workspace.id).await?;
    Ok(ApiJson(categories.into_iter().map(wire::category).collect()))
}

async fn list_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(filter): ApiQuery<ArticleFilter>,
) -> Result<ApiJson<Vec<ArticleSummary>>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let mut articles = state.store.list_articles(current.workspace.id, true).await?;
    articles.retain(|article| filter.category.is_none_or(|category| article.category_id == Some(category)));
    prefer_language(&mut articles, filter.locale.as_deref(), |article| article.locale.as_deref());
    Ok(ApiJson(articles.iter().map(wire::article_summary).collect()))
}

async fn get_article(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(slug): ApiPath<String>,
) -> Result<ApiJson<Article>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let article = state
        .store
        .article_by_slug(current.workspace.id, &slug)
        .await?
        .filter(|article| article.status == ArticleStatus::Published)
        .ok_or(ApiError::NotFound("article"))?;
    // The HTML stored when the article was saved: a view never renders.
    let html = crate::articles::html::article_html(&state.store, &article).await?;
    Ok(ApiJson(wire::article(article, html, false)))
}

/// The messenger's help home: categories to browse and the popular articles.
async fn help_home(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(speaking): ApiQuery<Speaking>,
) -> Result<ApiJson<HelpHome>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let workspace_id = current.workspace.id;
    let since = state.clock.now() - POPULAR_WINDOW_DAYS * 24 * 60 * 60 * 1000;
    let categories = state.store.categories_in_use(workspace_id).await?;
    let mut popular = state.store.popular_articles(workspace_id, since, POPULAR_ARTICLES as i64).await?;
    prefer_language(&mut popular, speaking.locale.as_deref(), |article| article.locale.as_deref());
    Ok(ApiJson(HelpHome {
        categories: categories.into_iter().map(wire::category).collect(),
        popular: popular.iter().map(wire::article_summary).collect(),
    }))
}

/// The published article with this id in the visitor's workspace; anything else is the
/// same `404`, so ids of drafts and other workspaces reveal nothing.
async fn visible_article(state: &AppState, current: &CurrentVisitor, id: i64) -> Result<(), ApiError> {
    let headers = state.store.article_headers(&[id]).await?;
    match headers.first() {
        Some(header) if header.workspace_id == current.workspace.id && header.status == "published" => Ok(()),
        _ => Err(ApiError::NotFound("article")),
    }
}

/// The visitor opened an article in the messenger.
async fn record_view(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let current = visitor(&state, &headers).await?;
    visible_article(&state, &current, id).await?;
    state.store.record_article_view(id, current.visitor.id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The visitor's answer to "Did this answer your question?".
async fn record_feedback(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(feedback): ApiJson<ArticleFeedback>,
) -> Result<StatusCode, ApiError> {
    let current = visitor(&state, &headers).await?;
    visible_article(&state, &current, id).await?;
    state.store.record_article_feedback(id, current.visitor.id, feedback.helpful, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: String,
    category: Option<i64>,
    limit: Option<usize>,
    /// Suggestions for a chat message being written: fewer of its words need to match,
    /// and as it is not the visitor searching, a miss is not recorded.
    #[serde(default)]
    suggest: bool,
    /// The language the messenger speaks: among the hits, its articles come first.
    locale: Option<String>,
}

/// Results shown while typing when the caller does not ask for a number.
const DEFAULT_RESULTS: usize = 8;
/// Longest query read; the index reads only its first words anyway.
const MAX_QUERY_BYTES: usize = 1024;

/// Search-as-you-type over the published articles of the visitor's workspace. Limited
/// per client IP before the token is even looked up: each keystroke is a search.
async fn search(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiQuery(params): ApiQuery<SearchParams>,
) -> Result<ApiJson<Vec<SearchResult>>, ApiError> {
    state.limits.searches_per_ip.check(&client)?;
    let current = visitor(&state, &headers).await?;
    let mut text = params.q;
    if text.len() > MAX_QUERY_BYTES {
        let mut cut = MAX_QUERY_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
    }
    let workspace_id = current.workspace.id;
    let limit = params.limit.unwrap_or(DEFAULT_RESULTS).min(crate::search::MAX_LIMIT);
    let index = state.search.index.clone();
    let category_id = params.category;
    let searched = normalize_missed_query(&text);
    let matching = if params.suggest { Matching::Message } else { Matching::Search };
    let hits = tokio::task::spawn_blocking(move || {
        index.search_with(&SearchQuery { workspace_id, text: &text, category_id, limit }, matching)
    })
    .await
    .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("join search")))?
    .map_err(|e| ApiError::Internal(anyhow::Error::new(e).context("search")))?;
    let ids: Vec<i64> = hits.iter().map(|hit| hit.id).collect();
    let headers = state.store.article_headers(&ids).await?;
    // The database decides: a hit whose article changed since indexing is dropped
    // rather than shown wrongly.
    let mut found = hits
        .into_iter()
        .filter_map(|hit| {
            let header = headers.iter().find(|h| h.id == hit.id)?;
            (header.workspace_id == workspace_id && header.status == "published").then_some((hit, header))
        })
        .collect::<Vec<_>>();
    prefer_language(&mut found, params.locale.as_deref(), |(_, header)| header.locale.as_deref());
    let results = found
        .into_iter()
        .map(|(hit, header)| SearchResult {
            id: hit.id,
            slug: header.slug.clone(),
            category_id: header.category_id,
            title_html: hit.title_html,
            snippet_html: hit.snippet_html,
        })
        .collect::<Vec<_>>();
    // Suggestions for a chat message are not the visitor searching. Every search is kept
    // for reports; misses within a category are the visitor narrowing down, not a gap
    // in the content.
    if let Some(query) = searched.filter(|_| !params.suggest) {
        let (visitor_id, now) = (current.visitor.id, state.clock.now());
        state.store.record_help_search(workspace_id, visitor_id, &query, results.len(), now).await?;
        if results.is_empty() && category_id.is_none() {
            state.store.record_missed_search(workspace_id, visitor_id, &query, now).await?;
        }
    }
    Ok(ApiJson(results))
}
