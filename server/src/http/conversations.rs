//! The console's view of conversations: the inbox and one conversation in full.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use protocol::api::{ConversationDetail, ConversationSummary};

use super::extract::{ApiJson, ApiPath};
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::state::AppState;
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/conversations", get(list_conversations))
        .route("/api/v1/conversations/{id}", get(get_conversation))
}

/// Conversations the inbox lists at most.
const INBOX_LIMIT: i64 = 200;
/// Messages returned with one conversation at most; older ones are left out.
const HISTORY_LIMIT: i64 = 5_000;

async fn list_conversations(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<Vec<ConversationSummary>>, ApiError> {
    let records = state.store.list_conversations(current.agent.workspace_id, INBOX_LIMIT).await?;
    Ok(ApiJson(records.iter().map(wire::summary).collect()))
}

async fn get_conversation(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<ConversationDetail>, ApiError> {
    let conversation = state
        .store
        .conversation(id)
        .await?
        .filter(|c| c.workspace_id == current.agent.workspace_id)
        .ok_or(ApiError::NotFound("conversation"))?;
    let visitor = state.store.visitor(conversation.visitor_id).await?.ok_or(ApiError::NotFound("visitor"))?;
    let from = (conversation.last_seq - HISTORY_LIMIT).max(0);
    let messages = state.store.messages_between(id, from, conversation.last_seq, HISTORY_LIMIT).await?;
    Ok(ApiJson(ConversationDetail {
        summary: wire::summary(&conversation),
        visitor: wire::visitor(visitor),
        messages: messages.into_iter().map(wire::message).collect(),
    }))
}
