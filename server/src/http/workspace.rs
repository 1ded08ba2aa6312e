//! The agent's workspace, the allowed host origins admins edit, and the identity
//! verification settings (the secret host applications sign identities with, its
//! rotation, and whether unverified identities are refused), which only admins see.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post, put};
use protocol::access::{UpdateWebhook, WebhookSettings};
use protocol::api::{IdentitySettings, Role, UpdateIdentitySettings, UpdateOrigins, Workspace};

use super::extract::ApiJson;
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::http::access::admin_did;
use crate::language::{say, say_with};
use crate::origin::{self, MAX_ALLOWED_ORIGINS, OriginError};
use crate::state::AppState;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workspace", get(get_workspace))
        .route("/api/v1/workspace/origins", put(update_origins))
        .route("/api/v1/workspace/identity", get(get_identity).put(update_identity))
        .route("/api/v1/workspace/identity/rotate", post(rotate_identity_secret))
        .route("/api/v1/workspace/webhook", get(get_webhook).put(update_webhook))
        .route("/api/v1/workspace/webhook/rotate", post(rotate_webhook_secret))
}

/// Longest webhook URL accepted.
const MAX_WEBHOOK_URL: usize = 2_000;

async fn get_webhook(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<WebhookSettings>, ApiError> {
    admin(&current, "only admins can see the webhook settings")?;
    webhook_settings(&state, current.agent.workspace_id).await
}

async fn update_webhook(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<UpdateWebhook>,
) -> Result<ApiJson<WebhookSettings>, ApiError> {
    admin(&current, "only admins can change the webhook")?;
    let url = body.url.as_deref().map(str::trim).filter(|url| !url.is_empty());
    if let Some(url) = url {
        let parsed = url::Url::parse(url).ok().filter(|parsed| {
            matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() && url.len() <= MAX_WEBHOOK_URL
        });
        if parsed.is_none() {
            return Err(ApiError::FieldRefused { field: "url", message: say("webhook-url") });
        }
    }
    let workspace_id = current.agent.workspace_id;
    let before = state.store.webhook_target(workspace_id).await?.url;
    state.store.set_webhook_url(workspace_id, url).await?;
    admin_did(&state, &current, "workspace.webhook", "Changed the webhook URL", before.as_deref(), url).await?;
    webhook_settings(&state, workspace_id).await
}

async fn rotate_webhook_secret(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<WebhookSettings>, ApiError> {
    admin(&current, "only admins can rotate the webhook secret")?;
    let workspace_id = current.agent.workspace_id;
    state.store.set_webhook_secret(workspace_id, &crate::webhooks::new_secret()).await?;
    admin_did(&state, &current, "workspace.webhook_secret", "Rotated the webhook secret", None, None).await?;
    webhook_settings(&state, workspace_id).await
}

async fn webhook_settings(state: &AppState, workspace_id: i64) -> Result<ApiJson<WebhookSettings>, ApiError> {
    let secret = state.store.webhook_secret(workspace_id, crate::webhooks::new_secret).await?;
    let url = state.store.webhook_target(workspace_id).await?.url;
    Ok(ApiJson(WebhookSettings { url, secret }))
}

async fn get_workspace(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<Workspace>, ApiError> {
    let workspace = state.store.workspace(current.agent.workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    let appearance = state.store.appearance(workspace.id).await?;
    Ok(ApiJson(wire::workspace(workspace, &appearance)))
}

async fn update_origins(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<UpdateOrigins>,
) -> Result<ApiJson<Workspace>, ApiError> {
    if current.agent.role != Role::Admin {
        return Err(ApiError::Forbidden("only admins can change allowed origins"));
    }
    let origins = origin::parse_list(&body.allowed_origins).map_err(|error| ApiError::BadRequest(refusal(&error)))?;
    let workspace_id = current.agent.workspace_id;
    let before = state.store.workspace(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    state.store.set_allowed_origins(workspace_id, &origins).await?;
    tracing::info!(workspace_id, count = origins.len(), "allowed origins updated");
    let (was, now) = (before.allowed_origins.join(" "), origins.join(" "));
    admin_did(&state, &current, "workspace.origins", "Changed the allowed origins", Some(&was), Some(&now)).await?;
    let workspace = state.store.workspace(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    let appearance = state.store.appearance(workspace_id).await?;
    Ok(ApiJson(wire::workspace(workspace, &appearance)))
}

/// Why an allowed origin was refused, in the request's language (`OriginError`'s own
/// words stay English for the configuration's errors).
fn refusal(error: &OriginError) -> String {
    match error {
        OriginError::NotUrl(origin) => say_with("origin-not-url", &[("origin", origin.into())]),
        OriginError::Scheme(origin) => say_with("origin-scheme", &[("origin", origin.into())]),
        OriginError::NotBare(origin) => say_with("origin-not-bare", &[("origin", origin.into())]),
        OriginError::TooMany => say_with("origins-too-many", &[("max", MAX_ALLOWED_ORIGINS.into())]),
    }
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
    let summary =
        if body.require_verified { "Required verified identities" } else { "Stopped requiring verified identities" };
    admin_did(&state, &current, "workspace.identity", summary, None, None).await?;
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
    admin_did(&state, &current, "workspace.identity_secret", "Rotated the identity secret", None, None).await?;
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

pub(super) fn admin(current: &CurrentAgent, refusal: &'static str) -> Result<(), ApiError> {
    if current.agent.role == Role::Admin { Ok(()) } else { Err(ApiError::Forbidden(refusal)) }
}
