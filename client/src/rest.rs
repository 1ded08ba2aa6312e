//! The one error type of every REST call both apps make, how an HTTP answer maps to it,
//! and whether (and when) a failed call is worth repeating.
//!
//! The rules: no answer at all, a timeout (408), a server failure (5xx) and a success
//! whose body is unreadable (a captive portal's page, a proxy's) are transient and retried
//! after the backoff wait; a 429 is retried after the longer of the backoff wait and the
//! wait the server named (`Retry-After` header or the body's `retry_after_secs`, at least
//! a second); every other error status is the server's final answer.

use std::time::Duration;

use protocol::{ErrorBody, ErrorCode, FieldError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What the user reads when a request was over a limit.
pub const LIMITED: &str = "You're sending requests too quickly. Please wait a moment and try again.";

/// Why a call did not return what was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No HTTP answer at all: offline, server down, or the request was blocked.
    Network,
    /// Over a limit (429): the same request is accepted after this many seconds (≥ 1).
    Limited { retry_after_secs: u64 },
    /// Any other error status, with the server's error body (or one made up for an
    /// answer that carried none, e.g. from a proxy).
    Status { status: u16, body: ErrorBody },
    /// A success status with a body that is not what was expected.
    Unexpected,
}

impl ApiError {
    /// The error for an unsuccessful answer: its status, `Retry-After` header and body.
    pub fn from_response(status: u16, retry_after: Option<&str>, text: &str) -> Self {
        let body = crate::json::from_str::<ErrorBody>(text);
        if status == 429 {
            return ApiError::Limited { retry_after_secs: retry_after_secs(retry_after, body.as_ref()) };
        }
        ApiError::Status { status, body: body.unwrap_or_else(|| fallback_body(status)) }
    }

    /// Whether the session or token is missing, expired or unknown (401).
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, ApiError::Status { status: 401, .. })
    }

    /// Whether trying the same request again later may work.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Unexpected | ApiError::Limited { .. } => true,
            ApiError::Status { status, .. } => *status == 408 || *status >= 500,
        }
    }

    /// How long to wait before repeating the request, given the caller's current
    /// `backoff` wait; `None` when repeating it cannot help.
    pub fn retry_delay(&self, backoff: Duration) -> Option<Duration> {
        match self {
            ApiError::Limited { retry_after_secs } => Some(backoff.max(Duration::from_secs(*retry_after_secs))),
            ApiError::Status { body, .. } if self.is_transient() => {
                Some(backoff.max(Duration::from_secs(body.retry_after_secs.unwrap_or(0))))
            }
            _ if self.is_transient() => Some(backoff),
            _ => None,
        }
    }

    /// The server's error code, when it answered with one.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Status { body, .. } => Some(body.code),
            ApiError::Limited { .. } => Some(ErrorCode::RateLimited),
            ApiError::Network | ApiError::Unexpected => None,
        }
    }

    /// The refused form fields, each with its message; empty for other errors.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            ApiError::Status { body, .. } => &body.fields,
            _ => &[],
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ApiError::Network => "Can't reach the server. Check your connection and try again.",
            ApiError::Limited { .. } => LIMITED,
            ApiError::Status { body, .. } => &body.message,
            ApiError::Unexpected => "The server sent an answer this page does not understand.",
        })
    }
}

/// The wait a 429 names: the longer of the `Retry-After` header (in seconds, as `fetch`
/// gives it, already trimmed; an HTTP date is not used by Helpline and counts as absent)
/// and the body's `retry_after_secs`, and at least one second.
pub fn retry_after_secs(header: Option<&str>, body: Option<&ErrorBody>) -> u64 {
    let from_header = header.and_then(|value| value.parse::<u64>().ok());
    let from_body = body.and_then(|body| body.retry_after_secs);
    from_header.max(from_body).unwrap_or(1).max(1)
}

/// A request body as JSON.
pub fn encode(body: &impl Serialize) -> Result<String, ApiError> {
    crate::json::to_string(body).ok_or(ApiError::Unexpected)
}

/// A success body, read as `T`.
pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    crate::json::from_str(text).ok_or(ApiError::Unexpected)
}

