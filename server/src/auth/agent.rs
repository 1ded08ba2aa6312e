//! Console sessions: the cookie, the `CurrentAgent` extractor and CSRF protection.

use axum::extract::FromRequestParts;
use axum::http::header::{COOKIE, HeaderValue, ORIGIN};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method};
use protocol::limits::CSRF_HEADER;

use super::token::{hash_token, looks_like_token};
use crate::error::ApiError;
use crate::origin::{Origin, is_same_origin};
use crate::state::AppState;
use crate::store::AgentRecord;

/// Name of the console's session cookie.
pub const SESSION_COOKIE: &str = "helpline_session";

/// The signed-in agent of a console request. Extracting it on a state-changing request
/// (anything but GET, HEAD, OPTIONS) also checks the CSRF token and the origin, so no
/// handler can forget to.
#[derive(Debug, Clone)]
pub struct CurrentAgent {
    pub agent: AgentRecord,
    pub session_hash: String,
    pub csrf_token: String,
}

impl FromRequestParts<AppState> for CurrentAgent {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        require_same_origin(&parts.headers, state)?;
        let token = session_cookie(&parts.headers).ok_or(ApiError::Unauthorized)?;
        let session_hash = hash_token(token);
        let now = state.clock.now();
        let session = state.store.session(&session_hash).await?.ok_or(ApiError::Unauthorized)?;
        if !session.is_live(now, state.config.auth.session_idle_ms()) {
            return Err(ApiError::Unauthorized);
        }
        if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
            if !constant_time_eq(sent.as_bytes(), session.csrf_token.as_bytes()) {
                return Err(ApiError::Csrf);
            }
        }
        let agent = state.store.agent(session.agent_id).await?.ok_or(ApiError::Unauthorized)?;
        // Use extends the idle limit; written at most once a minute, not per request.
        if session.activity_is_stale(now) {
            state.store.touch_session(&session_hash, now).await?;
        }
        Ok(Self { agent, session_hash, csrf_token: session.csrf_token })
    }
}

/// Refuses requests that a browser sent from another site. Requests without an
/// `Origin` header (command-line clients) carry no ambient browser credentials to abuse.
pub fn require_same_origin(headers: &HeaderMap, state: &AppState) -> Result<(), ApiError> {
    let Some(origin) = headers.get(ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().ok().and_then(|value| Origin::parse(value).ok()).ok_or(ApiError::OriginNotAllowed)?;
    let host = headers.get(axum::http::header::HOST).and_then(|v| v.to_str().ok());
    if is_same_origin(&origin, host, state.public_origin.as_ref()) { Ok(()) } else { Err(ApiError::OriginNotAllowed) }
}

/// The session token from the `Cookie` header, if it is well formed.
fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| value)
        .filter(|value| looks_like_token(value))
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Builds `Set-Cookie` values for the session cookie.
#[derive(Debug)]
pub struct AgentSessionCookie;

impl AgentSessionCookie {
    /// The cookie that signs the browser in. `HttpOnly` keeps it from scripts,
    /// `SameSite=Strict` from other sites, and `Secure` from plain HTTP when the server
    /// is reached over TLS.
    pub fn set(token: &str, max_age_secs: i64, secure: bool) -> HeaderValue {
        let secure = if secure { "; Secure" } else { "" };
        let value =
            format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_secs}{secure}");
        HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// The cookie that signs the browser out.
    pub fn clear(secure: bool) -> HeaderValue {
        Self::set("", 0, secure)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_cookie_is_found_among_others() {
        let token = super::super::token::random_token();
        let mut headers = HeaderMap::new();
        let cookie = format!("theme=dark; {SESSION_COOKIE}={token}; other=1");
        headers.insert(COOKIE, HeaderValue::from_str(&cookie).expect("header"));
        assert_eq!(session_cookie(&headers), Some(token.as_str()));
    }

    #[test]
    fn cookie_attributes_are_strict() {
        let value = AgentSessionCookie::set("abc", 60, true);
        let value = value.to_str().expect("ascii");
        assert!(value.contains("HttpOnly") && value.contains("SameSite=Strict") && value.ends_with("; Secure"));
        assert!(!AgentSessionCookie::set("abc", 60, false).to_str().expect("ascii").contains("Secure"));
    }
}
