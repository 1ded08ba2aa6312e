//! The console's tickets: the queue, one ticket with everything attached, replies,
//! notes, changes, engineering details, and handing a live chat off to a ticket.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use protocol::tickets::{
    EscalateChat, RatingRow, TicketChanges, TicketDetail, TicketDetails, TicketQuery, TicketStatus, TicketSummary,
    TicketText,
};

use super::convert::{self, AgentNames};
use super::validate::{Form, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS};
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::http::conversations::conversation_of;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::language::{say, say_with};
use crate::state::AppState;
use crate::store::{Actor, AssigneeFilter, TicketFilter, TicketRecord, Uploader};
use crate::tickets::Change;
use crate::tickets::handoff::Escalation;
use crate::wire;
use protocol::inbox::ConversationStatus;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/tickets", get(list_tickets))
        .route("/api/v1/tickets/{number}", get(get_ticket).patch(change_ticket))
        .route("/api/v1/tickets/{number}/replies", post(reply_to_ticket))
        .route("/api/v1/tickets/{number}/notes", post(add_note))
        .route("/api/v1/tickets/{number}/request-info", post(request_info))
        .route("/api/v1/tickets/{number}/details", put(set_details))
        .route("/api/v1/conversations/{id}/ticket", post(escalate_chat))
        .route("/api/v1/conversations/{id}/end", post(end_chat))
        .route("/api/v1/ratings", get(list_ratings))
}

/// Tickets the queue shows at most.
const QUEUE_LIMIT: i64 = 500;
/// Chat messages attached to a ticket at most.
const TRANSCRIPT_LIMIT: i64 = 5_000;

async fn list_tickets(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(query): ApiQuery<TicketQuery>,
) -> Result<ApiJson<Vec<TicketSummary>>, ApiError> {
    let now = state.clock.now();
    let mut filter = TicketFilter {
        priority: query.priority,
        ticket_type: query.ticket_type,
        breached_at: query.breached.unwrap_or(false).then_some(now),
        search: query.q,
        ..TicketFilter::default()
    };
    for status in query.status.iter().flat_map(|list| list.split(',')).map(str::trim).filter(|s| !s.is_empty()) {
        let status: TicketStatus =
            status.parse().map_err(|_| ApiError::BadRequest(format!("unknown status {status:?}")))?;
        filter.statuses.push(status);
    }
    filter.assignee = match query.assignee.as_deref().map(str::trim) {
        None | Some("" | "anyone") => AssigneeFilter::Anyone,
        Some("me") => AssigneeFilter::Agent(current.agent.id),
        Some("unassigned") => AssigneeFilter::Unassigned,
        Some(id) => {
            AssigneeFilter::Agent(id.parse().map_err(|_| ApiError::BadRequest(format!("unknown assignee {id:?}")))?)
        }
    };
    let tickets = state.store.list_tickets(current.agent.workspace_id, &filter, QUEUE_LIMIT).await?;
    let agents = agent_names(&state, current.agent.workspace_id).await?;
    Ok(ApiJson(tickets.iter().map(|ticket| convert::summary(ticket, &agents, now)).collect()))
}

async fn get_ticket(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
) -> Result<ApiJson<TicketDetail>, ApiError> {
    let ticket = ticket_of(&state, &current, number).await?;
    Ok(ApiJson(detail(&state, &ticket).await?))
}

async fn change_ticket(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<TicketChanges>,
) -> Result<ApiJson<TicketDetail>, ApiError> {
    let mut ticket = ticket_of(&state, &current, number).await?;
    let mut changes = Vec::new();
    if let Some(ticket_type) = body.ticket_type {
        changes.push(Change::Type(ticket_type));
    }
    if let Some(priority) = body.priority {
        changes.push(Change::Priority(priority));
    }
    if let Some(assignee) = body.assignee_id {
        changes.push(Change::Assignee(assignee));
    }
    if let Some(team) = body.team {
        changes.push(Change::Team(team));
    }
    if let Some(tags) = body.tags {
        let mut form = Form::default();
        form.tags("tags", &tags);
        form.finish()?;
        changes.push(Change::Tags(tags));
    }
    // Status last, so a ticket resolved in the same request is resolved with its final
    // fields.
    if let Some(status) = body.status {
        changes.push(Change::Status(status));
    }
    for change in changes {
        let changed = state.desk.change(&ticket, Actor::Agent(current.agent.id), change).await?;
        ticket = changed.ticket;
    }
    Ok(ApiJson(detail(&state, &ticket).await?))
}

