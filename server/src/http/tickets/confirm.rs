//! The confirmation link in the acknowledgement sent to an address nobody has proven
//! yet. Opening it (`GET`) only shows a page with a button, so mail scanners that
//! follow links prove nothing; pressing it (`POST`) proves the address, and the full
//! acknowledgement follows by mail.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;

use crate::error::ApiError;
use crate::http::pages::{escape, with_csp};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/confirm/{token}", get(show_confirmation).post(confirm_address))
}

async fn show_confirmation(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, ApiError> {
    let ticket = state.desk.confirmation_ticket(&token).await?.ok_or(ApiError::NotFound("confirmation link"))?;
    let already = state.store.address_verified(ticket.workspace_id, &ticket.requester_email).await?;
    let body = if already {
        format!("<h1>Your address is confirmed</h1><p>We will answer request #{} by email.</p>", ticket.number)
    } else {
        format!(
            "<h1>Confirm your email address</h1>\
             <p>Confirm that <strong>{address}</strong> is yours, and we will send you the details of request \
             #{number} and answer it there.</p>\
             <form method=\"post\" action=\"/confirm/{token}\"><p><button type=\"submit\">Confirm my address</button></p></form>",
            address = escape(&ticket.requester_email),
            number = ticket.number,
            token = escape(&token),
        )
    };
    Ok(page(&body))
}

async fn confirm_address(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, ApiError> {
    let confirmed = state.desk.confirm_address(&token).await?.ok_or(ApiError::NotFound("confirmation link"))?;
    let number = confirmed.ticket.number;
    let body = if confirmed.already {
        format!("<h1>Your address is confirmed</h1><p>We will answer request #{number} by email.</p>")
    } else {
        format!(
            "<h1>Thank you</h1><p role=\"status\">Your address is confirmed. We have sent you the details of \
             request #{number}, and we will answer it by email.</p>"
        )
    };
    Ok(page(&body))
}

fn page(main: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Confirm your address</title>\
         </head><body><main>{main}</main></body></html>\n"
    );
    let csp = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    with_csp(body, csp)
}
