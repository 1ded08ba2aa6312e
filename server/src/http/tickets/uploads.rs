//! Uploads: the files a message, reply or "Email us" request will send, uploaded
//! before it is sent. Agents upload with their console session, visitors with their
//! messenger token; the raw bytes are the body and the name is in the query. The body
//! is read once one of `limits.files_at_once` slots is free; each file is judged like a
//! customer's mail attachment (`files`), counted against the workspace's quota, and
//! kept as the uploader's until something attaches it or the sweep removes it.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::from_fn_with_state;
use axum::routing::post;
use protocol::files::MAX_FILE_NAME_CHARS;
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

/// The upload endpoints, with a body limit of their own (one file).
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/uploads", post(agent_upload).layer(DefaultBodyLimit::max(MAX_FILE_BYTES)))
        .route("/api/v1/widget/uploads", post(visitor_upload).layer(DefaultBodyLimit::max(MAX_FILE_BYTES)))
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
    let upload = keep_upload(&state, current.agent.workspace_id, uploader, &query.name, body).await?;
    Ok((StatusCode::CREATED, ApiJson(upload)))
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
    let upload = keep_upload(&state, current.workspace.id, uploader, &query.name, body).await?;
    Ok((StatusCode::CREATED, ApiJson(upload)))
}

/// Reads, judges and keeps one uploaded file for `uploader`.
async fn keep_upload(
    state: &AppState,
    workspace_id: i64,
    uploader: Uploader,
    name: &str,
    body: Body,
) -> Result<Upload, ApiError> {
    let name: String = name.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).collect();
    if name.is_empty() || name.chars().count() > MAX_FILE_NAME_CHARS {
        return Err(ApiError::FieldRefused {
            field: "name",
            message: format!("give the file a name of 1 to {MAX_FILE_NAME_CHARS} characters"),
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
    let quota = state.config.limits.file_bytes_per_workspace;
    let used = state.store.workspace_file_bytes(workspace_id).await?;
    let size = i64::try_from(accepted.data.len()).unwrap_or(i64::MAX);
    if used.saturating_add(size) > i64::try_from(quota).unwrap_or(i64::MAX) {
        let message = match uploader {
            Uploader::Agent(_) => "the workspace's storage for files is full; ask an admin",
            Uploader::Visitor(_) => "there is no room for more files just now; please describe it in words instead",
        };
        return Err(ApiError::FieldRefused { field: "file", message: message.to_owned() });
    }
    let now = state.clock.now();
    let id = state.store.create_upload(workspace_id, uploader, &name, &accepted, now).await?;
    Ok(Upload { id, name, content_type: accepted.content_type.to_owned(), size: accepted.data.len() as u64 })
}
