//! Reports: a workspace's support figures over a range of dates, for the people who run
//! its support.
//!
//! - `period.rs` — the dates asked for, validated and read in the workspace's zone.
//! - `figures.rs` — the figures from what the store read (`store::ReportActivity`):
//!   counts per date and hour of the week, durations in business hours, ticket response
//!   targets (replayed by `tickets::sla_history`), ratings and deflection.
//! - `stats.rs` — median, 90th percentile and rating arithmetic.
//! - `csv.rs` — the same report as CSV.
//!
//! The definitions of every figure are in docs/protocol.md ("Reports").

pub mod csv;
pub mod figures;
pub mod period;
pub mod stats;

use protocol::reports::Report;

pub use period::{Period, Refusal};

use crate::store::Store;
use crate::tickets::BusinessHours;

/// The report of `period` for a workspace whose business hours are `hours`, as of `now`.
pub async fn build(
    store: &Store,
    workspace_id: i64,
    period: &Period,
    hours: &BusinessHours,
    now: i64,
) -> anyhow::Result<Report> {
    let activity =
        store.report_activity(workspace_id, period.start(), period.end(), figures::DEFLECTION_WINDOW_MS).await?;
    // Business-hours arithmetic walks the calendar a day at a time for every duration;
    // a year of a busy workspace is worth keeping off the async workers.
    let (period, hours) = (period.clone(), hours.clone());
    tokio::task::spawn_blocking(move || figures::report(&period, &hours, &activity, now))
        .await
        .map_err(|error| anyhow::Error::new(error).context("compute report"))
}
