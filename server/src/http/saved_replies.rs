//! Saved replies over HTTP: every agent of a workspace lists them (the composers
//! offer them after `/`); admins create, change and delete them, since what they say
//! goes to customers in every agent's name. Bodies are checked against the template
//! language of `protocol::template` when saved, so a reply never names a variable the
//! console cannot fill in.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use protocol::api::Role;
use protocol::replies::{
    self, MAX_BODY_CHARS, MAX_SHORTCUT_CHARS, MAX_TITLE_CHARS, SavedReply, SavedReplyInput, ShortcutProblem,
};
use protocol::template::{self, MAX_FALLBACK_CHARS, TemplateError, Variable};

use super::extract::{ApiJson, ApiPath};
use super::tickets::Form;
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::language::say_with;
use crate::state::AppState;
use crate::store::{SavedReplyError, SavedReplyFields};
use crate::wire;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/saved-replies", get(list_saved_replies).post(create_saved_reply))
        .route("/api/v1/saved-replies/{id}", get(get_saved_reply).put(update_saved_reply).delete(delete_saved_reply))
}

async fn list_saved_replies(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<Vec<SavedReply>>, ApiError> {
    let replies = state.store.saved_replies(current.agent.workspace_id).await?;
    Ok(ApiJson(replies.into_iter().map(wire::saved_reply).collect()))
}

async fn get_saved_reply(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<ApiJson<SavedReply>, ApiError> {
    let reply = state.store.saved_reply(current.agent.workspace_id, id).await?.ok_or(NOT_FOUND)?;
    Ok(ApiJson(wire::saved_reply(reply)))
}

async fn create_saved_reply(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(input): ApiJson<SavedReplyInput>,
) -> Result<(StatusCode, ApiJson<SavedReply>), ApiError> {
    admin(&current, "only admins can add saved replies")?;
    let fields = validate(&input)?;
    let workspace_id = current.agent.workspace_id;
    let max = i64::from(state.config.limits.saved_replies_per_workspace);
    let reply = state
        .store
        .create_saved_reply(workspace_id, fields, current.agent.id, max, state.clock.now())
        .await
        .map_err(|error| refusal(error, &fields, max))?;
    tracing::info!(workspace_id, saved_reply_id = reply.id, "saved reply created");
    Ok((StatusCode::CREATED, ApiJson(wire::saved_reply(reply))))
}

async fn update_saved_reply(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
    ApiJson(input): ApiJson<SavedReplyInput>,
) -> Result<ApiJson<SavedReply>, ApiError> {
    admin(&current, "only admins can change saved replies")?;
    let fields = validate(&input)?;
    let workspace_id = current.agent.workspace_id;
    let reply = state
        .store
        .update_saved_reply(workspace_id, id, fields, state.clock.now())
        .await
        .map_err(|error| refusal(error, &fields, 0))?;
    tracing::info!(workspace_id, saved_reply_id = id, "saved reply changed");
    Ok(ApiJson(wire::saved_reply(reply)))
}

async fn delete_saved_reply(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    admin(&current, "only admins can delete saved replies")?;
    let workspace_id = current.agent.workspace_id;
    if !state.store.delete_saved_reply(workspace_id, id).await? {
        return Err(NOT_FOUND);
    }
    tracing::info!(workspace_id, saved_reply_id = id, "saved reply deleted");
    Ok(StatusCode::NO_CONTENT)
}

/// The same answer for a reply that never existed and one of another workspace.
const NOT_FOUND: ApiError = ApiError::NotFound("saved reply");

/// Checks every field and reports every refusal at once: the shortcut's form (a
/// leading `/` is allowed and dropped), a one-line title, and a body within the chat
/// limit whose variables all exist.
fn validate(input: &SavedReplyInput) -> Result<SavedReplyFields<'_>, ApiError> {
    let mut form = Form::default();
    let shortcut = input.shortcut.trim();
    let shortcut = shortcut.strip_prefix('/').unwrap_or(shortcut);
    match replies::shortcut_problem(shortcut) {
        None => {}
        Some(ShortcutProblem::Missing) => form.refuse("shortcut", "shortcut-missing"),
        Some(ShortcutProblem::TooLong) => {
            form.refuse_with("shortcut", "shortcut-too-long", &[("max", MAX_SHORTCUT_CHARS.into())])
        }
        Some(ShortcutProblem::Characters) => form.refuse("shortcut", "shortcut-characters"),
    }
    let title = form.required("title", &input.title, MAX_TITLE_CHARS, "missing-reply-title");
    if title.chars().any(char::is_control) {
        form.refuse("title", "title-one-line");
    }
    let body = form.required("body", &input.body, MAX_BODY_CHARS, "missing-reply-text");
    if body.chars().count() <= MAX_BODY_CHARS
        && let Err(error) = template::check(body)
    {
        refuse_template(&mut form, error);
    }
    form.finish()?;
    Ok(SavedReplyFields { shortcut, title, body })
}

/// Refuses the body for a variable it names wrongly, in the request's language.
fn refuse_template(form: &mut Form, error: TemplateError) {
    match error {
        TemplateError::Unclosed => form.refuse_with(
            "body",
            "template-unclosed",
            &[("open", "{{".into()), ("close", "}}".into()), ("example", "{{visitor.name}}".into())],
        ),
        TemplateError::Unknown(name) => {
            let known: Vec<String> = Variable::ALL.iter().map(|variable| variable.placeholder()).collect();
            let (variable, known) = (format!("{{{{{name}}}}}"), known.join(", "));
            form.refuse_with(
                "body",
                "template-unknown",
                &[("variable", variable.as_str().into()), ("known", known.as_str().into())],
            );
        }
        TemplateError::LongFallback(name) => {
            let variable = format!("{{{{{name}|…}}}}");
            form.refuse_with(
                "body",
                "template-long-fallback",
                &[("variable", variable.as_str().into()), ("max", MAX_FALLBACK_CHARS.into())],
            );
        }
    }
}

/// What the admin is told when the store did not write a reply.
fn refusal(error: SavedReplyError, fields: &SavedReplyFields<'_>, max: i64) -> ApiError {
    match error {
        SavedReplyError::ShortcutTaken => {
            ApiError::Conflict(say_with("shortcut-taken", &[("shortcut", fields.shortcut.into())]))
        }
        SavedReplyError::Full => ApiError::Conflict(say_with("saved-replies-full", &[("max", max.into())])),
        SavedReplyError::NotFound => NOT_FOUND,
        SavedReplyError::Database(error) => ApiError::Internal(error),
    }
}

fn admin(current: &CurrentAgent, why: &'static str) -> Result<(), ApiError> {
    if current.agent.role == Role::Admin { Ok(()) } else { Err(ApiError::Forbidden(why)) }
}
