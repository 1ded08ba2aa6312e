//! The console's REST calls, with the session cookie and the CSRF header on state-changing
//! requests, through the shared client's `fetch` and its one `ApiError`.
//! The ticket, rating and support-settings calls are in `api/tickets.rs`.

mod tickets;

use client::rest;
use client::web::http::{self, Auth};
use protocol::access::{AccessRequest, AuditEntry, MyAccess, RequestInput};
use protocol::api::{
    AgentSession, Appearance, ConversationDetail, ConversationSummary, IdentitySettings, Login, UpdateIdentitySettings,
    UpdateOrigins, Workspace,
};
use protocol::help::{
    Article, ArticleInput, ArticleSummary, Category, CategoryInput, HelpAnalytics, Preview, Rendered,
};
use protocol::inbox::{
    AgentAvailability, AgentStatus, Invite, NewInviteRequest, SetAgentStatus, SetAssignment, SetStatus, UpdateAgent,
};
use protocol::replies::{SavedReply, SavedReplyInput};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use client::rest::ApiError;
pub use tickets::*;

/// `GET /api/v1/auth/me`: the signed-in agent, or a 401.
pub async fn me() -> Result<AgentSession, ApiError> {
    get("/api/v1/auth/me").await
}

/// `POST /api/v1/auth/login`. The only state-changing call without a CSRF token, since
/// there is no session yet.
pub async fn login(credentials: &Login) -> Result<AgentSession, ApiError> {
    let text = request("POST", "/api/v1/auth/login", Some(json(credentials)?), None).await?;
    decode(&text)
}

/// `POST /api/v1/auth/logout`.
pub async fn logout(csrf_token: &str) -> Result<(), ApiError> {
    request("POST", "/api/v1/auth/logout", None, Some(csrf_token)).await.map(drop)
}

/// `GET /api/v1/conversations?…`: one page of the inbox, newest updated first.
pub async fn conversations(query: &str) -> Result<Vec<ConversationSummary>, ApiError> {
    get(&format!("/api/v1/conversations?{query}")).await
}

/// `PUT /api/v1/conversations/{id}/assignment`.
pub async fn set_assignment(
    csrf_token: &str,
    id: i64,
    assignment: &SetAssignment,
) -> Result<ConversationSummary, ApiError> {
    send("PUT", &format!("/api/v1/conversations/{id}/assignment"), assignment, csrf_token).await
}

/// `PUT /api/v1/conversations/{id}/status`.
pub async fn set_status(csrf_token: &str, id: i64, status: &SetStatus) -> Result<ConversationSummary, ApiError> {
    send("PUT", &format!("/api/v1/conversations/{id}/status"), status, csrf_token).await
}

/// `PUT /api/v1/agents/me/status`.
pub async fn set_my_status(csrf_token: &str, status: AgentStatus) -> Result<(), ApiError> {
    let body = json(&SetAgentStatus { status })?;
    request("PUT", "/api/v1/agents/me/status", Some(body), Some(csrf_token)).await.map(drop)
}

/// `GET /api/v1/agents`: who can hold a chat.
pub async fn chat_agents() -> Result<Vec<AgentAvailability>, ApiError> {
    get("/api/v1/agents").await
}

/// `GET /api/v1/conversations/{id}`.
pub async fn conversation(id: i64) -> Result<ConversationDetail, ApiError> {
    get(&format!("/api/v1/conversations/{id}")).await
}

/// `GET /api/v1/workspace`.
pub async fn workspace() -> Result<Workspace, ApiError> {
    get("/api/v1/workspace").await
}

/// `PUT /api/v1/workspace/origins` (admins only).
pub async fn update_origins(csrf_token: &str, origins: &UpdateOrigins) -> Result<Workspace, ApiError> {
    let text = request("PUT", "/api/v1/workspace/origins", Some(json(origins)?), Some(csrf_token)).await?;
    decode(&text)
}

