//! The files of the workspace's tickets and chats, for its agents: the file itself and
//! its thumbnail, streamed from storage and served as `files::serve` decides (raster
//! images inline, everything else as a download, never sniffed, sandboxed).

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;

use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::files::serve;
use crate::http::extract::ApiPath;
use crate::state::AppState;
use crate::store::FileRecord;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/files/{id}", get(file)).route("/api/v1/files/{id}/thumbnail", get(thumbnail))
}

async fn file(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let file = workspace_file(&state, &current, id).await?;
    serve::file_response(&state.store, &file).await
}

async fn thumbnail(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, ApiError> {
    let file = workspace_file(&state, &current, id).await?;
    serve::thumbnail_response(&state.store, &file).await
}

async fn workspace_file(state: &AppState, current: &CurrentAgent, id: i64) -> Result<FileRecord, ApiError> {
    state.store.workspace_file(current.agent.workspace_id, id).await?.ok_or(ApiError::NotFound("file"))
}
