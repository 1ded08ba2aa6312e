//! The agent's workspace, the allowed host origins admins edit, and the identity
//! verification settings (the secret host applications sign identities with, its
//! rotation, and whether unverified identities are refused), which only admins see.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post, put};
use protocol::api::{IdentitySettings, Role, UpdateIdentitySettings, UpdateOrigins, Workspace};

use super::extract::ApiJson;
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::origin;
use crate::state::AppState;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workspace", get(get_workspace))
        .route("/api/v1/workspace/origins", put(update_origins))
        .route("/api/v1/workspace/identity", get(get_identity).put(update_identity))
        .route("/api/v1/workspace/identity/rotate", post(rotate_identity_secret))
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

async fn get_identity(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<IdentitySettings>, ApiError> {
    admin(&current, "only admins can see the identity secret")?;
    identity_settings(&state, current.agent.workspace_id).await
}

async fn update_identity(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<UpdateIdentitySettings>,
) -> Result<ApiJson<IdentitySettings>, ApiError> {
    admin(&current, "only admins can change identity verification")?;
    let workspace_id = current.agent.workspace_id;
    state.store.set_require_verified_identity(workspace_id, body.require_verified).await?;
    tracing::info!(workspace_id, require_verified = body.require_verified, "identity verification changed");
    identity_settings(&state, workspace_id).await
}

/// Replaces the identity secret: proofs made with the old one stop verifying at once.
async fn rotate_identity_secret(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<IdentitySettings>, ApiError> {
    admin(&current, "only admins can rotate the identity secret")?;
    let workspace_id = current.agent.workspace_id;
    state.store.set_identity_secret(workspace_id, &crate::identity::new_secret()).await?;
    tracing::info!(workspace_id, agent_id = current.agent.id, "identity secret rotated");
    identity_settings(&state, workspace_id).await
}

async fn identity_settings(state: &AppState, workspace_id: i64) -> Result<ApiJson<IdentitySettings>, ApiError> {
    let settings = state
        .store
        .identity_settings(workspace_id, crate::identity::new_secret)
        .await?
        .ok_or(ApiError::NotFound("workspace"))?;
    Ok(ApiJson(IdentitySettings { secret: settings.secret, require_verified: settings.require_verified }))
}

fn admin(current: &CurrentAgent, refusal: &'static str) -> Result<(), ApiError> {
    if current.agent.role == Role::Admin { Ok(()) } else { Err(ApiError::Forbidden(refusal)) }
}
