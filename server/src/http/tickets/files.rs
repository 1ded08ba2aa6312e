//! Kept files and their thumbnails: for the workspace's agents, and for the visitor a
//! file belongs to. A customer chose the bytes, so they are streamed from storage and
//! served as `files::serve` decides: raster images inline, everything else as a
//! download, never sniffed, and sandboxed should a browser render one.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;

use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::files::serve;
use crate::http::extract::ApiPath;
use crate::http::help::visitor;
use crate::state::AppState;
use crate::store::FileRecord;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/files/{id}", get(agent_file))
        .route("/api/v1/files/{id}/thumbnail", get(agent_thumbnail))
        .route("/api/v1/widget/files/{id}", get(visitor_file))
        .route("/api/v1/widget/files/{id}/thumbnail", get(visitor_thumbnail))
}

async fn agent_file(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let file = workspace_file(&state, &current, id).await?;
    serve::file_response(&state.store, &file).await
}

async fn agent_thumbnail(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let file = workspace_file(&state, &current, id).await?;
    serve::thumbnail_response(&state.store, &file).await
}

/// A file for the visitor it belongs to: their own upload, or one in their chat or on
/// a ticket of theirs. Anyone else's is not found.
async fn visitor_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let file = visitors_file(&state, &headers, id).await?;
    serve::file_response(&state.store, &file).await
}

async fn visitor_thumbnail(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let file = visitors_file(&state, &headers, id).await?;
    serve::thumbnail_response(&state.store, &file).await
}

async fn workspace_file(state: &AppState, current: &CurrentAgent, id: i64) -> Result<FileRecord, ApiError> {
    state.store.workspace_file(current.agent.workspace_id, id).await?.ok_or(ApiError::NotFound("file"))
}

async fn visitors_file(state: &AppState, headers: &HeaderMap, id: i64) -> Result<FileRecord, ApiError> {
    let current = visitor(state, headers).await?;
    state.store.visitor_file(current.visitor.id, id).await?.ok_or(ApiError::NotFound("file"))
}
