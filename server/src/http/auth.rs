//! Console sign-in: login, logout, and who am I.

use axum::Router;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use protocol::api::{AgentSession, Login};

use super::extract::ApiJson;
use crate::auth::agent::require_same_origin;
use crate::auth::password::{dummy_verify, verify_password};
use crate::auth::token::{hash_token, random_token};
use crate::auth::{AgentSessionCookie, CurrentAgent};
use crate::error::ApiError;
use crate::state::AppState;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/logout", post(logout))
        .route("/api/v1/auth/me", get(me))
}

/// Longest password accepted at sign-in; longer ones cannot be ours and would only
/// make hashing expensive.
const MAX_PASSWORD_BYTES: usize = 1024;

async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<Login>,
) -> Result<Response, ApiError> {
    require_same_origin(&headers, &state)?;
    if body.password.len() > MAX_PASSWORD_BYTES {
        return Err(ApiError::BadCredentials);
    }
    let email = body.email.trim().to_lowercase();
    let Some(agent) = state.store.agent_by_email(&email).await? else {
        dummy_verify(body.password).await?;
        return Err(ApiError::BadCredentials);
    };
    if !verify_password(body.password, agent.password_hash.clone()).await? {
        return Err(ApiError::BadCredentials);
    }
    // Only after the password: the account's state is nobody else's business.
    if agent.deactivated_at.is_some() {
        return Err(ApiError::Forbidden("this account is deactivated; ask an administrator"));
    }
    let token = random_token();
    let csrf_token = random_token();
    let now = state.clock.now();
    let ttl_secs = state.config.auth.session_ttl_hours * 3600;
    state.store.create_session(&hash_token(&token), agent.id, &csrf_token, now, now + ttl_secs * 1000).await?;
    tracing::info!(agent_id = agent.id, "agent signed in");
    let cookie = AgentSessionCookie::set(&token, ttl_secs, state.config.uses_tls());
    let session = AgentSession { agent: wire::agent(&agent), csrf_token };
    Ok(([(SET_COOKIE, cookie)], ApiJson(session)).into_response())
}

async fn logout(State(state): State<AppState>, current: CurrentAgent) -> Result<Response, ApiError> {
    state.store.delete_session(&current.session_hash).await?;
    state.signouts.announce(&current.session_hash);
    let cookie = AgentSessionCookie::clear(state.config.uses_tls());
    Ok((StatusCode::NO_CONTENT, [(SET_COOKIE, cookie)]).into_response())
}

async fn me(current: CurrentAgent) -> ApiJson<AgentSession> {
    ApiJson(AgentSession { agent: wire::agent(&current.agent), csrf_token: current.csrf_token })
}
