//! Agents upload the files a reply will send: the raw bytes as the body, the name in
//! the query. The body is streamed into storage by `files::intake` (type sniffed from
//! the first bytes, size and quota enforced while reading, scanned when configured),
//! and kept until a reply sends it or the sweep removes it.

use axum::Router;
use axum::body::Body;
use axum::extract::State;
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

/// The upload endpoint. A declared length over the limit is refused before the body
/// is read; a body that grows past it while streaming is refused then.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/uploads", post(upload))
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
    let uploader = Uploader::Agent(current.agent.id);
    let kept = files::receive_upload(&state, body, &query.name, uploader, current.agent.workspace_id).await?;
    Ok((StatusCode::CREATED, ApiJson(kept.into())))
}
