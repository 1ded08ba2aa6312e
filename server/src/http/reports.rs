//! Reports for admins: a workspace's support figures over a range of dates, as JSON and
//! as a CSV download. Admins only: the figures describe the whole team's work.

use anyhow::Context;
use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use protocol::FieldError;
use protocol::api::Role;
use protocol::reports::Report;
use serde::Deserialize;

use super::extract::{ApiJson, ApiQuery};
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::reports::{self, Period};
use crate::state::AppState;
use crate::tickets::BusinessHours;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/reports", get(get_report)).route("/api/v1/reports.csv", get(export_report))
}

/// `?from=YYYY-MM-DD&to=YYYY-MM-DD`, both included. Read as text so that a missing or
/// malformed date is refused with the field's own message.
#[derive(Debug, Deserialize)]
struct RangeParams {
    from: Option<String>,
    to: Option<String>,
}

async fn get_report(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(range): ApiQuery<RangeParams>,
) -> Result<ApiJson<Report>, ApiError> {
    Ok(ApiJson(report(&state, &current, &range).await?))
}

/// The same report as a CSV file named after its dates.
async fn export_report(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiQuery(range): ApiQuery<RangeParams>,
) -> Result<Response, ApiError> {
    let report = report(&state, &current, &range).await?;
    let file_name = format!("helpline-report-{}-to-{}.csv", report.from, report.to);
    let headers = [
        (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
        (CONTENT_DISPOSITION, format!("attachment; filename=\"{file_name}\"")),
        (CACHE_CONTROL, "no-store".to_owned()),
    ];
    Ok((headers, reports::csv::to_csv(&report)).into_response())
}

/// The report an admin asked for, in their workspace's time zone and business hours.
async fn report(state: &AppState, current: &CurrentAgent, range: &RangeParams) -> Result<Report, ApiError> {
    if current.agent.role != Role::Admin {
        return Err(ApiError::Forbidden("only admins can see reports"));
    }
    let workspace_id = current.agent.workspace_id;
    let settings = state.store.support_settings(workspace_id).await?.ok_or(ApiError::NotFound("workspace"))?;
    let hours = BusinessHours::from_settings(&settings.hours).context("stored business hours are invalid")?;
    let period =
        Period::parse(range.from.as_deref(), range.to.as_deref(), hours.time_zone().clone()).map_err(refused)?;
    Ok(reports::build(&state.store, workspace_id, &period, &hours, state.clock.now()).await?)
}

/// Refused dates as the error body: one refusal's message is the whole answer's, for
/// clients that show one sentence.
fn refused(mut refusals: Vec<reports::Refusal>) -> ApiError {
    if let [_] = refusals.as_slice()
        && let Some(refusal) = refusals.pop()
    {
        return ApiError::FieldRefused { field: refusal.field, message: refusal.message };
    }
    let fields =
        refusals.into_iter().map(|refusal| FieldError { field: refusal.field.to_owned(), message: refusal.message });
    ApiError::Invalid(fields.collect())
}
