//! The agent's workspace, and the allowed host origins admins edit.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, put};
use protocol::api::{Role, UpdateOrigins, Workspace};

use super::extract::ApiJson;
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::origin;
use crate::state::AppState;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/workspace", get(get_workspace)).route("/api/v1/workspace/origins", put(update_origins))
}

async fn get_workspace(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<Workspace>, ApiError> {
    let workspace = state.store.workspace(current.agent.workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    Ok(ApiJson(wire::workspace(workspace)))
}

async fn update_origins(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<UpdateOrigins>,
) -> Result<ApiJson<Workspace>, ApiError> {
    if current.agent.role != Role::Admin {
        return Err(ApiError::Forbidden("only admins can change allowed origins"));
    }
    let origins = origin::parse_list(&body.allowed_origins).map_err(|e| ApiError::BadRequest(e.to_string()))?;
    let workspace_id = current.agent.workspace_id;
    state.store.set_allowed_origins(workspace_id, &origins).await?;
    tracing::info!(workspace_id, count = origins.len(), "allowed origins updated");
    let workspace = state.store.workspace(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    Ok(ApiJson(wire::workspace(workspace)))
}
