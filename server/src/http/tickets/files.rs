//! Kept files: for the workspace's agents, and for the visitor a file belongs to. A
//! customer chose the bytes, so they are served as `files` decides: raster images inline, everything
//! else as a download, never sniffed, and sandboxed should a browser render one.

use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderName};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::files;
use crate::http::extract::ApiPath;
use crate::http::help::visitor;
use crate::state::AppState;
use crate::store::FileRecord;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/files/{id}", get(agent_file)).route("/api/v1/widget/files/{id}", get(visitor_file))
}

const NOSNIFF: HeaderName = HeaderName::from_static("x-content-type-options");

async fn agent_file(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<impl IntoResponse, ApiError> {
    let file = state.store.workspace_file(current.agent.workspace_id, id).await?.ok_or(ApiError::NotFound("file"))?;
    Ok(serve(file))
}

/// A file for the visitor it belongs to: their own upload, or one in their chat or on
/// a ticket of theirs. Anyone else's is not found.
async fn visitor_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<impl IntoResponse, ApiError> {
    let current = visitor(&state, &headers).await?;
    let file = state.store.visitor_file(current.visitor.id, id).await?.ok_or(ApiError::NotFound("file"))?;
    Ok(serve(file))
}

fn serve(file: FileRecord) -> impl IntoResponse {
    let disposition = files::disposition(&file.content_type, &file.name);
    (
        [
            (CONTENT_TYPE, file.content_type),
            (CONTENT_DISPOSITION, disposition),
            (CONTENT_SECURITY_POLICY, "sandbox".to_owned()),
            (CACHE_CONTROL, "private, no-store".to_owned()),
            (NOSNIFF, "nosniff".to_owned()),
        ],
        file.data,
    )
}
