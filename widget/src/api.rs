//! The visitor REST API: create a visitor, restore a session, read the help center,
//! send and list email tickets, and grant or revoke support access, through the shared client's `fetch` on the messenger's own
//! origin, with the protocol types as bodies and the shared `ApiError`.

use client::rest;
use client::web::http::{self, Auth};
use protocol::access::{GrantInput, MyAccess, RequestAnswer};
use protocol::api::{CreateVisitor, WidgetSession};
use protocol::help::{Article, ArticleFeedback, ArticleSummary, HelpHome, SearchResult};
use protocol::tickets::{RatingInput, RequesterEmail, SupportStatus, WidgetTicket, WidgetTicketInput};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use client::rest::ApiError;

/// The message shown when a request was over a limit (the shared client's `LIMITED`, in
/// the visitor's language).
pub const LIMITED: &str = "error-too-many-requests";

/// `POST /api/v1/widget/visitors`: a new anonymous visitor; the session carries its token.
pub async fn create_visitor(app_id: &str) -> Result<WidgetSession, ApiError> {
    let body = CreateVisitor { app_id: app_id.to_owned() };
    request("POST", "/api/v1/widget/visitors", None, Some(&to_json(&body)?)).await
}

/// `GET /api/v1/widget/session`: checks a stored token and returns the session (without
/// the token).
pub async fn fetch_session(token: &str) -> Result<WidgetSession, ApiError> {
    request("GET", "/api/v1/widget/session", Some(token), None).await
}

/// `GET /api/v1/widget/help`: the categories and popular articles of the help home,
/// those in the messenger's language first (as in search and categories).
pub async fn help_home(token: &str) -> Result<HelpHome, ApiError> {
    let path = format!("/api/v1/widget/help?locale={}", crate::l10n::locale().tag());
    request("GET", &path, Some(token), None).await
}

/// `GET /api/v1/widget/search`: published articles matching `query`, best first. With
/// `suggest`, the server treats the query as a chat draft rather than a search box.
pub async fn search(
    token: &str,
    query: &str,
    limit: Option<usize>,
    suggest: bool,
) -> Result<Vec<SearchResult>, ApiError> {
    let mut path = format!("/api/v1/widget/search?q={}&locale={}", encode(query), crate::l10n::locale().tag());
    if let Some(limit) = limit {
        path.push_str(&format!("&limit={limit}"));
    }
    if suggest {
        path.push_str("&suggest=true");
    }
    request("GET", &path, Some(token), None).await
}

/// `GET /api/v1/widget/articles?category=ID`: the published articles of one category,
/// asked for now; [`category_articles`] reads the answer.
pub fn begin_category_articles(token: &str, category_id: i64) -> http::Pending {
    let path = format!("/api/v1/widget/articles?category={category_id}&locale={}", crate::l10n::locale().tag());
    http::begin(&path, auth(Some(token)))
}

/// The answer to [`begin_category_articles`].
pub async fn category_articles(pending: http::Pending) -> Result<Vec<ArticleSummary>, ApiError> {
    rest::decode(&pending.text().await?)
}

/// `GET /api/v1/widget/articles/{slug}`: one published article with its sanitised HTML,
/// asked for now; [`article`] reads the answer.
pub fn begin_article(token: &str, slug: &str) -> http::Pending {
    http::begin(&format!("/api/v1/widget/articles/{}", encode(slug)), auth(Some(token)))
}

/// The answer to [`begin_article`].
pub async fn article(pending: http::Pending) -> Result<Article, ApiError> {
    rest::decode(&pending.text().await?)
}

/// `POST /api/v1/widget/articles/{id}/views`: the visitor opened the article.
pub async fn record_view(token: &str, article_id: i64) -> Result<(), ApiError> {
    let path = format!("/api/v1/widget/articles/{article_id}/views");
    request_no_content("POST", &path, Some(token), None).await
}

