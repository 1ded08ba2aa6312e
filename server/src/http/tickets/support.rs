//! Admins' support settings: business hours, the pending-ticket timers and the daily cap
//! on "Email us" tickets, and the API keys host backends use.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{delete, get};
use i18n::Arg;
use protocol::api::Role;
use protocol::tickets::{ApiKey, NewApiKey, SupportSettings, TicketStatus};

use super::validate::{Form, MAX_SUBJECT_CHARS};
use crate::auth::CurrentAgent;
use crate::auth::token::{hash_token, random_token};
use crate::error::ApiError;
use crate::http::access::admin_did;
use crate::http::extract::{ApiJson, ApiPath};
use crate::state::AppState;
use crate::store::{SupportSettingsRecord, TicketFilter};
use crate::tickets::words::Words;
use crate::tickets::{BusinessHours, HoursError, HoursSettings};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/workspace/support", get(get_settings).put(put_settings))
        .route("/api/v1/workspace/api-keys", get(list_keys).post(create_key))
        .route("/api/v1/workspace/api-keys/{id}", delete(delete_key))
}

/// The longest a pending ticket may wait, in days.
const MAX_DAYS: u32 = 365;
/// The highest daily cap on "Email us" tickets a workspace may set.
const MAX_TICKETS_PER_DAY: u32 = 100_000;

async fn get_settings(
    State(state): State<AppState>,
    current: CurrentAgent,
) -> Result<ApiJson<SupportSettings>, ApiError> {
    let settings =
        state.store.support_settings(current.agent.workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    Ok(ApiJson(SupportSettings {
        time_zone: settings.hours.time_zone,
        weekly: settings.hours.weekly.to_vec(),
        holidays: settings.hours.holidays,
        reminder_days: u32::try_from(settings.reminder_days).unwrap_or(0),
        close_days: u32::try_from(settings.close_days).unwrap_or(0),
        tickets_per_day: settings.tickets_per_day.and_then(|cap| u32::try_from(cap).ok()),
        default_tickets_per_day: state.config.limits.tickets_per_workspace_per_day,
        notification_address: settings.notification_address,
    }))
}

async fn put_settings(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<SupportSettings>,
) -> Result<ApiJson<SupportSettings>, ApiError> {
    admin(&current, "only admins can change support hours")?;
    let mut form = Form::default();
    let weekly: [String; 7] = match body.weekly.clone().try_into() {
        Ok(weekly) => weekly,
        Err(_) => {
            form.refuse("weekly", "hours-weekly");
            Default::default()
        }
    };
    if !(1..=MAX_DAYS).contains(&body.reminder_days) {
        form.refuse("reminder_days", "reminder-days");
    }
    if body.close_days <= body.reminder_days || body.close_days > MAX_DAYS {
        form.refuse("close_days", "close-days");
    }
    if body.tickets_per_day.is_some_and(|cap| !(1..=MAX_TICKETS_PER_DAY).contains(&cap)) {
        form.refuse("tickets_per_day", "tickets-per-day");
    }
    let notification_address = body
        .notification_address
        .as_deref()
        .map(str::trim)
        .filter(|address| !address.is_empty())
        .map(|address| form.email("notification_address", address).to_lowercase());
    let hours = HoursSettings { time_zone: body.time_zone.trim().to_owned(), weekly, holidays: body.holidays.clone() };
    if let Err(error) = BusinessHours::from_settings(&hours) {
        let (id, args) = hours_refusal(&error);
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(name, value)| (*name, value.as_str().into())).collect();
        form.refuse_with(&hours_field(&error, &hours), id, &args);
    }
    form.finish()?;
    let record = SupportSettingsRecord {
        hours,
        reminder_days: i64::from(body.reminder_days),
        close_days: i64::from(body.close_days),
        tickets_per_day: body.tickets_per_day.map(i64::from),
        notification_address,
    };
    let workspace_id = current.agent.workspace_id;
    state.store.set_support_settings(workspace_id, &record).await?;
    // What the open tickets owe is now due by the new hours.
    let owing = TicketFilter { statuses: vec![TicketStatus::New, TicketStatus::Open], ..TicketFilter::default() };
    for ticket in state.store.list_tickets(workspace_id, &owing, i64::MAX).await? {
        state.desk.refresh_due(&ticket).await?;
    }
    tracing::info!(workspace_id, "support hours updated");
    admin_did(&state, &current, "workspace.support_settings", "Changed support hours and ticket settings", None, None)
        .await?;
    get_settings(State(state), current).await
}

