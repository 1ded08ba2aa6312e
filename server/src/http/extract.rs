//! Extractors whose rejections are `ApiError`s, so a bad body, path, query or upgrade
//! gets the same JSON error body as every other failure. Handlers of `/api` routes use
//! these instead of axum's own (`Json`, `Path`, `Query`, `Bytes`, `WebSocketUpgrade`),
//! whose rejections are plain text.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// `Json` with `ApiError` rejections.
#[derive(Debug, FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// `Path` with `ApiError` rejections: `/api/v1/tickets/abc` is a `400 bad_request`
/// naming the value, not a plain-text answer.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(ApiError))]
pub struct ApiPath<T>(pub T);

/// `Query` with `ApiError` rejections.
#[derive(Debug, FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

/// The raw body, with `ApiError` rejections: over the route's body limit it is a
/// `413 too_large`.
#[derive(Debug)]
pub struct ApiBytes(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for ApiBytes {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(Bytes::from_request(request, state).await?))
    }
}

/// `WebSocketUpgrade` with `ApiError` rejections: a plain GET on a socket URL is told
/// what is missing in the error body.
#[derive(Debug)]
pub struct ApiUpgrade(pub WebSocketUpgrade);

impl<S: Send + Sync> FromRequestParts<S> for ApiUpgrade {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(WebSocketUpgrade::from_request_parts(parts, state).await?))
    }
}

/// Maps an axum rejection by its status: `413` is `too_large`, a server-side failure
/// (a route declared without the parameters its handler reads) is internal, and
/// everything else is the client's `bad_request`, with axum's text naming the problem.
fn rejected(status: StatusCode, text: String) -> ApiError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::TooLarge(crate::language::say("body-too-large")),
        status if status.is_server_error() => ApiError::Internal(anyhow::anyhow!("request rejected: {text}")),
        _ => ApiError::BadRequest(text),
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        rejected(rejection.status(), rejection.body_text())
    }
}

impl From<PathRejection> for ApiError {
    fn from(rejection: PathRejection) -> Self {
        rejected(rejection.status(), rejection.body_text())
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        rejected(rejection.status(), rejection.body_text())
    }
}

impl From<BytesRejection> for ApiError {
    fn from(rejection: BytesRejection) -> Self {
        rejected(rejection.status(), rejection.body_text())
    }
}

impl From<WebSocketUpgradeRejection> for ApiError {
    fn from(rejection: WebSocketUpgradeRejection) -> Self {
        rejected(rejection.status(), rejection.body_text())
    }
}
