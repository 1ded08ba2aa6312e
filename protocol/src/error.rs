//! The one error body used by HTTP responses and WebSocket error frames.

use serde::{Deserialize, Serialize};

/// A machine-readable error code. Clients branch on the code, show the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The request body or query could not be understood.
    BadRequest,
    /// A WebSocket frame was not valid JSON or did not match its type's shape.
    MalformedFrame,
    /// A WebSocket frame had a `type` the server does not know.
    UnknownFrame,
    /// A WebSocket message was larger than `MAX_FRAME_BYTES`.
    FrameTooLarge,
    /// A message body was empty or only whitespace.
    EmptyBody,
    /// A message body was longer than the configured limit.
    BodyTooLong,
    /// Missing or invalid credentials.
    Unauthorized,
    /// Authenticated, but not allowed to do this.
    Forbidden,
    /// The request came from an origin the workspace does not allow.
    OriginNotAllowed,
    /// A state-changing request without a valid CSRF token.
    CsrfFailed,
    /// No such resource, or not one this caller may see.
    NotFound,
    /// The request conflicts with existing data (for example a duplicate email).
    Conflict,
    /// Too many requests, frames or attempts from this client, visitor, account or
    /// workspace; `retry_after_secs` (and the HTTP `Retry-After` header) says when to
    /// try again.
    RateLimited,
    /// The server is busy or shutting down; retry after `retry_after_secs` when given.
    Unavailable,
    /// A request or WebSocket message was larger than its documented limit.
    TooLarge,
    /// The path exists but not with this method.
    MethodNotAllowed,
    /// An agent's WebSocket already follows as many conversations as one connection
    /// may; the `subscribe` was refused and the others keep streaming.
    TooManySubscriptions,
    /// An identity given to `identify` was refused: its `user_hash` or `identity_token`
    /// did not verify (forged, expired, another workspace's), it names another user
    /// than the one this visitor is verified as, or the workspace requires a verified
    /// identity and none was given. Nothing of it was stored.
    IdentityNotVerified,
    /// Something went wrong on the server; details are in its logs.
    Internal,
}

/// The error body: `{ "code": "...", "message": "..." }`, plus `fields` when a form's
/// values were refused, so a client can show each message beside its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// Seconds to wait before trying again, on `rate_limited` and `unavailable`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u64>,
}

/// One refused form field: `field` is the JSON name of the field (`email`, `subject`,
/// `details.actual`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl ErrorBody {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), fields: Vec::new(), retry_after_secs: None }
    }
}

impl std::fmt::Display for ErrorBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
