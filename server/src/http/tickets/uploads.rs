//! Uploads: the files a message, reply or "Email us" request will send, uploaded
//! before it is sent. Agents upload with their console session, visitors with their
//! messenger token; the raw bytes are the body and the name is in the query. Both
//! routes hand the body to `files::receive_upload`, which streams it into storage
//! (type sniffed from the first bytes, size and quota enforced while reading, scanned
//! when configured) and keeps it as the uploader's until something attaches it or the
//! sweep removes it.

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::routing::post;
use protocol::tickets::Upload;
use serde::Deserialize;

use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::files::{self, MAX_FILE_BYTES};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::help::visitor;
use crate::http::refusal::refuse_oversized;
use crate::limits::ClientIp;
use crate::state::AppState;
use crate::store::Uploader;

/// The upload endpoints. A declared length over one file's limit is refused before
/// the body is read; a body that grows past it while streaming is refused then.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/uploads", post(agent_upload))
        .route("/api/v1/widget/uploads", post(visitor_upload))
        .route_layer(from_fn_with_state(MAX_FILE_BYTES, refuse_oversized))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadQuery {
    name: String,
}

async fn agent_upload(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(query): ApiQuery<UploadQuery>,
    body: Body,
) -> Result<(StatusCode, ApiJson<Upload>), ApiError> {
    let uploader = Uploader::Agent(current.agent.id);
    let kept = files::receive_upload(&state, body, &query.name, uploader, current.agent.workspace_id).await?;
    Ok((StatusCode::CREATED, ApiJson(kept.into())))
}

async fn visitor_upload(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<UploadQuery>,
    body: Body,
) -> Result<(StatusCode, ApiJson<Upload>), ApiError> {
    let current = visitor(&state, &headers).await?;
    state.limits.uploads_per_visitor.check(&current.visitor.id)?;
    state.limits.uploads_per_ip.check(&client)?;
    let uploader = Uploader::Visitor(current.visitor.id);
    let kept = files::receive_upload(&state, body, &query.name, uploader, current.workspace.id).await?;
    Ok((StatusCode::CREATED, ApiJson(kept.into())))
}