async fn reply_to_ticket(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<TicketText>,
) -> Result<(StatusCode, ApiJson<TicketDetail>), ApiError> {
    respond(state, current, number, body, false).await
}

async fn request_info(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<TicketText>,
) -> Result<(StatusCode, ApiJson<TicketDetail>), ApiError> {
    respond(state, current, number, body, true).await
}

async fn respond(
    state: AppState,
    current: CurrentAgent,
    number: i64,
    body: TicketText,
    then_pending: bool,
) -> Result<(StatusCode, ApiJson<TicketDetail>), ApiError> {
    let mut form = Form::default();
    let text = form.required("body", &body.body, MAX_TEXT_CHARS, "missing-reply");
    form.finish()?;
    let most = state.config.limits.files_per_message;
    if body.attachments.len() > most {
        return Err(ApiError::FieldRefused {
            field: "attachments",
            message: say_with("reply-files-too-many", &[("max", most.into())]),
        });
    }
    let ticket = ticket_of(&state, &current, number).await?;
    let uploads = state.store.pending_uploads(Uploader::Agent(current.agent.id), &body.attachments).await?;
    if uploads.len() != body.attachments.len() {
        return Err(ApiError::FieldRefused { field: "attachments", message: say("file-gone-upload") });
    }
    let added = state.desk.reply(&ticket, current.agent.id, &current.agent.name, text, then_pending, uploads).await?;
    Ok((StatusCode::CREATED, ApiJson(detail(&state, &added.ticket).await?)))
}

async fn add_note(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<TicketText>,
) -> Result<(StatusCode, ApiJson<TicketDetail>), ApiError> {
    let mut form = Form::default();
    let text = form.required("body", &body.body, MAX_TEXT_CHARS, "missing-note");
    form.finish()?;
    if !body.attachments.is_empty() {
        return Err(ApiError::FieldRefused { field: "attachments", message: say("notes-no-files") });
    }
    let ticket = ticket_of(&state, &current, number).await?;
    let added = state.desk.note(&ticket, current.agent.id, text).await?;
    Ok((StatusCode::CREATED, ApiJson(detail(&state, &added.ticket).await?)))
}

async fn set_details(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<TicketDetails>,
) -> Result<ApiJson<TicketDetail>, ApiError> {
    let mut form = Form::default();
    form.details(&body);
    form.finish()?;
    let ticket = ticket_of(&state, &current, number).await?;
    let details = convert::details_in(&body);
    let recorded = state.desk.set_details(&ticket, Actor::Agent(current.agent.id), &details).await?;
    Ok(ApiJson(detail(&state, &recorded.ticket).await?))
}

async fn escalate_chat(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<EscalateChat>,
) -> Result<(StatusCode, ApiJson<TicketDetail>), ApiError> {
    let mut form = Form::default();
    let subject = form.required("subject", &body.subject, MAX_SUBJECT_CHARS, "missing-ticket-subject");
    let email =
        body.email.as_deref().map(str::trim).filter(|email| !email.is_empty()).map(|email| form.email("email", email));
    let name = form.label("name", body.name.as_deref());
    form.finish()?;
    let conversation = conversation_of(&state, &current, id).await?;
    if let Some(existing) = state.store.open_ticket_of_conversation(conversation.id).await? {
        let number = existing.number.to_string();
        return Err(ApiError::Conflict(say_with("chat-already-ticket", &[("number", (&number).into())])));
    }
    let escalation = Escalation { subject, ticket_type: body.ticket_type, priority: body.priority, email, name };
    let ticket = state.desk.escalate_chat(&state.hub, &conversation, current.agent.id, escalation).await?;
    Ok((StatusCode::CREATED, ApiJson(detail(&state, &ticket).await?)))
}

