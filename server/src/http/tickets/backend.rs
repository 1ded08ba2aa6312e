//! Host backends create tickets for their users with an API key, so a partner never has
//! to send its users to support directly.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use protocol::tickets::{BackendTicketInput, TicketPriority, TicketSource, TicketSummary, TicketType};

use super::convert;
use super::validate::{Form, MAX_SUBJECT_CHARS, MAX_TEXT_CHARS};
use crate::auth::token::hash_token;
use crate::auth::visitor::bearer_token;
use crate::error::ApiError;
use crate::http::extract::ApiJson;
use crate::state::AppState;
use crate::store::{Actor, ApiKeyRecord, VerifiedBy};
use crate::tickets::Request;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/backend/tickets", post(create_ticket))
}

async fn create_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<BackendTicketInput>,
) -> Result<(StatusCode, ApiJson<TicketSummary>), ApiError> {
    let key = api_key(&state, &headers).await?;
    // The same rules as the console and the messenger, field by field.
    let mut form = Form::default();
    let requester = form.requester("requester", &body.requester);
    let subject = form.required("subject", &body.subject, MAX_SUBJECT_CHARS, "missing-subject");
    let description = form.required("description", &body.description, MAX_TEXT_CHARS, "missing-description");
    form.tags("tags", &body.tags);
    form.details(&body.details);
    form.context("context", &body.context);
    form.finish()?;
    let context = convert::context_in(&body.context);
    let details = convert::details_in(&body.details);
    // The host's backend, holding the workspace's API key, vouches for its user's
    // address as a verified identity would.
    state.desk.vouch_for_address(key.workspace_id, requester.email, VerifiedBy::HostApi).await?;
    let ticket = state
        .desk
        .open(Request {
            workspace_id: key.workspace_id,
            subject,
            description: Some(description),
            message_id: None,
            requester_email: requester.email,
            requester_name: requester.name,
            requester_user_id: requester.user_id,
            requester_company_id: requester.company_id,
            ticket_type: body.ticket_type.unwrap_or(TicketType::Question),
            priority: body.priority.unwrap_or(TicketPriority::Medium),
            tags: &body.tags,
            source: TicketSource::Api,
            conversation_id: None,
            visitor_id: None,
            context: &context,
            details: &details,
            created_by: Actor::System,
            acknowledge: true,
            notice: None,
            received: None,
            followers: &[],
            attachments: None,
        })
        .await?;
    Ok((StatusCode::CREATED, ApiJson(convert::summary(&ticket, &Default::default(), state.clock.now()))))
}

/// The API key in `Authorization: Bearer …`.
pub(in crate::http) async fn api_key(state: &AppState, headers: &HeaderMap) -> Result<ApiKeyRecord, ApiError> {
    let key = bearer_token(headers).ok_or(ApiError::Unauthorized)?;
    state.store.api_key_by_hash(&hash_token(key)).await?.ok_or(ApiError::Unauthorized)
}
