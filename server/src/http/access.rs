//! Support access over HTTP: the messenger's grants (the verified visitor grants, lists
//! and revokes), the host backend's side (its users' grants, grant tokens, and the
//! actions taken under a grant), and the console's audit log with its CSV export.

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use protocol::access::{
    AccessRequest, ActionInput, ActorKind, AuditEntry, AuditQuery, Grant, GrantInput, GrantToken, MyAccess,
    RequestAnswer, RequestInput, TokenInput,
};
use protocol::api::Role;
use serde::Deserialize;

use crate::access::{self, AccessError, MAX_ACTIONS_PER_GRANT, Services};
use crate::auth::CurrentAgent;
use crate::chat::announce::post_system_message;
use crate::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery};
use crate::http::help::visitor;
use crate::http::tickets::backend::api_key;
use crate::language::{say, say_with};
use crate::reports::csv::Csv;
use crate::state::AppState;
use crate::store::NewAudit;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/widget/access", get(my_access).post(grant))
        .route("/api/v1/widget/access/{id}", delete(revoke))
        .route("/api/v1/widget/access/requests/{id}", post(answer_request))
        .route("/api/v1/conversations/{id}/access", get(conversation_access))
        .route("/api/v1/conversations/{id}/access-request", post(request_access))
        .route("/api/v1/tickets/{number}/access-request", post(request_access_for_ticket))
        .route("/api/v1/backend/access/grants", get(user_grants))
        .route("/api/v1/backend/access/grants/{id}/token", post(grant_token))
        .route("/api/v1/backend/access/actions", post(record_action))
        .route("/api/v1/audit", get(audit_log))
        .route("/api/v1/audit.csv", get(audit_csv))
}

/// Actions the messenger lists, newest first.
const MY_ACTIONS: i64 = 50;
/// Entries one page of the console's log holds.
const AUDIT_PAGE: i64 = 200;
/// Entries a CSV export holds at most.
const AUDIT_EXPORT: i64 = 50_000;
/// Longest host user id accepted, as identity proofs allow.
const MAX_USER_ID_CHARS: usize = protocol::limits::MAX_IDENTITY_CHARS;
/// Longest description of an action, and of who took it.
const MAX_ACTION_CHARS: usize = 500;
const MAX_AGENT_CHARS: usize = 120;
/// Longest before or after summary.
const MAX_STATE_CHARS: usize = 2_000;

impl From<AccessError> for ApiError {
    /// The refusals in the request's language; `AccessError`'s own words stay English
    /// for logs.
    fn from(error: AccessError) -> Self {
        match error {
            AccessError::NotVerified => ApiError::Forbidden(
                "support access needs a verified account: sign in to the app you are using, then try again",
            ),
            AccessError::BadDuration => ApiError::FieldRefused { field: "hours", message: say("access-duration") },
            AccessError::AlreadyGranted(until) => {
                ApiError::Conflict(say_with("access-already-granted", &[("until", (&until).into())]))
            }
            AccessError::NotFound => ApiError::NotFound("grant"),
            AccessError::RequestNotFound => ApiError::NotFound("access request"),
            AccessError::VisitorNotVerified => ApiError::Conflict(say("access-visitor-not-verified")),
            AccessError::AlreadyRequested => ApiError::Conflict(say("access-already-requested")),
            AccessError::Internal(error) => ApiError::Internal(error),
        }
    }
}

async fn my_access(State(state): State<AppState>, headers: HeaderMap) -> Result<ApiJson<MyAccess>, ApiError> {
    let current = visitor(&state, &headers).await?;
    Ok(ApiJson(access_of(&state, &current.visitor).await?))
}

