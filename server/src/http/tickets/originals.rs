//! "Show original": a mail taken into a ticket, byte for byte as it arrived, for the
//! workspace's agents. It is the customer's bytes, so it is only ever a download:
//! `message/rfc822` as an attachment, never sniffed, and sandboxed should a browser
//! render it anyway.

use axum::Router;
use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE, HeaderName};
use axum::response::IntoResponse;
use axum::routing::get;

use super::agents::ticket_of;
use crate::auth::CurrentAgent;
use crate::error::ApiError;
use crate::http::extract::ApiPath;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/tickets/{number}/events/{seq}/original", get(original))
}

const NOSNIFF: (HeaderName, &str) = (HeaderName::from_static("x-content-type-options"), "nosniff");

async fn original(
    State(state): State<AppState>,
    current: CurrentAgent,
    ApiPath((number, seq)): ApiPath<(i64, i64)>,
) -> Result<impl IntoResponse, ApiError> {
    let ticket = ticket_of(&state, &current, number).await?;
    let raw = state.store.received_mail(ticket.id, seq).await?.ok_or(ApiError::NotFound("original mail"))?;
    let disposition = format!("attachment; filename=\"ticket-{number}-{seq}.eml\"");
    Ok((
        [
            (CONTENT_TYPE, "message/rfc822".to_owned()),
            (CONTENT_DISPOSITION, disposition),
            (CONTENT_SECURITY_POLICY, "sandbox".to_owned()),
            (CACHE_CONTROL, "private, no-store".to_owned()),
            (NOSNIFF.0, NOSNIFF.1.to_owned()),
        ],
        raw,
    ))
}
