//! `ApiError`: the one error type of the HTTP boundary, rendered as `protocol::ErrorBody`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use protocol::{ErrorBody, ErrorCode, FieldError};

use crate::store::TicketError;

/// Everything an HTTP handler can fail with. Each variant has one status and code;
/// unexpected failures become an opaque 500 and are logged with the request's span.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    BadRequest(String),
    /// Form fields were refused; each carries its own message.
    #[error("please check the highlighted fields")]
    Invalid(Vec<FieldError>),
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
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) | Self::Invalid(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized | Self::BadCredentials => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) | Self::OriginNotAllowed | Self::Csrf => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::BadRequest(_) | Self::Invalid(_) => ErrorCode::BadRequest,
            Self::Unauthorized | Self::BadCredentials => ErrorCode::Unauthorized,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::OriginNotAllowed => ErrorCode::OriginNotAllowed,
            Self::Csrf => ErrorCode::CsrfFailed,
            Self::NotFound(_) => ErrorCode::NotFound,
            Self::Conflict(_) => ErrorCode::Conflict,
            Self::Unavailable | Self::Internal(_) => ErrorCode::Internal,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let message = match &self {
            Self::Internal(error) => {
                // Logged here, once, inside the request's span; the client learns nothing
                // about the cause.
                tracing::error!(error = format!("{error:#}"), "request failed");
                "something went wrong on our side; please try again".to_owned()
            }
            other => other.to_string(),
        };
        let status = self.status();
        let mut body = ErrorBody::new(self.code(), message);
        if let Self::Invalid(fields) = self {
            body.fields = fields;
        }
        (status, Json(body)).into_response()
    }
}

impl From<TicketError> for ApiError {
    fn from(error: TicketError) -> Self {
        match error {
            TicketError::NotFound => ApiError::NotFound("ticket"),
            TicketError::NoWorkspace => ApiError::NotFound("workspace"),
            TicketError::Transition { .. } | TicketError::ForeignAgent => ApiError::BadRequest(error.to_string()),
            TicketError::Closed => {
                ApiError::Conflict("the ticket is closed; reopening it is not possible, open a new one".into())
            }
            TicketError::DuplicateMessage | TicketError::Stale | TicketError::NoAddress => {
                ApiError::Conflict(error.to_string())
            }
            TicketError::Database(error) => ApiError::Internal(error),
        }
    }
}

/// Lets handlers write `.map_err(bad_request)` on parse errors.
pub fn bad_request(error: impl std::fmt::Display) -> ApiError {
    ApiError::BadRequest(error.to_string())
}