/// `GET /api/v1/workspace/appearance`: the messenger's default language and colours.
pub async fn appearance() -> Result<Appearance, ApiError> {
    get("/api/v1/workspace/appearance").await
}

/// `PUT /api/v1/workspace/appearance` (admins only).
pub async fn update_appearance(csrf_token: &str, appearance: &Appearance) -> Result<Appearance, ApiError> {
    send("PUT", "/api/v1/workspace/appearance", appearance, csrf_token).await
}

/// `PUT /api/v1/workspace/logo`: the image as it is; the appearance with the new logo.
pub async fn upload_logo(csrf_token: &str, image: &web_sys::Blob) -> Result<Appearance, ApiError> {
    http::send_file("PUT", "/api/v1/workspace/logo", Auth::Csrf(csrf_token), image).await
}

/// `DELETE /api/v1/workspace/logo`: the appearance without a logo.
pub async fn delete_logo(csrf_token: &str) -> Result<Appearance, ApiError> {
    let text = request("DELETE", "/api/v1/workspace/logo", None, Some(csrf_token)).await?;
    decode(&text)
}

/// `GET /api/v1/workspace/identity` (admins only): the identity secret and whether
/// verification is required.
pub async fn identity_settings() -> Result<IdentitySettings, ApiError> {
    get("/api/v1/workspace/identity").await
}

/// `PUT /api/v1/workspace/identity` (admins only).
pub async fn update_identity_settings(
    csrf_token: &str,
    settings: &UpdateIdentitySettings,
) -> Result<IdentitySettings, ApiError> {
    send("PUT", "/api/v1/workspace/identity", settings, csrf_token).await
}

/// `POST /api/v1/workspace/identity/rotate` (admins only): a new secret.
pub async fn rotate_identity_secret(csrf_token: &str) -> Result<IdentitySettings, ApiError> {
    let text = request("POST", "/api/v1/workspace/identity/rotate", None, Some(csrf_token)).await?;
    decode(&text)
}

/// `GET /api/v1/reports?from=…&to=…` (admins only): the figures of a range of dates.
pub async fn report(query: &str) -> Result<protocol::reports::Report, ApiError> {
    get(&format!("/api/v1/reports?{query}")).await
}

/// `GET /api/v1/conversations/{id}/access`: the support access of the chat's visitor.
pub async fn conversation_access(id: i64) -> Result<MyAccess, ApiError> {
    get(&format!("/api/v1/conversations/{id}/access")).await
}

/// `POST /api/v1/conversations/{id}/access-request`: asks the chat's verified visitor
/// for access; `409` when they are not verified or a request is waiting already.
pub async fn request_access(csrf_token: &str, id: i64, input: &RequestInput) -> Result<AccessRequest, ApiError> {
    send("POST", &format!("/api/v1/conversations/{id}/access-request"), input, csrf_token).await
}

/// `GET /api/v1/audit?…` (admins only): one page of the audit log, newest first.
pub async fn audit(query: &str) -> Result<Vec<AuditEntry>, ApiError> {
    get(&format!("/api/v1/audit?{query}")).await
}

/// `GET /api/v1/articles`: every article of the workspace, drafts included.
pub async fn articles() -> Result<Vec<ArticleSummary>, ApiError> {
    get("/api/v1/articles").await
}

/// `GET /api/v1/articles/{id}`, with its Markdown.
pub async fn article(id: i64) -> Result<Article, ApiError> {
    get(&format!("/api/v1/articles/{id}")).await
}

/// `POST /api/v1/articles`.
pub async fn create_article(csrf_token: &str, input: &ArticleInput) -> Result<Article, ApiError> {
    send("POST", "/api/v1/articles", input, csrf_token).await
}

/// `PUT /api/v1/articles/{id}`: replaces every field, status included.
pub async fn update_article(csrf_token: &str, id: i64, input: &ArticleInput) -> Result<Article, ApiError> {
    send("PUT", &format!("/api/v1/articles/{id}"), input, csrf_token).await
}