/// The error body for an error answer that did not carry one.
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

/// A path or query component, percent-encoded: everything but RFC 3986's unreserved
/// characters. Pure, so the rules that build addresses are tested natively.
pub fn encode_component(component: &str) -> String {
    let mut encoded = String::with_capacity(component.len());
    for byte in component.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn components_keep_only_unreserved_characters() {
        assert_eq!(encode_component("50% off/ü~"), "50%25%20off%2F%C3%BC~");
    }

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_rate_limit_takes_the_longest_wait_named_and_at_least_a_second() {
        let body = r#"{"code":"rate_limited","message":"slow down","retry_after_secs":7}"#;
        assert_eq!(ApiError::from_response(429, Some("3"), body), ApiError::Limited { retry_after_secs: 7 });
        assert_eq!(ApiError::from_response(429, Some("12"), body), ApiError::Limited { retry_after_secs: 12 });
        assert_eq!(ApiError::from_response(429, Some("9"), "<html>"), ApiError::Limited { retry_after_secs: 9 });
        assert_eq!(
            ApiError::from_response(429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), ""),
            ApiError::Limited { retry_after_secs: 1 }
        );
        assert_eq!(ApiError::from_response(429, Some("0"), ""), ApiError::Limited { retry_after_secs: 1 });
    }

    #[test]
    fn a_rate_limit_is_retried_after_the_longer_of_backoff_and_the_named_wait() {
        let limited = ApiError::Limited { retry_after_secs: 5 };
        assert_eq!(limited.retry_delay(SECOND), Some(5 * SECOND));
        assert_eq!(limited.retry_delay(30 * SECOND), Some(30 * SECOND));
        assert!(limited.is_transient());
        assert_eq!(limited.to_string(), LIMITED);
    }

    #[test]
    fn unreachable_failing_and_unreadable_answers_are_retried_after_the_backoff() {
        assert_eq!(ApiError::Network.retry_delay(SECOND), Some(SECOND));
        assert_eq!(ApiError::Unexpected.retry_delay(SECOND), Some(SECOND));
        assert_eq!(ApiError::from_response(503, None, "").retry_delay(SECOND), Some(SECOND));
        assert_eq!(ApiError::from_response(408, None, "").retry_delay(SECOND), Some(SECOND));
        let busy = r#"{"code":"unavailable","message":"shutting down","retry_after_secs":4}"#;
        assert_eq!(ApiError::from_response(503, None, busy).retry_delay(SECOND), Some(4 * SECOND));
    }

    #[test]
    fn other_refusals_are_final_and_keep_the_servers_body() {
        let body = r#"{"code":"bad_request","message":"check the fields","fields":[{"field":"email","message":"enter an email"}]}"#;
        let refused = ApiError::from_response(400, None, body);
        assert_eq!(refused.retry_delay(SECOND), None);
        assert_eq!(refused.to_string(), "check the fields");
        assert_eq!(refused.fields()[0].field, "email");
        assert_eq!(refused.code(), Some(ErrorCode::BadRequest));
        let unauthorized = ApiError::from_response(401, None, "");
        assert!(unauthorized.is_unauthorized());
        assert_eq!(unauthorized.retry_delay(SECOND), None);
    }

    #[test]
    fn an_error_answer_without_a_body_gets_one_by_its_status() {
        for (status, code) in [
            (401, ErrorCode::Unauthorized),
            (403, ErrorCode::Forbidden),
            (404, ErrorCode::NotFound),
            (409, ErrorCode::BadRequest),
            (502, ErrorCode::Internal),
        ] {
            let error = ApiError::from_response(status, None, "<html>Bad gateway</html>");
            assert_eq!(error.code(), Some(code), "{status}");
            assert!(error.to_string().contains(&status.to_string()));
        }
    }

    #[test]
    fn an_unreadable_success_body_is_unexpected() {
        assert_eq!(decode::<protocol::api::AgentSession>("<html>portal</html>"), Err(ApiError::Unexpected));
        assert_eq!(decode::<Vec<i64>>("[1,2]"), Ok(vec![1, 2]));
    }
}
