//! The console's REST calls, with the session cookie and the CSRF header on state-changing requests.
//! The ticket, rating and support-settings calls are in `api/tickets.rs`.

mod tickets;

use protocol::api::{
    AgentSession, ConversationDetail, ConversationSummary, IdentitySettings, Login, UpdateIdentitySettings,
    UpdateOrigins, Workspace,
};
use protocol::help::{
    Article, ArticleInput, ArticleSummary, Category, CategoryInput, HelpAnalytics, Preview, Rendered,
};
use protocol::limits::CSRF_HEADER;
use protocol::{ErrorBody, ErrorCode, FieldError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, Request, RequestCredentials, RequestInit, Response};

pub use tickets::*;

/// Why a request did not produce the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No HTTP answer at all: offline, server down, or the request was blocked.
    Network,
    /// The server answered with an error status.
    Status { status: u16, body: ErrorBody },
    /// A success status with a body that is not what the console expects.
    Unexpected,
}

impl ApiError {
    /// Whether the session is missing or has expired.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Status { status: 401, .. })
    }

    /// The refused form fields, each with its message; empty for other errors.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::Status { body, .. } => &body.fields,
            ApiError::Network | ApiError::Unexpected => &[],
        }
    }

    /// Whether trying again later might work: the server was unreachable or failing.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network => true,
            ApiError::Status { status, .. } => *status >= 500,
            ApiError::Unexpected => false,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Network => f.write_str("Can't reach the server. Check your connection and try again."),
            ApiError::Status { body, .. } => f.write_str(&body.message),
            ApiError::Unexpected => f.write_str("The server sent an answer the console does not understand."),
        }
    }
}

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

/// `GET /api/v1/conversations`, newest updated first.
pub async fn conversations() -> Result<Vec<ConversationSummary>, ApiError> {
    get("/api/v1/conversations").await
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
    serde_json::to_string(body).map_err(|_| ApiError::Unexpected)
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|_| ApiError::Unexpected)
}

/// Sends one same-origin request and returns the body text of a 2xx answer.
async fn request(method: &str, path: &str, body: Option<String>, csrf_token: Option<&str>) -> Result<String, ApiError> {
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let headers = Headers::new().map_err(|_| ApiError::Network)?;
    headers.set("accept", "application/json").map_err(|_| ApiError::Network)?;
    if let Some(token) = csrf_token {
        headers.set(CSRF_HEADER, token).map_err(|_| ApiError::Network)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(body) = body {
        headers.set("content-type", "application/json").map_err(|_| ApiError::Network)?;
        init.set_body(&body.into());
    }
    init.set_headers(&headers);
    let request = Request::new_with_str_and_init(path, &init).map_err(|_| ApiError::Network)?;

    let response: Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .ok()
        .and_then(|value| value.dyn_into().ok())
        .ok_or(ApiError::Network)?;
    let status = response.status();
    // A body that fails to arrive mid-way is a network failure, not a server answer.
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|value| value.as_string()),
        Err(_) => None,
    }
    .ok_or(ApiError::Network)?;

    if response.ok() {
        Ok(text)
    } else {
        let body = serde_json::from_str::<ErrorBody>(&text).unwrap_or_else(|_| fallback_body(status));
        Err(ApiError::Status { status, body })
    }
}

/// The error body for an error answer that did not carry one, e.g. from a proxy.
fn fallback_body(status: u16) -> ErrorBody {
    let code = match status {
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        400..=499 => ErrorCode::BadRequest,
        _ => ErrorCode::Internal,
    };
    ErrorBody::new(code, format!("The server answered with an error ({status}). Please try again."))
}
