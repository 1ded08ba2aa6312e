//! Refusals the router makes before any handler runs: unknown routes, methods a route
//! does not take, and bodies declared larger than a route accepts. Under `/api` they
//! answer with the JSON error body like every handler; pages and assets keep plain
//! answers.

use axum::extract::{Request, State};
use axum::http::header::CONTENT_LENGTH;
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The prefix of every API route.
const API_PREFIX: &str = "/api/";

/// The fallback for paths no route matches.
pub async fn unknown_route(uri: Uri) -> Response {
    answer(&uri, ApiError::NotFound("endpoint"))
}

/// The fallback for a route asked with a method it does not take. Axum adds the
/// `Allow` header listing the methods it does take.
pub async fn wrong_method(method: Method, uri: Uri) -> Response {
    answer(&uri, ApiError::MethodNotAllowed(method.to_string()))
}

/// Refuses a request whose `Content-Length` is over `max` bytes before the handler
/// runs, so nothing reads or buffers it and every route answers the same way, whether
/// or not it reads a body. Bodies without a length (chunked) are cut off by
/// `DefaultBodyLimit` where an extractor reads them, with the same `413`.
pub async fn refuse_oversized(State(max): State<usize>, request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    match declared {
        Some(length) if length > u64::try_from(max).unwrap_or(u64::MAX) => {
            let error = ApiError::TooLarge(crate::language::say_with("body-too-large-max", &[("max", max.into())]));
            answer(request.uri(), error)
        }
        _ => next.run(request).await,
    }
}

/// The JSON error body under `/api`, and the status with a line of plain text elsewhere.
fn answer(uri: &Uri, error: ApiError) -> Response {
    if uri.path().starts_with(API_PREFIX) {
        return error.into_response();
    }
    match error.status() {
        StatusCode::NOT_FOUND => StatusCode::NOT_FOUND.into_response(),
        StatusCode::METHOD_NOT_ALLOWED => StatusCode::METHOD_NOT_ALLOWED.into_response(),
        status => (status, error.to_string()).into_response(),
    }
}
