//! `ApiError`: the one error type of the HTTP boundary, rendered as `protocol::ErrorBody`.

use axum::Json;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use protocol::tickets::TicketStatus;
use protocol::{ErrorBody, ErrorCode, FieldError};

use crate::language::{say, say_with};
use crate::tickets::TicketError;

/// Everything an HTTP handler can fail with. Each variant has one status and code;
/// unexpected failures become an opaque 500 and are logged with the request's span.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    /// Form fields were refused; each carries its own message.
    #[error("please check the highlighted fields")]
    Invalid(Vec<FieldError>),
    /// One field was refused: its message is the whole answer's message too, for
    /// clients that show one sentence.
    #[error("{message}")]
    FieldRefused { field: &'static str, message: String },
    #[error("sign in first")]
    Unauthorized,
    #[error("wrong email or password")]
    BadCredentials,
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("requests from this origin are not allowed for this workspace")]
    OriginNotAllowed,
    #[error("missing or invalid CSRF token")]
    Csrf,
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Conflict(String),
    #[error("the server is shutting down")]
    Unavailable,
    /// A service the request needs (the malware scanner) cannot be reached; the
    /// message says which and what to do.
    #[error("{0}")]
    DependencyDown(String),
    /// Too many requests from this client, visitor, account or workspace.
    #[error("{message}")]
    RateLimited { message: &'static str, retry_after: std::time::Duration },
    /// The server is busy with expensive work (password hashing); retry shortly.
    #[error("the server is busy; please try again in a moment")]
    Busy { retry_after: std::time::Duration },
    /// A body larger than the endpoint accepts.
    #[error("{0}")]
    TooLarge(String),
    #[error("this path does not accept the {0} method")]
    MethodNotAllowed(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::Invalid(_) | Self::FieldRefused { .. } => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::BadCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::OriginNotAllowed | Self::Csrf => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable | Self::DependencyDown(_) | Self::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// How long the client should wait before retrying, for the variants that say.
    pub fn retry_after(&self) -> Option<std::time::Duration> {
        match self {
            Self::RateLimited { retry_after, .. } | Self::Busy { retry_after } => Some(*retry_after),
            _ => None,
        }
    }

    /// The error body clients receive, over HTTP or in a WebSocket error frame.
    pub fn body(&self) -> ErrorBody {
        // The fixed sentences in the request's language; the others were written in it
        // (or are a handler's own words).
        let message = match self {
            Self::Invalid(_) => say("invalid"),
            Self::Unauthorized => say("unauthorized"),
            Self::BadCredentials => say("bad-credentials"),
            Self::OriginNotAllowed => say("origin-not-allowed"),
            Self::Csrf => say("csrf"),
            Self::Unavailable => say("unavailable"),
            Self::Busy { .. } => say("busy"),
            Self::Internal(_) => say("internal"),
            Self::MethodNotAllowed(method) => say_with("method-not-allowed", &[("method", method.into())]),
            other => other.to_string(),
        };
        let mut body = ErrorBody::new(self.code(), message);
        match self {
            Self::Invalid(fields) => body.fields = fields.clone(),
            Self::FieldRefused { field, message } => {
                body.fields = vec![FieldError { field: (*field).to_owned(), message: message.clone() }];
            }
            _ => {}
        }
        body.retry_after_secs = self.retry_after().map(retry_after_secs);
        body
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest(_) | Self::Invalid(_) | Self::FieldRefused { .. } => ErrorCode::BadRequest,
            Self::Unauthorized | Self::BadCredentials => ErrorCode::Unauthorized,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::OriginNotAllowed => ErrorCode::OriginNotAllowed,
            Self::Csrf => ErrorCode::CsrfFailed,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::Unavailable | Self::DependencyDown(_) | Self::Busy { .. } => ErrorCode::Unavailable,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::TooLarge(_) => ErrorCode::TooLarge,
            Self::MethodNotAllowed(_) => ErrorCode::MethodNotAllowed,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Self::Internal(error) = &self {
            // Logged here, once, inside the request's span; the client learns nothing
            // about the cause.
            tracing::error!(error = format!("{error:#}"), "request failed");
        }
        let body = self.body();
        let mut response = (self.status(), Json(body)).into_response();
        if let Some(wait) = self.retry_after() {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(retry_after_secs(wait)));
        }
        response
    }
}

impl From<TicketError> for ApiError {
    /// The desk's refusals in the request's language; `TicketError`'s own words stay
    /// English for logs and mail intake.
    fn from(error: TicketError) -> Self {
        match error {
            TicketError::NotFound => ApiError::NotFound("ticket"),
            TicketError::NoWorkspace => ApiError::NotFound("workspace"),
            TicketError::Transition { from, to } => {
                let (from, to) = (ticket_state(from), ticket_state(to));
                ApiError::BadRequest(say_with("ticket-transition", &[("from", (&from).into()), ("to", (&to).into())]))
            }
            TicketError::ForeignAgent => ApiError::BadRequest(say("ticket-foreign-agent")),
            TicketError::Closed => ApiError::Conflict(say("ticket-closed")),
            TicketError::DuplicateMessage => ApiError::Conflict(say("ticket-duplicate")),
            TicketError::Stale => ApiError::Conflict(say("ticket-stale")),
            TicketError::NoAddress => ApiError::Conflict(say("ticket-no-address")),
            TicketError::Database(error) => ApiError::Internal(error),
        }
    }
}

/// A ticket's status as a word in a refusal, in the request's language.
fn ticket_state(status: TicketStatus) -> String {
    say(&format!("ticket-state-{}", status.as_str()))
}

impl From<crate::articles::render::RenderError> for ApiError {
    /// A body nested too deeply is a refusal of the article's `body` field.
    fn from(error: crate::articles::render::RenderError) -> Self {
        use crate::articles::render::RenderError;
        match error {
            RenderError::TooDeep => ApiError::FieldRefused { field: "body", message: error.to_string() },
            RenderError::Busy => ApiError::Busy { retry_after: std::time::Duration::from_secs(1) },
            RenderError::Internal(error) => ApiError::Internal(error),
        }
    }
}

/// Whole seconds to wait, rounded up, and never 0 (a client told "0" would hammer).
pub fn retry_after_secs(wait: std::time::Duration) -> u64 {
    let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    secs.max(1)
}

/// Lets handlers write `.map_err(bad_request)` on parse errors.
pub fn bad_request(error: impl std::fmt::Display) -> ApiError {
    ApiError::BadRequest(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ticket_status_has_a_word_and_english_says_it_as_the_wire_does() {
        for status in TicketStatus::ALL.iter().copied() {
            assert_eq!(ticket_state(status), status.as_str());
        }
        let refused = ApiError::from(TicketError::Transition { from: TicketStatus::Closed, to: TicketStatus::Open });
        assert_eq!(refused.body().message, "a ticket cannot go from closed to open");
    }
}
