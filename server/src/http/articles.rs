//! Article management for agents: list, create, edit, publish, delete, preview, and
//! categories.

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use protocol::help::{
    Article, ArticleInput, ArticleSummary, Category, CategoryInput, HelpAnalytics, Preview, Rendered,
};

use super::extract::{ApiJson, ApiPath};
use crate::articles::html::article_html;
use crate::articles::render::{self, RenderError};
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::language::{say, say_with};
use crate::state::AppState;
use crate::store::{ArticleFields, ArticleRecord, is_unique_violation};
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/categories", get(list_categories).post(create_category))
        .route("/api/v1/help/analytics", get(help_analytics))
}

/// The routes that take an article's Markdown, with a body limit of their own: an
/// article may have MAX_BODY_CHARS characters, which JSON may spell in up to four bytes
/// each, so the server-wide 64 KiB would cut a long article short. Merged after the
/// server-wide limit so that it does not apply to them.
pub fn editor_router() -> Router<AppState> {
    const ARTICLE_BODY_BYTES: usize = MAX_BODY_CHARS * 4 + 16 * 1024;
    Router::new()
        .route("/api/v1/articles", get(list_articles).post(create_article))
        .route("/api/v1/articles/preview", post(preview))
        .route("/api/v1/articles/{id}", get(get_article).put(update_article).delete(delete_article))
        .route_layer(from_fn_with_state(ARTICLE_BODY_BYTES, super::refusal::refuse_oversized))
        .layer(DefaultBodyLimit::max(ARTICLE_BODY_BYTES))
}

/// How many no-result searches the console lists.
const MISSED_SEARCHES_LISTED: i64 = 50;