/// `DELETE /api/v1/articles/{id}`.
pub async fn delete_article(csrf_token: &str, id: i64) -> Result<(), ApiError> {
    request("DELETE", &format!("/api/v1/articles/{id}"), None, Some(csrf_token)).await.map(drop)
}

/// `POST /api/v1/articles/preview`: Markdown rendered and sanitised as visitors will see it.
pub async fn preview_article(csrf_token: &str, preview: &Preview) -> Result<Rendered, ApiError> {
    send("POST", "/api/v1/articles/preview", preview, csrf_token).await
}

/// `GET /api/v1/categories`.
pub async fn categories() -> Result<Vec<Category>, ApiError> {
    get("/api/v1/categories").await
}

/// `POST /api/v1/categories`.
pub async fn create_category(csrf_token: &str, input: &CategoryInput) -> Result<Category, ApiError> {
    send("POST", "/api/v1/categories", input, csrf_token).await
}

/// `GET /api/v1/help/analytics`: article views and ratings, and searches that found nothing.
pub async fn help_analytics() -> Result<HelpAnalytics, ApiError> {
    get("/api/v1/help/analytics").await
}

/// `GET /api/v1/saved-replies`: the workspace's saved replies, by shortcut.
pub async fn saved_replies() -> Result<Vec<SavedReply>, ApiError> {
    get("/api/v1/saved-replies").await
}

/// `POST /api/v1/saved-replies` (admins only).
pub async fn create_saved_reply(csrf_token: &str, input: &SavedReplyInput) -> Result<SavedReply, ApiError> {
    send("POST", "/api/v1/saved-replies", input, csrf_token).await
}

/// `PUT /api/v1/saved-replies/{id}` (admins only): replaces shortcut, title and body.
pub async fn update_saved_reply(csrf_token: &str, id: i64, input: &SavedReplyInput) -> Result<SavedReply, ApiError> {
    send("PUT", &format!("/api/v1/saved-replies/{id}"), input, csrf_token).await
}

/// `DELETE /api/v1/saved-replies/{id}` (admins only).
pub async fn delete_saved_reply(csrf_token: &str, id: i64) -> Result<(), ApiError> {
    request("DELETE", &format!("/api/v1/saved-replies/{id}"), None, Some(csrf_token)).await.map(drop)
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let text = request("GET", path, None, None).await?;
    decode(&text)
}

/// A state-changing request with a JSON body and the CSRF header, decoding the answer.
async fn send<T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: &impl Serialize,
    csrf_token: &str,
) -> Result<T, ApiError> {
    let text = request(method, path, Some(json(body)?), Some(csrf_token)).await?;
    decode(&text)
}

fn json(body: &impl Serialize) -> Result<String, ApiError> {
    rest::encode(body)
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    rest::decode(text)
}

/// Sends one same-origin request, with the CSRF header when a token is given, and
/// returns the body text of a 2xx answer.
async fn request(method: &str, path: &str, body: Option<String>, csrf_token: Option<&str>) -> Result<String, ApiError> {
    let auth = csrf_token.map_or(Auth::None, Auth::Csrf);
    http::fetch_text(method, path, auth, body.as_deref()).await
}

/// `GET /api/v1/agents/invites` (admins): invitations waiting.
pub async fn invites() -> Result<Vec<Invite>, ApiError> {
    get("/api/v1/agents/invites").await
}

/// `POST /api/v1/agents/invites` (admins).
pub async fn invite(csrf_token: &str, invite: &NewInviteRequest) -> Result<Invite, ApiError> {
    send("POST", "/api/v1/agents/invites", invite, csrf_token).await
}

/// `PATCH /api/v1/agents/{id}` (admins).
pub async fn update_agent(csrf_token: &str, id: i64, update: &UpdateAgent) -> Result<(), ApiError> {
    let body = json(update)?;
    request("PATCH", &format!("/api/v1/agents/{id}"), Some(body), Some(csrf_token)).await.map(drop)
}
