//! WebSocket upgrades for visitors and agents. Both authenticate before the upgrade;
//! the visitor's token travels in the `Sec-WebSocket-Protocol` header, never in a URL.

use axum::Router;
use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::HeaderMap;
use axum::http::header::SEC_WEBSOCKET_PROTOCOL;
use axum::response::Response;
use axum::routing::get;
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};

use super::widget::user_agent;
use crate::auth::CurrentAgent;
use crate::auth::agent::require_same_origin;
use crate::auth::visitor::CurrentVisitor;
use crate::chat::{Principal, run_session};
use crate::error::ApiError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/widget/ws", get(visitor_socket)).route("/api/v1/agent/ws", get(agent_socket))
}

/// Hard cap on a WebSocket message. Frames between `MAX_FRAME_BYTES` and this get an
/// error frame and the connection stays; beyond it the connection closes (1009).
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;

async fn visitor_socket(
    State(state): State<AppState>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    refuse_when_stopping(&state)?;
    let token = offered_protocols(&headers)
        .find_map(|protocol| protocol.strip_prefix(WS_TOKEN_PREFIX))
        .ok_or(ApiError::Unauthorized)?
        .to_owned();
    if !offered_protocols(&headers).any(|protocol| protocol == WS_PROTOCOL) {
        return Err(ApiError::BadRequest(format!("offer the {WS_PROTOCOL} subprotocol")));
    }
    let CurrentVisitor { visitor, workspace } = CurrentVisitor::authenticate(&state, &token, &headers).await?;
    state.store.touch_visitor(visitor.id, user_agent(&headers).as_deref(), state.clock.now()).await?;
    let principal = Principal::Visitor { visitor_id: visitor.id, workspace_id: workspace.id };
    Ok(upgrade_to_session(upgrade, state, principal))
}

async fn agent_socket(
    State(state): State<AppState>,
    headers: HeaderMap,
    current: CurrentAgent,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    refuse_when_stopping(&state)?;
    // Cookies ride along on cross-site WebSocket handshakes in some browsers; the
    // origin check stops another site from opening an agent socket.
    require_same_origin(&headers, &state)?;
    if !offered_protocols(&headers).any(|protocol| protocol == WS_PROTOCOL) {
        return Err(ApiError::BadRequest(format!("offer the {WS_PROTOCOL} subprotocol")));
    }
    let agent = current.agent;
    let principal = Principal::Agent {
        agent_id: agent.id,
        workspace_id: agent.workspace_id,
        name: agent.name,
        session_hash: current.session_hash,
    };
    Ok(upgrade_to_session(upgrade, state, principal))
}

fn upgrade_to_session(upgrade: WebSocketUpgrade, state: AppState, principal: Principal) -> Response {
    let sessions = state.sessions.clone();
    upgrade
        .protocols([WS_PROTOCOL])
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .on_upgrade(move |socket| sessions.track_future(run_session(socket, state, principal)))
}

fn refuse_when_stopping(state: &AppState) -> Result<(), ApiError> {
    if state.shutdown.is_triggered() { Err(ApiError::Unavailable) } else { Ok(()) }
}

/// The subprotocols a client offered, in order.
fn offered_protocols(headers: &HeaderMap) -> impl Iterator<Item = &str> {
    headers
        .get_all(SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(str::trim)
}