async fn end_chat(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    let conversation = conversation_of(&state, &current, id).await?;
    state.desk.end_chat(&state.hub, &conversation).await?;
    // An ended chat needs nothing more from the team until the visitor writes again.
    state.queue.set_status(&conversation, current.agent.id, ConversationStatus::Resolved, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn list_ratings(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<Vec<RatingRow>>, ApiError> {
    let ratings = state.store.ratings(current.agent.workspace_id, 200).await?;
    Ok(ApiJson(
        ratings
            .into_iter()
            .map(|rating| RatingRow {
                rating: u8::try_from(rating.rating).unwrap_or(0),
                comment: rating.comment,
                rated_at: rating.rated_at,
                ticket_number: rating.ticket_number,
                conversation_id: rating.conversation_id,
            })
            .collect(),
    ))
}

/// The agent's workspace's ticket with this number; another workspace's is not found.
pub(super) async fn ticket_of(state: &AppState, current: &CurrentAgent, number: i64) -> Result<TicketRecord, ApiError> {
    state.store.ticket_by_number(current.agent.workspace_id, number).await?.ok_or(ApiError::NotFound("ticket"))
}

async fn agent_names(state: &AppState, workspace_id: i64) -> Result<AgentNames, ApiError> {
    Ok(state.store.agent_names(workspace_id).await?.into_iter().map(|agent| (agent.id, agent.name)).collect())
}

/// A ticket with its thread, history, transcript, context and details.
pub async fn detail(state: &AppState, ticket: &TicketRecord) -> Result<TicketDetail, ApiError> {
    let agents = agent_names(state, ticket.workspace_id).await?;
    let events = state.store.ticket_events(ticket.id).await?;
    let originals = state.store.received_mail_of(ticket.id).await?;
    let sent_files = state.store.sent_files_of(ticket.id).await?;
    let followers = state.store.ticket_followers(ticket.id).await?;
    let transcript = match ticket.conversation_id {
        Some(conversation_id) => state
            .store
            .messages_between(conversation_id, 0, i64::MAX, TRANSCRIPT_LIMIT)
            .await?
            .into_iter()
            .map(wire::message)
            .collect(),
        None => Vec::new(),
    };
    let details = convert::details(&ticket.details);
    let verified_user_id = match ticket.visitor_id {
        Some(visitor_id) => state.store.visitor(visitor_id).await?.and_then(|visitor| visitor.verified_user_id),
        None => None,
    };
    Ok(TicketDetail {
        ticket: convert::summary(ticket, &agents, state.clock.now()),
        context: convert::context(&ticket.context),
        missing_details: convert::missing_details(&details),
        details,
        events: events
            .iter()
            .map(|event| {
                let original = originals
                    .binary_search_by_key(&event.seq, |(seq, _)| *seq)
                    .ok()
                    .map(|index| originals[index].1.clone());
                let has_original = original.is_some();
                let attachments = original.unwrap_or_else(|| {
                    sent_files.iter().filter(|(seq, _)| *seq == event.seq).map(|(_, file)| file.clone()).collect()
                });
                protocol::tickets::TicketEvent { has_original, attachments, ..convert::event(event, ticket, &agents) }
            })
            .collect(),
        transcript,
        conversation_id: ticket.conversation_id,
        satisfaction: ticket.rating.zip(ticket.rated_at).map(|(rating, rated_at)| protocol::tickets::Satisfaction {
            rating: u8::try_from(rating).unwrap_or(0),
            comment: ticket.rating_comment.clone(),
            rated_at,
        }),
        needs_email: ticket.requester_email.is_empty() && ticket.status != TicketStatus::Closed,
        address_verified: !ticket.requester_email.is_empty()
            && state.store.address_verified(ticket.workspace_id, &ticket.requester_email).await?,
        verified_user_id,
        followers: followers
            .into_iter()
            .map(|follower| protocol::tickets::Follower { email: follower.email, name: follower.name })
            .collect(),
    })
}
