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
use super::pages::{escape, link_page};
use super::tickets::validate;
use crate::auth::CurrentAgent;
use crate::auth::password::{MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS};
use crate::auth::token::{hash_token, looks_like_token, random_token};
use crate::error::ApiError;
use crate::language::say_with;
use crate::mail::outbox::prepare;
use crate::mail::{Mailbox, OutgoingMail, message_id};
use crate::state::AppState;
use crate::store::{AcceptError, InviteRecord, NewInvite};
use crate::tickets::words::Words;

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
        form.refuse_with("name", "team-name", &[("max", MAX_NAME_CHARS.into())]);
    }
    form.finish()?;
    let workspace_id = current.agent.workspace_id;
    let now = state.clock.now();
    if state.store.agent_by_email(&email).await?.is_some() {
        return Err(ApiError::Conflict(say_with("already-agent", &[("email", (&email).into())])));
    }
    let pending = state.store.pending_invites(workspace_id, now).await?;
    if pending.len() >= MAX_PENDING {
        return Err(ApiError::Conflict(say_with("invitations-waiting", &[("count", MAX_PENDING.into())])));
    }
    let token = random_token();
    let workspace = state.store.workspace(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    let mailer = &state.desk.mailer;
    let link = format!("{}/invite/{token}", mailer.public_url);
    // In the inviting admin's language: the team's, most likely.
    let words = Words::in_language(crate::language::current());
    let role = match body.role {
        Role::Admin => "admin",
        Role::Agent => "agent",
    };
    let letter = OutgoingMail {
        from: mailer.from.clone(),
        to: Mailbox::new(name, &email),
        cc: Vec::new(),
        reply_to: None,
        subject: words.text_with(
            "invite-subject",
            &[("inviter", current.agent.name.as_str().into()), ("workspace", workspace.name.as_str().into())],
        ),
        text: format!(
            "{}\n\n{}\n\n{}\n{link}\n",
            words.text_with("invite-hello", &[("name", name.into())]),
            words.text_with(
                "invite-text",
                &[
                    ("inviter", current.agent.name.as_str().into()),
                    ("workspace", workspace.name.as_str().into()),
                    ("role", role.into()),
                ],
            ),
            words.text_with("invite-link", &[("days", INVITE_DAYS.into())]),
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
        message: say_with("mail-address-refused", &[("error", error.to_string().as_str().into())]),
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
    let words = page_words();
    let Some(invite) = open(&state, &token).await? else {
        return Ok(spent(&words));
    };
    Ok(page(&words, StatusCode::OK, &form_page(&words, &invite, &token, None)))
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
    let words = page_words();
    let Some(invite) = open(&state, &token).await? else {
        return Ok(spent(&words));
    };
    let refusal = if form.password.chars().count() < MIN_PASSWORD_CHARS {
        Some(words.text_with("invite-page-short", &[("min", MIN_PASSWORD_CHARS.into())]))
    } else if form.password.len() > MAX_PASSWORD_BYTES {
        Some(words.text("invite-page-long"))
    } else if form.password != form.confirm {
        Some(words.text("invite-page-differ"))
    } else {
        None
    };
    if let Some(refusal) = refusal {
        return Ok(page(&words, StatusCode::BAD_REQUEST, &form_page(&words, &invite, &token, Some(&refusal))));
    }
    let hash = crate::auth::password::hash_password(form.password).await?;
    let sign_in = format!("<p><a href=\"/console\">{}</a></p>", escape(&words.text("invite-page-sign-in")));
    match state.store.accept_invite(&hash_token(&token), &hash, state.clock.now()).await {
        Ok(_) => Ok(page(
            &words,
            StatusCode::OK,
            &format!(
                "<h1>{}</h1><p role=\"status\">{}</p>{sign_in}",
                escape(&words.text("invite-page-welcome")),
                escape(&words.text("invite-page-ready")),
            ),
        )),
        Err(AcceptError::Spent) => Ok(spent(&words)),
        Err(AcceptError::Taken) => Ok(page(
            &words,
            StatusCode::CONFLICT,
            &format!("<h1>{}</h1>{sign_in}", escape(&words.text("invite-page-has-account"))),
        )),
        Err(AcceptError::Database(error)) => Err(error.into()),
    }
}

/// The invitation pages speak the language the browser asks for (`crate::language`).
fn page_words() -> Words {
    Words::in_language(crate::language::current())
}

fn spent(words: &Words) -> Response {
    let main = format!(
        "<h1>{}</h1><p>{}</p>",
        escape(&words.text("invite-page-spent-heading")),
        escape(&words.text("invite-page-spent")),
    );
    page(words, StatusCode::GONE, &main)
}

async fn open(state: &AppState, token: &str) -> Result<Option<InviteRecord>, ApiError> {
    if !looks_like_token(token) {
        return Ok(None);
    }
    Ok(state.store.open_invite(&hash_token(token), state.clock.now()).await?)
}

fn form_page(words: &Words, invite: &InviteRecord, token: &str, error: Option<&str>) -> String {
    let error = error.map(|error| format!("<p role=\"alert\">{}</p>", escape(error))).unwrap_or_default();
    format!(
        "<h1>{heading}</h1><p>{choose}</p>{error}\
         <form method=\"post\" action=\"/invite/{token}\">\
         <p><label>{password} <input type=\"password\" name=\"password\" autocomplete=\"new-password\" required></label></p>\
         <p><label>{again} <input type=\"password\" name=\"confirm\" autocomplete=\"new-password\" required></label></p>\
         <p><button type=\"submit\">{create}</button></p></form>",
        heading = escape(&words.text("invite-page-heading")),
        choose = escape(&words.text_with("invite-page-for", &[("email", invite.email.as_str().into())])),
        password = escape(&words.text("invite-page-password")),
        again = escape(&words.text("invite-page-again")),
        create = escape(&words.text("invite-page-create")),
        token = escape(token),
    )
}

fn page(words: &Words, status: StatusCode, main: &str) -> Response {
    link_page(words.locale(), status, &words.text("invite-page-title"), main)
}