/// The refusal of an hours error, and its words: the weekday by its name in the
/// request's language.
fn hours_refusal(error: &HoursError) -> (&'static str, Vec<(&'static str, String)>) {
    let day = |weekday: &jiff::civil::Weekday| {
        let words = Words::in_language(crate::language::current());
        ("day", words.text(&format!("weekday-{}", weekday.to_monday_one_offset())))
    };
    match error {
        HoursError::UnknownTimeZone { name } => ("hours-unknown-zone", vec![("name", name.clone())]),
        HoursError::MalformedOpening { weekday, text } => {
            ("hours-malformed", vec![day(weekday), ("text", text.clone())])
        }
        HoursError::InvalidTime { weekday, text } => ("hours-invalid-time", vec![day(weekday), ("text", text.clone())]),
        HoursError::Inverted { weekday, opening } => {
            ("hours-inverted", vec![day(weekday), ("opening", opening.clone())])
        }
        HoursError::Overlapping { weekday, first, second } => {
            ("hours-overlap", vec![day(weekday), ("first", first.clone()), ("second", second.clone())])
        }
        HoursError::NoOpeningHours => ("hours-none", Vec::new()),
        HoursError::MalformedHoliday { text } => ("hours-holiday", vec![("text", text.clone())]),
    }
}

/// The form field an hours error is about: `time_zone`, `weekly.N` or `holidays.N`.
fn hours_field(error: &HoursError, hours: &HoursSettings) -> String {
    let weekday = |weekday: jiff::civil::Weekday| format!("weekly.{}", weekday.to_monday_zero_offset());
    match error {
        HoursError::MalformedOpening { weekday: day, .. }
        | HoursError::InvalidTime { weekday: day, .. }
        | HoursError::Inverted { weekday: day, .. }
        | HoursError::Overlapping { weekday: day, .. } => weekday(*day),
        HoursError::MalformedHoliday { text } => {
            let index = hours.holidays.iter().position(|holiday| holiday == text).unwrap_or(0);
            format!("holidays.{index}")
        }
        HoursError::UnknownTimeZone { .. } => "time_zone".to_owned(),
        _ => "weekly".to_owned(),
    }
}

async fn list_keys(State(state): State<AppState>, current: CurrentAgent) -> Result<ApiJson<Vec<ApiKey>>, ApiError> {
    admin(&current, "only admins can see API keys")?;
    let keys = state.store.api_keys(current.agent.workspace_id).await?;
    Ok(ApiJson(
        keys.into_iter()
            .map(|key| ApiKey { id: key.id, name: key.name, key: None, created_at: key.created_at })
            .collect(),
    ))
}

async fn create_key(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiJson(body): ApiJson<NewApiKey>,
) -> Result<(StatusCode, ApiJson<ApiKey>), ApiError> {
    admin(&current, "only admins can create API keys")?;
    let mut form = Form::default();
    let name = form.required("name", &body.name, MAX_SUBJECT_CHARS, "missing-key-name");
    form.finish()?;
    let key = format!("hlk_{}", random_token());
    let record =
        state.store.create_api_key(current.agent.workspace_id, name, &hash_token(&key), state.clock.now()).await?;
    tracing::info!(workspace_id = current.agent.workspace_id, key_id = record.id, "api key created");
    let summary = format!("Created the API key \"{}\" (#{})", record.name, record.id);
    admin_did(&state, &current, "workspace.api_key_created", &summary, None, None).await?;
    Ok((
        StatusCode::CREATED,
        ApiJson(ApiKey { id: record.id, name: record.name, key: Some(key), created_at: record.created_at }),
    ))
}

async fn delete_key(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath(id): ApiPath<i64>,
) -> Result<StatusCode, ApiError> {
    admin(&current, "only admins can delete API keys")?;
    if state.store.delete_api_key(current.agent.workspace_id, id).await? {
        let summary = format!("Deleted the API key #{id}");
        admin_did(&state, &current, "workspace.api_key_deleted", &summary, None, None).await?;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound("api key"))
    }
}

fn admin(current: &CurrentAgent, why: &'static str) -> Result<(), ApiError> {
    if current.agent.role == Role::Admin { Ok(()) } else { Err(ApiError::Forbidden(why)) }
}
