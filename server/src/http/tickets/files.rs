//! The files kept from customers' mail, for the workspace's agents. A customer chose
//! the bytes, so they are served as `files` decides: raster images inline, everything
//! else as a download, never sniffed, and sandboxed should a browser render one.

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderName};
use axum::response::IntoResponse;
use axum::routing::get;

use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::files;
use crate::http::extract::ApiPath;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/files/{id}", get(file))
}

const NOSNIFF: HeaderName = HeaderName::from_static("x-content-type-options");

async fn file(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<impl IntoResponse, ApiError> {
    let file = state.store.workspace_file(current.agent.workspace_id, id).await?.ok_or(ApiError::NotFound("file"))?;
    let disposition = files::disposition(&file.content_type, &file.name);
    Ok((
        [
            (CONTENT_TYPE, file.content_type),
            (CONTENT_DISPOSITION, disposition),
            (CONTENT_SECURITY_POLICY, "sandbox".to_owned()),
            (CACHE_CONTROL, "private, no-store".to_owned()),
            (NOSNIFF, "nosniff".to_owned()),
        ],
        file.data,
    ))
}
