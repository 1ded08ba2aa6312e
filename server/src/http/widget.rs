//! The visitor API the messenger uses: create a visitor, restore a session.

use axum::Router;
use axum::extract::State;
use axum::http::header::USER_AGENT;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use protocol::api::{CreateVisitor, WidgetSession};

use super::extract::ApiJson;
use crate::auth::token::{hash_token, random_token};
use crate::auth::visitor::{CurrentVisitor, bearer_token, check_origin};
use crate::error::ApiError;
use crate::limits::ClientIp;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/widget/visitors", post(create_visitor))
        .route("/api/v1/widget/session", get(get_session))
}

/// Longest user agent kept for the agent's context panel.
const MAX_USER_AGENT: usize = 512;

/// Creates an anonymous visitor and returns its token, once. Only the token's hash is
/// stored. Limited per client IP before anything is looked up, so a flood costs the
/// database nothing.
async fn create_visitor(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<CreateVisitor>,
) -> Result<(StatusCode, ApiJson<WidgetSession>), ApiError> {
    state.limits.visitors_per_ip.check(&client)?;
    let workspace = state.store.workspace_by_app_id(body.app_id.trim()).await?.ok_or(ApiError::NotFound("app id"))?;
    check_origin(&headers, &workspace, &state)?;
    let token = random_token();
    let user_agent = user_agent(&headers);
    let visitor_id =
        state.store.create_visitor(workspace.id, &hash_token(&token), user_agent.as_deref(), state.clock.now()).await?;
    let session = WidgetSession {
        visitor_id,
        token: Some(token),
        workspace_name: workspace.name,
        max_body_chars: state.config.chat.max_body_chars,
        preload_idle_ms: state.config.widget.preload_idle_ms(),
    };
    Ok((StatusCode::CREATED, ApiJson(session)))
}

/// Confirms a stored token still works and returns what the messenger needs.
async fn get_session(State(state): State<AppState>, headers: HeaderMap) -> Result<ApiJson<WidgetSession>, ApiError> {
    let token = bearer_token(&headers).ok_or(ApiError::Unauthorized)?;
    let CurrentVisitor { visitor, workspace } = CurrentVisitor::authenticate(&state, token, &headers).await?;
    state.store.touch_visitor(visitor.id, user_agent(&headers).as_deref(), state.clock.now()).await?;
    Ok(ApiJson(WidgetSession {
        visitor_id: visitor.id,
        token: None,
        workspace_name: workspace.name,
        max_body_chars: state.config.chat.max_body_chars,
        preload_idle_ms: state.config.widget.preload_idle_ms(),
    }))
}

/// The request's `User-Agent`, shortened to a sane length.
pub(super) fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.chars().take(MAX_USER_AGENT).collect())
}