/// `POST /api/v1/widget/articles/{id}/feedback`: the answer to "Did this answer your
/// question?".
pub async fn send_feedback(token: &str, article_id: i64, helpful: bool) -> Result<(), ApiError> {
    let json = to_json(&ArticleFeedback { helpful })?;
    let path = format!("/api/v1/widget/articles/{article_id}/feedback");
    request_no_content("POST", &path, Some(token), Some(&json)).await
}

/// `GET /api/v1/widget/support`: whether anyone can chat now, when an emailed question
/// would be answered, and whether an ended chat awaits a rating.
pub async fn support_status(token: &str) -> Result<SupportStatus, ApiError> {
    request("GET", "/api/v1/widget/support", Some(token), None).await
}

/// `GET /api/v1/widget/tickets`: the visitor's tickets, newest first.
pub async fn tickets(token: &str) -> Result<Vec<WidgetTicket>, ApiError> {
    request("GET", "/api/v1/widget/tickets", Some(token), None).await
}

/// `POST /api/v1/widget/tickets`: sends the "Email us" form.
pub async fn create_ticket(token: &str, input: &WidgetTicketInput) -> Result<WidgetTicket, ApiError> {
    let json = to_json(input)?;
    request("POST", "/api/v1/widget/tickets", Some(token), Some(&json)).await
}

/// `POST /api/v1/widget/tickets/{number}/email`: where to send the answer to a ticket a
/// chat was handed off to.
pub async fn give_email(token: &str, number: i64, email: &str) -> Result<WidgetTicket, ApiError> {
    let json = to_json(&RequesterEmail { email: email.to_owned() })?;
    request("POST", &format!("/api/v1/widget/tickets/{number}/email"), Some(token), Some(&json)).await
}

/// `POST /api/v1/widget/conversation/rating`: rates the chat an agent ended.
pub async fn rate_chat(token: &str, rating: &RatingInput) -> Result<(), ApiError> {
    let json = to_json(rating)?;
    request_no_content("POST", "/api/v1/widget/conversation/rating", Some(token), Some(&json)).await
}

/// `GET /api/v1/widget/access`: the verified user's support access.
pub async fn my_access(token: &str) -> Result<MyAccess, ApiError> {
    request("GET", "/api/v1/widget/access", Some(token), None).await
}

/// `POST /api/v1/widget/access`: grants support access.
pub async fn grant_access(token: &str, input: &GrantInput) -> Result<(), ApiError> {
    request_no_content("POST", "/api/v1/widget/access", Some(token), Some(&to_json(input)?)).await
}

/// `DELETE /api/v1/widget/access/{id}`: revokes a grant.
pub async fn revoke_access(token: &str, grant_id: i64) -> Result<(), ApiError> {
    request_no_content("DELETE", &format!("/api/v1/widget/access/{grant_id}"), Some(token), None).await
}

/// `POST /api/v1/widget/access/requests/{id}`: allows or declines an agent's request.
pub async fn answer_access_request(token: &str, id: i64, answer: &RequestAnswer) -> Result<(), ApiError> {
    let json = to_json(answer)?;
    request_no_content("POST", &format!("/api/v1/widget/access/requests/{id}"), Some(token), Some(&json)).await
}

fn to_json(body: &impl Serialize) -> Result<String, ApiError> {
    rest::encode(body)
}

fn encode(component: &str) -> String {
    http::encode_component(component)
}

async fn request<T: DeserializeOwned>(
    method: &str,
    path: &str,
    bearer: Option<&str>,
    json_body: Option<&str>,
) -> Result<T, ApiError> {
    http::fetch_json(method, path, auth(bearer), json_body).await
}

/// A request whose success has no body worth reading (`204 No Content`).
async fn request_no_content(
    method: &str,
    path: &str,
    bearer: Option<&str>,
    json_body: Option<&str>,
) -> Result<(), ApiError> {
    http::fetch_text(method, path, auth(bearer), json_body).await.map(drop)
}

fn auth(bearer: Option<&str>) -> Auth<'_> {
    bearer.map_or(Auth::None, Auth::Bearer)
}
