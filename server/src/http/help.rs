//! The public help center for the messenger: published articles and categories of the
//! visitor's workspace.

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::get;
use protocol::help::{Article, ArticleStatus, ArticleSummary, Category};
use serde::Deserialize;

use super::extract::ApiJson;
use crate::auth::visitor::{CurrentVisitor, bearer_token};
use crate::error::ApiError;
use crate::state::AppState;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/widget/categories", get(list_categories))
        .route("/api/v1/widget/articles", get(list_articles))
        .route("/api/v1/widget/articles/{slug}", get(get_article))
}

#[derive(Debug, Deserialize)]
struct ArticleFilter {
    category: Option<i64>,
}

async fn visitor(state: &AppState, headers: &HeaderMap) -> Result<CurrentVisitor, ApiError> {
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
    Query(filter): Query<ArticleFilter>,
) -> Result<ApiJson<Vec<ArticleSummary>>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let articles = state.store.list_articles(current.workspace.id, true).await?;
    let listed = articles
        .iter()
        .filter(|article| filter.category.is_none_or(|category| article.category_id == Some(category)))
        .map(wire::article_summary)
        .collect();
    Ok(ApiJson(listed))
}

async fn get_article(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(slug): Path<String>,
) -> Result<ApiJson<Article>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let article = state
        .store
        .article_by_slug(current.workspace.id, &slug)
        .await?
        .filter(|article| article.status == ArticleStatus::Published)
        .ok_or(ApiError::NotFound("article"))?;
    Ok(ApiJson(wire::article(article, false)))
}
