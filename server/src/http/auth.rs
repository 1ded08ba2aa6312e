//! Console sign-in: login, logout, and who am I.

use axum::Router;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post};
use protocol::api::{AgentSession, Login};

use super::extract::ApiJson;
use crate::auth::agent::require_same_origin;
use crate::auth::device::{device_cookie, set_device_cookie};
use crate::auth::password::MAX_PASSWORD_BYTES;
use crate::auth::token::{hash_token, random_token};
use crate::auth::{AgentSessionCookie, CurrentAgent};
use crate::error::ApiError;
use crate::limits::{Caller, ClientIp};
use crate::state::AppState;
use crate::store::AgentRecord;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/logout", post(logout))
        .route("/api/v1/auth/me", get(me))
}

/// Longest email that can name an account (RFC 5321's path limit); a longer one is
/// refused like a wrong password and throttled by its network only.
const MAX_EMAIL_BYTES: usize = 254;

/// Signs an agent in. Every attempt is throttled before its password is checked
/// (`limits::LoginLimits`: per network, per account, per known browser), and password
/// checks run under the server's bound (`PasswordChecks`).
async fn login(
    State(state): State<AppState>,
    ip: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Login>,
) -> Result<Response, ApiError> {
    require_same_origin(&headers, &state)?;
    let email = body.email.trim().to_lowercase();
    let now = state.clock.now();
    let device = device_cookie(&headers).and_then(|value| state.devices.verify(value, &email, now));
    let account = (email.len() <= MAX_EMAIL_BYTES).then_some(email.as_str());
    let attempt = state.limits.login.begin(Caller { ip, account, device: device.as_deref() })?;
    let agent = match check_password(&state, account, body.password).await {
        Ok(Some(agent)) => agent,
        // A failure keeps its charge: that is what the delays count.
        Ok(None) => return Err(ApiError::BadCredentials),
        // Busy or broken: the password was never judged, so the attempt is not a failure.
        Err(error) => {
            state.limits.login.refund(attempt);
            return Err(error);
        }
    };
    state.limits.login.refund(attempt);
    // Only after the password: the account's state is nobody else's business.
    if agent.deactivated_at.is_some() {
        return Err(ApiError::Forbidden("this account is deactivated; ask an administrator"));
    }
    let token = random_token();
    let csrf_token = random_token();
    let ttl_secs = state.config.auth.session_ttl_hours * 3600;
    state.store.create_session(&hash_token(&token), agent.id, &csrf_token, now, now + ttl_secs * 1000).await?;
    tracing::info!(agent_id = agent.id, known_device = device.is_some(), "agent signed in");
    remember_language(&state, &agent).await?;
    let secure = state.config.uses_tls();
    let cookies = AppendHeaders([
        (SET_COOKIE, AgentSessionCookie::set(&token, ttl_secs, secure)),
        (SET_COOKIE, set_device_cookie(&state.devices.issue(&email, now), secure)),
    ]);
    let session = AgentSession { agent: wire::agent(&agent), csrf_token };
    Ok((cookies, ApiJson(session)).into_response())
}

/// The agent whose password this is, or `None`. An unknown email is checked against
/// a dummy hash, so it takes as long as a known one.
async fn check_password(
    state: &AppState,
    account: Option<&str>,
    password: String,
) -> Result<Option<AgentRecord>, ApiError> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Ok(None);
    }
    let agent = match account {
        Some(email) => state.store.agent_by_email(email).await?,
        None => None,
    };
    let hash = agent.as_ref().map(|agent| agent.password_hash.clone());
    let matches = state.limits.password_checks.verify(password, hash).await?;
    Ok(agent.filter(|_| matches))
}

async fn logout(State(state): State<AppState>, current: CurrentAgent) -> Result<Response, ApiError> {
    state.store.delete_session(&current.session_hash).await?;
    state.signouts.announce(&current.session_hash);
    let cookie = AgentSessionCookie::clear(state.config.uses_tls());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

/// The signed-in agent. The console asks at start, in the language it speaks, which is
/// remembered for the mail the agent gets (`language::asked`).
async fn me(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<AgentSession>, ApiError> {
    remember_language(&state, &current.agent).await?;
    Ok(ApiJson(AgentSession { agent: wire::agent(&current.agent), csrf_token: current.csrf_token }))
}

/// Keeps the language the agent's console speaks, when the request named one we ship
/// and it changed.
async fn remember_language(state: &AppState, agent: &AgentRecord) -> Result<(), ApiError> {
    if let Some(locale) = crate::language::asked().filter(|locale| agent.locale.as_deref() != Some(locale.tag())) {
        state.store.set_agent_locale(agent.id, locale.tag()).await?;
    }
    Ok(())
}