/// Views and helpfulness per article, and the searches that found nothing.
async fn help_analytics(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<HelpAnalytics>, ApiError> {
    let workspace_id = current.agent.workspace_id;
    let articles = state.store.article_stats(workspace_id).await?;
    let missed = state.store.missed_searches(workspace_id, MISSED_SEARCHES_LISTED).await?;
    Ok(ApiJson(HelpAnalytics {
        articles: articles.into_iter().map(wire::article_stats).collect(),
        missed_searches: missed.into_iter().map(wire::missed_search).collect(),
    }))
}

const MAX_TITLE_CHARS: usize = 200;
const MAX_BODY_CHARS: usize = 200_000;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 50;
/// Longest category name, in characters.
const MAX_CATEGORY_NAME_CHARS: usize = 100;

async fn list_articles(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<Vec<ArticleSummary>>, ApiError> {
    let articles = state.store.list_articles(current.agent.workspace_id, false).await?;
    Ok(ApiJson(articles.iter().map(wire::article_summary).collect()))
}

async fn get_article(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<Article>, ApiError> {
    let article = own_article(&state, &current, id).await?;
    let html = article_html(&state.store, &article).await?;
    Ok(ApiJson(wire::article(article, html, true)))
}

async fn create_article(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(input): ApiJson<ArticleInput>,
) -> Result<(StatusCode, ApiJson<Article>), ApiError> {
    let workspace_id = current.agent.workspace_id;
    let fields = validate(&state, workspace_id, input).await?;
    // Rendered once, here; visitors' views read what is stored.
    let html = render::render(fields.body.clone()).await?;
    let id = state
        .store
        .create_article(workspace_id, &fields, &html, Some(current.agent.id), state.clock.now())
        .await
        .map_err(|e| slug_conflict(e, &fields.slug))?;
    state.search.refresh(&state.store, id).await?;
    let article = own_article(&state, &current, id).await?;
    Ok((StatusCode::CREATED, ApiJson(wire::article(article, html, true))))
}

async fn update_article(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<ArticleInput>,
) -> Result<ApiJson<Article>, ApiError> {
    own_article(&state, &current, id).await?;
    let fields = validate(&state, current.agent.workspace_id, input).await?;
    let html = render::render(fields.body.clone()).await?;
    state
        .store
        .update_article(id, &fields, &html, state.clock.now())
        .await
        .map_err(|e| slug_conflict(e, &fields.slug))?;
    state.search.refresh(&state.store, id).await?;
    let article = own_article(&state, &current, id).await?;
    Ok(ApiJson(wire::article(article, html, true)))
}

async fn delete_article(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    own_article(&state, &current, id).await?;
    state.store.delete_article(id).await?;
    state.search.refresh(&state.store, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Renders Markdown exactly as visitors will see it, for the editor's live preview,
/// under the same bound and nesting limit as saving.
async fn preview(_current: CurrentAgent, ApiJson(input): ApiJson<Preview>) -> Result<ApiJson<Rendered>, ApiError> {
    if input.markdown.chars().count() > MAX_BODY_CHARS {
        return Err(body_too_long());
    }
    let html = render::render(input.markdown).await.map_err(|error| match error {
        RenderError::TooDeep => ApiError::FieldRefused { field: "markdown", message: error.to_string() },
        other => other.into(),
    })?;
    Ok(ApiJson(Rendered { html }))
}

async fn list_categories(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<Vec<Category>>, ApiError> {
    let categories = state.store.list_categories(current.agent.workspace_id).await?;
    Ok(ApiJson(categories.into_iter().map(wire::category).collect()))
}

async fn create_category(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(input): ApiJson<CategoryInput>,
) -> Result<(StatusCode, ApiJson<Category>), ApiError> {
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > MAX_CATEGORY_NAME_CHARS {
        return Err(ApiError::BadRequest(say_with("category-name-length", &[("max", MAX_CATEGORY_NAME_CHARS.into())])));
    }
    let workspace_id = current.agent.workspace_id;
    let id = state
        .store
        .create_category(workspace_id, name, input.description.trim(), input.position, state.clock.now())
        .await
        .map_err(|e| {
            if is_unique_violation(&e) {
                ApiError::Conflict(say_with("category-name-taken", &[("name", name.into())]))
            } else {
                ApiError::Internal(anyhow::Error::new(e).context("create category"))
            }
        })?;
    let category = Category {
        id,
        name: name.to_owned(),
        description: input.description.trim().to_owned(),
        position: input.position,
    };
    Ok((StatusCode::CREATED, ApiJson(category)))
}

/// The article if it belongs to the agent's workspace; not found otherwise.
async fn own_article(state: &AppState, current: &CurrentAgent, id: i64) -> Result<ArticleRecord, ApiError> {
    state
        .store
        .article(id)
        .await?
        .filter(|article| article.workspace_id == current.agent.workspace_id)
        .ok_or(ApiError::NotFound("article"))
}

async fn validate(state: &AppState, workspace_id: i64, input: ArticleInput) -> Result<ArticleFields, ApiError> {
    let title = input.title.trim().to_owned();
    if title.is_empty() || title.chars().count() > MAX_TITLE_CHARS {
        return Err(ApiError::BadRequest(say_with("article-title-length", &[("max", MAX_TITLE_CHARS.into())])));
    }
    if input.body.chars().count() > MAX_BODY_CHARS {
        return Err(body_too_long());
    }
    let slug = match input.slug.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(slug) if is_valid_slug(slug) => slug.to_owned(),
        Some(slug) => {
            return Err(ApiError::BadRequest(say_with("article-slug-invalid", &[("slug", slug.into())])));
        }
        None => slugify(&title).ok_or_else(|| ApiError::BadRequest(say("article-slug-missing")))?,
    };
    if let Some(category_id) = input.category_id {
        let known = state.store.list_categories(workspace_id).await?.iter().any(|c| c.id == category_id);
        if !known {
            let id = category_id.to_string();
            return Err(ApiError::BadRequest(say_with("article-category-missing", &[("id", (&id).into())])));
        }
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in input.tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG_CHARS || tag.contains('\n') {
            return Err(ApiError::BadRequest(say_with("article-tag-length", &[("max", MAX_TAG_CHARS.into())])));
        }
        if !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(ApiError::BadRequest(say_with("article-tags-count", &[("max", MAX_TAGS.into())])));
    }
    let locale = input.locale.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
    if let Some(locale) = &locale {
        let valid = locale.len() <= 16 && locale.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !valid {
            return Err(ApiError::BadRequest(say_with("article-locale", &[("locale", locale.into())])));
        }
    }
    Ok(ArticleFields {
        category_id: input.category_id,
        slug,
        title,
        body: input.body,
        tags,
        locale,
        status: input.status,
    })
}

/// An article body, or a preview, longer than an article may be.
fn body_too_long() -> ApiError {
    ApiError::BadRequest(say_with("article-body-length", &[("max", MAX_BODY_CHARS.into())]))
}

fn is_valid_slug(slug: &str) -> bool {
    slug.len() <= 200
        && !slug.starts_with(['-', '/'])
        && !slug.ends_with(['-', '/'])
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/')
}

/// `How do I reset my password?` becomes `how-do-i-reset-my-password`.
fn slugify(title: &str) -> Option<String> {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(120).collect();
    let slug = slug.trim_end_matches('-').to_owned();
    (!slug.is_empty()).then_some(slug)
}

fn slug_conflict(error: sqlx::Error, slug: &str) -> ApiError {
    if is_unique_violation(&error) {
        ApiError::Conflict(say_with("article-slug-taken", &[("slug", slug.into())]))
    } else {
        ApiError::Internal(anyhow::Error::new(error).context("save article"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_slugs() {
        assert_eq!(slugify("How do I reset my password?").as_deref(), Some("how-do-i-reset-my-password"));
        assert_eq!(slugify("  Ünïcode & spaces  ").as_deref(), Some("n-code-spaces"));
        assert_eq!(slugify("???"), None);
    }

    #[test]
    fn slugs_are_checked() {
        assert!(is_valid_slug("billing/refunds"));
        assert!(!is_valid_slug("Billing"));
        assert!(!is_valid_slug("-x"));
        assert!(!is_valid_slug("a b"));
    }
}