/// What the console shows of a chat's visitor: their active grant, the request
/// waiting for their answer, and what support did under their grants.
async fn conversation_access(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<MyAccess>, ApiError> {
    let conversation = state
        .store
        .conversation(id)
        .await?
        .filter(|conversation| conversation.workspace_id == current.agent.workspace_id)
        .ok_or(ApiError::NotFound("conversation"))?;
    let visitor = state.store.visitor(conversation.visitor_id).await?.ok_or(ApiError::NotFound("conversation"))?;
    Ok(ApiJson(access_of(&state, &visitor).await?))
}

/// A visitor's support access: nothing unless they are verified as a host user.
async fn access_of(state: &AppState, visitor: &crate::store::VisitorRecord) -> Result<MyAccess, ApiError> {
    let Some(user_id) = visitor.verified_user_id.as_deref() else {
        return Ok(MyAccess { verified: false, grants: Vec::new(), requests: Vec::new(), actions: Vec::new() });
    };
    let now = state.clock.now();
    let grants = state.store.active_grants(visitor.workspace_id, user_id, now).await?;
    let query = AuditQuery {
        action: Some("access.action".to_owned()),
        user_id: Some(user_id.to_owned()),
        ..AuditQuery::default()
    };
    let actions = state.store.audit_entries(visitor.workspace_id, &query, MY_ACTIONS).await?;
    let since = now.saturating_sub(access::REQUEST_TTL_MS);
    let requests = state.store.open_requests(visitor.workspace_id, user_id, since).await?;
    Ok(MyAccess {
        verified: true,
        grants: grants.iter().map(|grant| grant.to_wire(now)).collect(),
        requests: requests.iter().map(crate::store::RequestRecord::to_wire).collect(),
        actions,
    })
}

async fn answer_request(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RequestAnswer>,
) -> Result<ApiJson<MyAccess>, ApiError> {
    let current = visitor(&state, &headers).await?;
    access::answer_request(Services::of(&state), &current.visitor, id, body.approve).await?;
    my_access(State(state), headers).await
}

/// An agent asks a ticket's requester for access: the messenger lists the request.
async fn request_access_for_ticket(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(number): ApiPath<i64>,
    ApiJson(body): ApiJson<RequestInput>,
) -> Result<(StatusCode, ApiJson<AccessRequest>), ApiError> {
    let workspace_id = current.agent.workspace_id;
    let ticket = state.store.ticket_by_number(workspace_id, number).await?.ok_or(ApiError::NotFound("ticket"))?;
    // Only a requester the messenger knows, verified by the host, can be asked.
    let visitor = match ticket.visitor_id {
        Some(visitor_id) => state.store.visitor(visitor_id).await?,
        None => None,
    };
    let Some(visitor) = visitor else {
        return Err(AccessError::VisitorNotVerified.into());
    };
    let request = access::request(Services::of(&state), &visitor, &current.agent, None, body.level, body.hours).await?;
    Ok((StatusCode::CREATED, ApiJson(request.to_wire())))
}

/// An agent asks the chat's verified visitor for access; the chat says so.
async fn request_access(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<RequestInput>,
) -> Result<(StatusCode, ApiJson<AccessRequest>), ApiError> {
    let conversation = state
        .store
        .conversation(id)
        .await?
        .filter(|conversation| conversation.workspace_id == current.agent.workspace_id)
        .ok_or(ApiError::NotFound("conversation"))?;
    let visitor = state.store.visitor(conversation.visitor_id).await?.ok_or(ApiError::NotFound("conversation"))?;
    let request =
        access::request(Services::of(&state), &visitor, &current.agent, Some(conversation.id), body.level, body.hours)
            .await?;
    let client_id = format!("access-request-{}", request.id);
    let words = access::request_words(&request);
    post_system_message(&state.store, &state.hub, conversation.id, &client_id, &words, state.clock.now()).await?;
    Ok((StatusCode::CREATED, ApiJson(request.to_wire())))
}

async fn grant(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<GrantInput>,
) -> Result<(StatusCode, ApiJson<Grant>), ApiError> {
    let current = visitor(&state, &headers).await?;
    let grant = access::grant(Services::of(&state), &current.visitor, body.level, body.hours).await?;
    Ok((StatusCode::CREATED, ApiJson(grant.to_wire(state.clock.now()))))
}

async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<Grant>, ApiError> {
    let current = visitor(&state, &headers).await?;
    let grant = access::revoke(Services::of(&state), &current.visitor, id).await?;
    Ok(ApiJson(grant.to_wire(state.clock.now())))
}

#[derive(Debug, Deserialize)]
struct UserQuery {
    user_id: String,
}

async fn user_grants(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiQuery(query): ApiQuery<UserQuery>,
) -> Result<ApiJson<Vec<Grant>>, ApiError> {
    let key = api_key(&state, &headers).await?;
    let user_id = one_line("user_id", &query.user_id, MAX_USER_ID_CHARS)?;
    let now = state.clock.now();
    let grants = state.store.active_grants(key.workspace_id, user_id, now).await?;
    Ok(ApiJson(grants.iter().map(|grant| grant.to_wire(now)).collect()))
}

async fn grant_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<TokenInput>,
) -> Result<ApiJson<GrantToken>, ApiError> {
    let key = api_key(&state, &headers).await?;
    let agent = one_line("agent", &body.agent, MAX_AGENT_CHARS)?;
    let now = state.clock.now();
    let grant = state.store.grant(key.workspace_id, id).await?.ok_or(ApiError::NotFound("grant"))?;
    if !grant.is_active(now) {
        return Err(ApiError::Conflict(say("grant-inactive")));
    }
    let workspace = state.store.workspace(key.workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    let identity = state
        .store
        .identity_settings(key.workspace_id, crate::identity::new_secret)
        .await?
        .ok_or(ApiError::NotFound("workspace"))?;
    let (token, expires_at) = access::token::sign(&identity.secret, &workspace.app_id, &grant, agent, now)?;
    Ok(ApiJson(GrantToken { token, expires_at }))
}

async fn record_action(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<ActionInput>,
) -> Result<(StatusCode, ApiJson<AuditEntry>), ApiError> {
    let key = api_key(&state, &headers).await?;
    let action = one_line("action", &body.action, MAX_ACTION_CHARS)?;
    let agent = one_line("agent", &body.agent, MAX_AGENT_CHARS)?;
    let before = body.before.as_deref().map(|text| text_field("before", text, MAX_STATE_CHARS)).transpose()?;
    let after = body.after.as_deref().map(|text| text_field("after", text, MAX_STATE_CHARS)).transpose()?;
    let now = state.clock.now();
    let grant = state
        .store
        .grant(key.workspace_id, body.grant_id)
        .await?
        .ok_or_else(|| ApiError::FieldRefused { field: "grant_id", message: say("no-such-grant") })?;
    if !grant.is_active(now) {
        return Err(ApiError::Conflict(say("grant-inactive-action")));
    }
    if state.store.actions_under(grant.id).await? >= MAX_ACTIONS_PER_GRANT {
        return Err(ApiError::Conflict(say_with("grant-actions-full", &[("max", MAX_ACTIONS_PER_GRANT.into())])));
    }
    let entry = NewAudit {
        workspace_id: key.workspace_id,
        actor_kind: ActorKind::Host,
        actor: agent,
        action: "access.action",
        user_id: Some(&grant.user_id),
        grant_id: Some(grant.id),
        summary: action,
        before,
        after,
    };
    let id = state.store.audit(&entry, now).await?;
    Services::of(&state).announce(key.workspace_id, &grant.user_id).await;
    let entry = AuditEntry {
        id,
        at: now,
        actor_kind: ActorKind::Host,
        actor: agent.to_owned(),
        action: "access.action".to_owned(),
        user_id: Some(grant.user_id.clone()),
        grant_id: Some(grant.id),
        summary: action.to_owned(),
        before: before.map(str::to_owned),
        after: after.map(str::to_owned),
    };
    Ok((StatusCode::CREATED, ApiJson(entry)))
}

async fn audit_log(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<ApiJson<Vec<AuditEntry>>, ApiError> {
    admin(&current)?;
    check_query(&query)?;
    Ok(ApiJson(state.store.audit_entries(current.agent.workspace_id, &query, AUDIT_PAGE).await?))
}

async fn audit_csv(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(query): ApiQuery<AuditQuery>,
) -> Result<Response, ApiError> {
    admin(&current)?;
    check_query(&query)?;
    let entries = state.store.audit_entries(current.agent.workspace_id, &query, AUDIT_EXPORT).await?;
    let mut csv = Csv::default();
    csv.row(["Id", "Time (UTC)", "Actor kind", "Actor", "Action", "User", "Grant", "Summary", "Before", "After"]);
    for entry in &entries {
        csv.row([
            entry.id.to_string(),
            jiff::Timestamp::from_millisecond(entry.at).map(|at| at.to_string()).unwrap_or_default(),
            entry.actor_kind.as_str().to_owned(),
            entry.actor.clone(),
            entry.action.clone(),
            entry.user_id.clone().unwrap_or_default(),
            entry.grant_id.map(|id| id.to_string()).unwrap_or_default(),
            entry.summary.clone(),
            entry.before.clone().unwrap_or_default(),
            entry.after.clone().unwrap_or_default(),
        ]);
    }
    let headers = [
        (CONTENT_TYPE, "text/csv; charset=utf-8"),
        (CONTENT_DISPOSITION, "attachment; filename=\"helpline-audit-log.csv\""),
        (CACHE_CONTROL, "no-store"),
    ];
    Ok((headers, csv.into_string()).into_response())
}

/// Records an admin's change to the workspace in the audit log.
pub(in crate::http) async fn admin_did(
    state: &AppState,
    current: &CurrentAgent,
    action: &str,
    summary: &str,
    before: Option<&str>,
    after: Option<&str>,
) -> Result<(), ApiError> {
    let entry = NewAudit {
        workspace_id: current.agent.workspace_id,
        actor_kind: ActorKind::Agent,
        actor: &current.agent.name,
        action,
        user_id: None,
        grant_id: None,
        summary,
        before,
        after,
    };
    state.store.audit(&entry, state.clock.now()).await?;
    Ok(())
}

fn admin(current: &CurrentAgent) -> Result<(), ApiError> {
    if current.agent.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::Forbidden("only admins can read the audit log"))
    }
}

fn check_query(query: &AuditQuery) -> Result<(), ApiError> {
    if let Some(action) = &query.action {
        one_line("action", action, 64)?;
    }
    if let Some(user_id) = &query.user_id {
        one_line("user_id", user_id, MAX_USER_ID_CHARS)?;
    }
    Ok(())
}

/// A required single line of printable text, at most `max` characters, trimmed.
fn one_line<'a>(field: &'static str, value: &'a str, max: usize) -> Result<&'a str, ApiError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ApiError::FieldRefused { field, message: say("field-empty") });
    }
    if value.chars().any(char::is_control) {
        return Err(ApiError::FieldRefused { field, message: say("one-line-text") });
    }
    text_field(field, value, max)
}

/// Text of at most `max` characters.
fn text_field<'a>(field: &'static str, value: &'a str, max: usize) -> Result<&'a str, ApiError> {
    if value.chars().count() > max {
        return Err(ApiError::FieldRefused { field, message: say_with("at-most-chars", &[("max", max.into())]) });
    }
    Ok(value)
}
