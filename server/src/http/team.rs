//! The team: admins invite agents by email, and the invitation's one-time link opens a
//! page where the new agent sets a password. Opening the link (`GET`) only shows the
//! form, so mail scanners that follow links spend nothing; sending it (`POST`) creates
//! the agent and spends the invitation.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use protocol::api::Role;
use protocol::inbox::{Invite, NewInviteRequest};
use serde::Deserialize;

use super::extract::ApiJson;
use super::pages::{escape, with_csp};
use super::tickets::validate;
use crate::auth::CurrentAgent;
use crate::auth::token::{hash_token, looks_like_token, random_token};
use crate::error::ApiError;
use crate::mail::outbox::prepare;
use crate::mail::{Mailbox, OutgoingMail, message_id};
use crate::state::AppState;
use crate::store::{AcceptError, InviteRecord, NewInvite};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/agents/invites", get(list_invites).post(invite))
        .route("/invite/{token}", get(show_invite).post(accept_invite))
}

/// How long an invitation link works.
const INVITE_DAYS: i64 = 7;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Invitations a workspace may have waiting at once.
const MAX_PENDING: usize = 100;
/// Longest agent name.
const MAX_NAME_CHARS: usize = 100;

async fn list_invites(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<Vec<Invite>>, ApiError> {
    admin(&current)?;
    let invites = state.store.pending_invites(current.agent.workspace_id, state.clock.now()).await?;
    Ok(ApiJson(invites.iter().map(invite_of).collect()))
}

async fn invite(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<NewInviteRequest>,
) -> Result<(StatusCode, ApiJson<Invite>), ApiError> {
    admin(&current)?;
    let mut form = validate::Form::default();
    let email = form.email("email", &body.email).to_lowercase();
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
        form.refuse("name", &format!("enter a name of 1 to {MAX_NAME_CHARS} characters on one line"));
    }
    form.finish()?;
    let workspace_id = current.agent.workspace_id;
    let now = state.clock.now();
    if state.store.agent_by_email(&email).await?.is_some() {
        return Err(ApiError::Conflict(format!("{email} is already an agent")));
    }
    let pending = state.store.pending_invites(workspace_id, now).await?;
    if pending.len() >= MAX_PENDING {
        return Err(ApiError::Conflict(format!("{MAX_PENDING} invitations are waiting already")));
    }
    let token = random_token();
    let workspace = state.store.workspace(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    let mailer = &state.desk.mailer;
    let link = format!("{}/invite/{token}", mailer.public_url);
    let letter = OutgoingMail {
        from: mailer.from.clone(),
        to: Mailbox::new(name, &email),
        cc: Vec::new(),
        reply_to: None,
        subject: format!("{} invited you to answer {}'s support on Helpline", current.agent.name, workspace.name),
        text: format!(
            "Hello {name},\n\n{inviter} invited you to join {workspace} on Helpline as {role}.\n\n\
             Choose your password here (the link works once, for {INVITE_DAYS} days):\n{link}\n",
            inviter = current.agent.name,
            workspace = workspace.name,
            role = match body.role {
                Role::Admin => "an admin",
                Role::Agent => "an agent",
            },
        ),
        message_id: message_id(&mailer.domain, &format!("invite-{}", uuid::Uuid::new_v4().simple())),
        in_reply_to: None,
        references: Vec::new(),
        automatic: true,
        attachments: Vec::new(),
        date: now,
    };
    let mail = prepare(&letter, workspace_id, None, None).map_err(|error| ApiError::FieldRefused {
        field: "email",
        message: format!("mail cannot go to this address: {error}"),
    })?;
    let record = NewInvite {
        workspace_id,
        email: &email,
        name,
        role: body.role,
        token_hash: &hash_token(&token),
        invited_by: current.agent.id,
        expires_at: now + INVITE_DAYS * DAY_MS,
    };
    let id = state.store.create_invite(&record, &mail, now).await?;
    let expires_at = record.expires_at;
    state.outbox.poke();
    let stored = InviteRecord {
        id,
        workspace_id,
        email: email.clone(),
        name: name.to_owned(),
        role: match body.role {
            Role::Admin => "admin".into(),
            Role::Agent => "agent".into(),
        },
        created_at: now,
        expires_at,
        accepted_at: None,
    };
    Ok((StatusCode::CREATED, ApiJson(invite_of(&stored))))
}

fn invite_of(record: &InviteRecord) -> Invite {
    Invite {
        id: record.id,
        email: record.email.clone(),
        name: record.name.clone(),
        role: if record.role == "admin" { Role::Admin } else { Role::Agent },
        created_at: record.created_at,
        expires_at: record.expires_at,
    }
}

fn admin(current: &CurrentAgent) -> Result<(), ApiError> {
    match current.agent.role {
        Role::Admin => Ok(()),
        Role::Agent => Err(ApiError::Forbidden("only admins invite agents")),
    }
}

async fn show_invite(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, ApiError> {
    let Some(invite) = open(&state, &token).await? else {
        return Ok(page(StatusCode::GONE, SPENT));
    };
    Ok(page(StatusCode::OK, &form_page(&invite, &token, None)))
}

/// The password form's fields.
#[derive(Debug, Deserialize)]
struct PasswordForm {
    password: String,
    confirm: String,
}

async fn accept_invite(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, ApiError> {
    let Some(invite) = open(&state, &token).await? else {
        return Ok(page(StatusCode::GONE, SPENT));
    };
    if let Err(error) = crate::operator::check_password(&form.password) {
        return Ok(page(StatusCode::BAD_REQUEST, &form_page(&invite, &token, Some(&error.to_string()))));
    }
    if form.password != form.confirm {
        return Ok(page(StatusCode::BAD_REQUEST, &form_page(&invite, &token, Some("the two passwords differ"))));
    }
    let hash = crate::auth::password::hash_password(form.password).await?;
    match state.store.accept_invite(&hash_token(&token), &hash, state.clock.now()).await {
        Ok(_) => Ok(page(
            StatusCode::OK,
            "<h1>Welcome aboard</h1><p role=\"status\">Your account is ready.</p>\
             <p><a href=\"/console\">Sign in to the console</a></p>",
        )),
        Err(AcceptError::Spent) => Ok(page(StatusCode::GONE, SPENT)),
        Err(AcceptError::Taken) => Ok(page(
            StatusCode::CONFLICT,
            "<h1>You have an account already</h1><p><a href=\"/console\">Sign in to the console</a></p>",
        )),
        Err(AcceptError::Database(error)) => Err(error.into()),
    }
}

const SPENT: &str = "<h1>This invitation is not valid any more</h1>\
     <p>It was used already or has expired. Ask an admin of your team for a new one.</p>";

async fn open(state: &AppState, token: &str) -> Result<Option<InviteRecord>, ApiError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    Ok(state.store.open_invite(&hash_token(token), state.clock.now()).await?)
}

fn form_page(invite: &InviteRecord, token: &str, error: Option<&str>) -> String {
    let error = error.map(|error| format!("<p role=\"alert\">{}</p>", escape(error))).unwrap_or_default();
    format!(
        "<h1>Join your team on Helpline</h1>\
         <p>Choose a password for <strong>{email}</strong>.</p>{error}\
         <form method=\"post\" action=\"/invite/{token}\">\
         <p><label>Password <input type=\"password\" name=\"password\" autocomplete=\"new-password\" required></label></p>\
         <p><label>Password again <input type=\"password\" name=\"confirm\" autocomplete=\"new-password\" required></label></p>\
         <p><button type=\"submit\">Create my account</button></p></form>",
        email = escape(&invite.email),
        token = escape(token),
    )
}

fn page(status: StatusCode, main: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Join your team</title>\
         </head><body><main>{main}</main></body></html>\n"
    );
    let csp = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    let mut response = with_csp(body, csp);
    *response.status_mut() = status;
    response
}
