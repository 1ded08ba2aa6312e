//! Agents upload the files a reply will send: the raw bytes as the body, the name in
//! the query. The body is read once one of `limits.files_at_once` slots is free; each
//! file is judged like a customer's (`files`), counted against the workspace's quota,
//! and kept until a reply sends it or the sweep removes it.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::routing::post;
use protocol::tickets::Upload;
use serde::Deserialize;

use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::files::{self, MAX_FILE_BYTES};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::refusal::refuse_oversized;
use crate::state::AppState;
use crate::store::Uploader;

/// The longest file name kept, in characters.
const MAX_NAME_CHARS: usize = 200;

/// The upload endpoint, with a body limit of its own (one file).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/uploads", post(upload).layer(DefaultBodyLimit::max(MAX_FILE_BYTES)))
        .route_layer(from_fn_with_state(MAX_FILE_BYTES, refuse_oversized))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UploadQuery {
    name: String,
}

async fn upload(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(query): ApiQuery<UploadQuery>,
    body: Body,
) -> Result<(StatusCode, ApiJson<Upload>), ApiError> {
    let name: String = query.name.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).collect();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::FieldRefused {
            field: "name",
            message: format!("give the file a name of 1 to {MAX_NAME_CHARS} characters"),
        });
    }
    // The body is read only once a slot is free, so the bytes held at once stay
    // bounded however many clients upload.
    let _slot = state.limits.file_slots.take().await?;
    let body = axum::body::to_bytes(body, MAX_FILE_BYTES)
        .await
        .map_err(|_| ApiError::TooLarge(format!("a file may be at most {} MB", MAX_FILE_BYTES / 1_000_000)))?;
    let accepted = tokio::task::spawn_blocking(move || files::accept(Vec::from(body)))
        .await
        .map_err(|error| ApiError::Internal(anyhow::Error::new(error).context("judge an upload")))?
        .map_err(|refusal| ApiError::FieldRefused { field: "file", message: refusal.to_string() })?;
    let workspace_id = current.agent.workspace_id;
    let quota = state.config.limits.file_bytes_per_workspace;
    let used = state.store.workspace_file_bytes(workspace_id).await?;
    let size = i64::try_from(accepted.data.len()).unwrap_or(i64::MAX);
    if used.saturating_add(size) > i64::try_from(quota).unwrap_or(i64::MAX) {
        return Err(ApiError::FieldRefused {
            field: "file",
            message: "the workspace's storage for files is full; ask an admin".to_owned(),
        });
    }
    let now = state.clock.now();
    let id = state.store.create_upload(workspace_id, Uploader::Agent(current.agent.id), &name, &accepted, now).await?;
    let upload = Upload { id, name, content_type: accepted.content_type.to_owned(), size: accepted.data.len() as u64 };
    Ok((StatusCode::CREATED, ApiJson(upload)))
}
