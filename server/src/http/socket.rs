//! WebSocket upgrades for visitors and agents. Both authenticate before the upgrade;
//! the visitor's token travels in the `Sec-WebSocket-Protocol` header, never in a URL.
//! Open sockets are counted per client IP (visitors and agents together) and per
//! visitor; over either, the handshake is refused with `429` before upgrading, and the
//! session holds its slots until the socket ends.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::SEC_WEBSOCKET_PROTOCOL;
use axum::response::Response;
use axum::routing::get;
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};

use super::extract::ApiUpgrade;
use super::widget::user_agent;
use crate::auth::CurrentAgent;
use crate::auth::agent::require_same_origin;
use crate::auth::visitor::CurrentVisitor;
use crate::chat::{Principal, run_session};
use crate::error::ApiError;
use crate::limits::{ClientIp, GaugeSlot};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/widget/ws", get(visitor_socket)).route("/api/v1/agent/ws", get(agent_socket))
}

/// How long a client refused for having too many sockets open is told to wait; sockets
/// close at their own pace, so this is a polite guess, not a promise.
const SOCKETS_RETRY_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

/// Hard cap on a WebSocket message. Frames between `MAX_FRAME_BYTES` and this get an
/// error frame and the connection stays; beyond it the connection closes (1009).
const MAX_MESSAGE_BYTES: usize = 1024 * 1024;
/// What one read from a socket takes at most. tungstenite allocates its read buffer
/// when the socket opens, 128 KiB by default: that was most of an idle socket's cost
/// (`cargo xtask bench chat`).
/// Frames are small (a message body is at most 10,000 characters), and a longer one
/// (up to `MAX_MESSAGE_BYTES`) is read in several chunks. Writes go out as they come
/// (no write buffer held back): the session's writer flushes each frame anyway.
const READ_BUFFER_BYTES: usize = 2 * 1024;

async fn visitor_socket(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiUpgrade(upgrade): ApiUpgrade,
) -> Result<Response, ApiError> {
    refuse_when_stopping(&state)?;
    let ip_slot =
        socket_slot(state.limits.sockets_per_ip.acquire(client), "too many open connections from your network")?;
    let token = offered_protocols(&headers)
        .find_map(|protocol| protocol.strip_prefix(WS_TOKEN_PREFIX))
        .ok_or(ApiError::Unauthorized)?
        .to_owned();
    if !offered_protocols(&headers).any(|protocol| protocol == WS_PROTOCOL) {
        return Err(ApiError::BadRequest(format!("offer the {WS_PROTOCOL} subprotocol")));
    }
    let CurrentVisitor { visitor, workspace } = CurrentVisitor::authenticate(&state, &token, &headers).await?;
    let visitor_slot = socket_slot(
        state.limits.sockets_per_visitor.acquire(visitor.id),
        "this conversation is open in too many tabs; close one and try again",
    )?;
    state.store.touch_visitor(visitor.id, user_agent(&headers).as_deref(), state.clock.now()).await?;
    let principal = Principal::Visitor {
        visitor_id: visitor.id,
        workspace_id: workspace.id,
        user_id: visitor.verified_user_id.clone(),
    };
    Ok(upgrade_to_session(upgrade, state, principal, Slots { _ip: ip_slot, _visitor: Some(visitor_slot) }))
}

async fn agent_socket(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    current: CurrentAgent,
    ApiUpgrade(upgrade): ApiUpgrade,
) -> Result<Response, ApiError> {
    refuse_when_stopping(&state)?;
    let ip_slot =
        socket_slot(state.limits.sockets_per_ip.acquire(client), "too many open connections from your network")?;
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
    Ok(upgrade_to_session(upgrade, state, principal, Slots { _ip: ip_slot, _visitor: None }))
}

/// The socket's places in the per-IP and per-visitor counts, given back when dropped.
/// Never read: they matter only by being dropped.
struct Slots {
    _ip: GaugeSlot<ClientIp>,
    _visitor: Option<GaugeSlot<i64>>,
}

/// A taken slot, or the `429` that refuses the handshake.
fn socket_slot<K: std::hash::Hash + Eq + Clone + Send + 'static>(
    slot: Option<GaugeSlot<K>>,
    message: &'static str,
) -> Result<GaugeSlot<K>, ApiError> {
    slot.ok_or(ApiError::RateLimited { message, retry_after: SOCKETS_RETRY_AFTER })
}

fn upgrade_to_session(
    upgrade: axum::extract::ws::WebSocketUpgrade,
    state: AppState,
    principal: Principal,
    slots: Slots,
) -> Response {
    let sessions = state.sessions.clone();
    upgrade
        .protocols([WS_PROTOCOL])
        .max_message_size(MAX_MESSAGE_BYTES)
        .max_frame_size(MAX_MESSAGE_BYTES)
        .read_buffer_size(READ_BUFFER_BYTES)
        .write_buffer_size(0)
        .on_upgrade(move |socket| {
            sessions.track_future(async move {
                run_session(socket, state, principal).await;
                // Held for the socket's whole life; an upgrade that never completes
                // drops this closure, and with it the slots, too.
                drop(slots);
            })
        })
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
