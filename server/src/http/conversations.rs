//! The console's view of conversations: the inbox with its filters and pages, one
//! conversation in full, and who holds it and where it stands.

use axum::Router;
use axum::extract::State;
use axum::routing::{get, put};
use protocol::api::{ConversationDetail, ConversationSummary};
use protocol::inbox::{ConversationStatus, InboxView, SetAssignment, SetStatus};
use protocol::tickets::Team;
use serde::Deserialize;

use super::extract::{ApiJson, ApiPath, ApiQuery};
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::language::{say, say_with};
use crate::state::AppState;
use crate::store::{ConversationRecord, InboxFilter};
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/conversations", get(list_conversations))
        .route("/api/v1/conversations/{id}", get(get_conversation))
        .route("/api/v1/conversations/{id}/assignment", put(set_assignment))
        .route("/api/v1/conversations/{id}/status", put(set_status))
}

/// Conversations one inbox page lists at most, and by default.
const INBOX_LIMIT: i64 = 200;
/// Messages returned with one conversation at most; older ones are left out.
const HISTORY_LIMIT: i64 = 5_000;
/// Longest inbox search.
const MAX_SEARCH_CHARS: usize = 200;
/// Furthest ahead a chat can be snoozed.
const MAX_SNOOZE_MS: i64 = 366 * 24 * 60 * 60 * 1000;

/// `GET /api/v1/conversations` query.
#[derive(Debug, Deserialize)]
struct InboxQuery {
    #[serde(default)]
    view: Option<InboxView>,
    #[serde(default)]
    team: Option<Team>,
    #[serde(default)]
    status: Option<ConversationStatus>,
    #[serde(default)]
    q: Option<String>,
    /// `updated_at:id` of the last row of the previous page.
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    limit: Option<i64>,
}

async fn list_conversations(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(query): ApiQuery<InboxQuery>,
) -> Result<ApiJson<Vec<ConversationSummary>>, ApiError> {
    let limit = query.limit.unwrap_or(INBOX_LIMIT);
    if !(1..=INBOX_LIMIT).contains(&limit) {
        return Err(ApiError::FieldRefused { field: "limit", message: format!("limit must be 1 to {INBOX_LIMIT}") });
    }
    let search = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    if search.is_some_and(|q| q.chars().count() > MAX_SEARCH_CHARS) {
        return Err(ApiError::FieldRefused {
            field: "q",
            message: say_with("search-too-long", &[("max", MAX_SEARCH_CHARS.into())]),
        });
    }
    let before = query.before.as_deref().map(parse_cursor).transpose()?;
    let (assignee, team) = match (query.view.unwrap_or(InboxView::All), query.team) {
        (InboxView::Mine, None) => (Some(Some(current.agent.id)), None),
        (InboxView::Unassigned, None) => (Some(None), None),
        (InboxView::All, None) => (None, None),
        (InboxView::Team, Some(team)) => (None, Some(team)),
        (InboxView::Team, None) => {
            return Err(ApiError::FieldRefused { field: "team", message: "the team view needs a team".into() });
        }
        (_, Some(_)) => {
            return Err(ApiError::FieldRefused { field: "team", message: "a team goes with view=team only".into() });
        }
    };
    let filter = InboxFilter { status: query.status, assignee, team, search, before };
    let records = state.store.inbox_page(current.agent.workspace_id, &filter, limit).await?;
    Ok(ApiJson(records.iter().map(wire::summary).collect()))
}

/// Reads `updated_at:id`.
fn parse_cursor(cursor: &str) -> Result<(i64, i64), ApiError> {
    cursor.split_once(':').and_then(|(updated_at, id)| Some((updated_at.parse().ok()?, id.parse().ok()?))).ok_or_else(
        || ApiError::FieldRefused {
            field: "before",
            message: "before is the updated_at:id of the previous page's last row".into(),
        },
    )
}

async fn get_conversation(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<ConversationDetail>, ApiError> {
    let conversation = conversation_of(&state, &current, id).await?;
    let visitor = state.store.visitor(conversation.visitor_id).await?.ok_or(ApiError::NotFound("visitor"))?;
    let from = (conversation.last_seq - HISTORY_LIMIT).max(0);
    let messages = state.store.messages_between(id, from, conversation.last_seq, HISTORY_LIMIT).await?;
    Ok(ApiJson(ConversationDetail {
        summary: wire::summary(&conversation),
        visitor: wire::visitor(visitor),
        messages: messages.into_iter().map(wire::message).collect(),
    }))
}

async fn set_assignment(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SetAssignment>,
) -> Result<ApiJson<ConversationSummary>, ApiError> {
    let conversation = conversation_of(&state, &current, id).await?;
    if let Some(assignee_id) = body.assignee_id {
        let assignee = state
            .store
            .agent(assignee_id)
            .await?
            .filter(|agent| agent.workspace_id == current.agent.workspace_id)
            .ok_or_else(|| ApiError::FieldRefused { field: "assignee_id", message: say("no-such-agent") })?;
        if assignee.deactivated_at.is_some() {
            return Err(ApiError::FieldRefused {
                field: "assignee_id",
                message: say_with("agent-deactivated", &[("name", (&assignee.name).into())]),
            });
        }
    }
    let changed = state.queue.assign(&conversation, current.agent.id, body.assignee_id, body.team).await?;
    Ok(ApiJson(wire::summary(&changed)))
}

async fn set_status(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<SetStatus>,
) -> Result<ApiJson<ConversationSummary>, ApiError> {
    let conversation = conversation_of(&state, &current, id).await?;
    let now = state.clock.now();
    match (body.status, body.snoozed_until) {
        (ConversationStatus::Snoozed, Some(until)) if until > now && until - now <= MAX_SNOOZE_MS => {}
        (ConversationStatus::Snoozed, Some(_)) => {
            return Err(ApiError::FieldRefused { field: "snoozed_until", message: say("snooze-range") });
        }
        (ConversationStatus::Snoozed, None) => {
            return Err(ApiError::FieldRefused { field: "snoozed_until", message: say("snooze-until") });
        }
        (_, Some(_)) => {
            return Err(ApiError::FieldRefused { field: "snoozed_until", message: say("snooze-not-snoozed") });
        }
        (_, None) => {}
    }
    let changed = state.queue.set_status(&conversation, current.agent.id, body.status, body.snoozed_until).await?;
    Ok(ApiJson(wire::summary(&changed)))
}

/// The agent's workspace's conversation with this id; another workspace's is not found.
pub(crate) async fn conversation_of(
    state: &AppState,
    current: &CurrentAgent,
    id: i64,
) -> Result<ConversationRecord, ApiError> {
    state
        .store
        .conversation(id)
        .await?
        .filter(|c| c.workspace_id == current.agent.workspace_id)
        .ok_or(ApiError::NotFound("conversation"))
}
