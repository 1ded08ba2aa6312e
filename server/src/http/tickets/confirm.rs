//! The confirmation link in the acknowledgement sent to an address nobody has proven
//! yet. Opening it (`GET`) only shows a page with a button, so mail scanners that
//! follow links prove nothing; pressing it (`POST`) proves the address, and the full
//! acknowledgement follows by mail. The pages speak the language of the ticket's mail.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;

use crate::error::ApiError;
use crate::http::pages::{escape, link_page};
use crate::state::AppState;
use crate::tickets::words::Words;

pub fn router() -> Router<AppState> {
    Router::new().route("/confirm/{token}", get(show_confirmation).post(confirm_address))
}

async fn show_confirmation(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, ApiError> {
    let ticket = state.desk.confirmation_ticket(&token).await?.ok_or(ApiError::NotFound("confirmation link"))?;
    let words = state.desk.words_for(&ticket).await?;
    let number = ticket.number.to_string();
    let already = state.store.address_verified(ticket.workspace_id, &ticket.requester_email).await?;
    let body = if already {
        done(&words, "confirm-done-heading", &number)
    } else {
        let text = words.text_with(
            "confirm-text",
            &[("address", ticket.requester_email.as_str().into()), ("number", number.as_str().into())],
        );
        format!(
            "<h1>{heading}</h1><p>{text}</p><form method=\"post\" action=\"/confirm/{token}\">\
             <p><button type=\"submit\">{button}</button></p></form>",
            heading = escape(&words.text("confirm-heading")),
            text = escape(&text),
            token = escape(&token),
            button = escape(&words.text("confirm-button")),
        )
    };
    Ok(page(&words, &body))
}

async fn confirm_address(State(state): State<AppState>, Path(token): Path<String>) -> Result<Response, ApiError> {
    let confirmed = state.desk.confirm_address(&token).await?.ok_or(ApiError::NotFound("confirmation link"))?;
    let words = state.desk.words_for(&confirmed.ticket).await?;
    let number = confirmed.ticket.number.to_string();
    let body = if confirmed.already {
        done(&words, "confirm-done-heading", &number)
    } else {
        let text = words.text_with("confirm-thanks-text", &[("number", number.as_str().into())]);
        format!("<h1>{}</h1><p role=\"status\">{}</p>", escape(&words.text("confirm-thanks-heading")), escape(&text))
    };
    Ok(page(&words, &body))
}

/// "Your address is confirmed": the address was proven before.
fn done(words: &Words, heading: &str, number: &str) -> String {
    let text = words.text_with("confirm-done-text", &[("number", number.into())]);
    format!("<h1>{}</h1><p>{}</p>", escape(&words.text(heading)), escape(&text))
}

/// A whole page in the requester's language.
fn page(words: &Words, main: &str) -> Response {
    link_page(words.locale(), StatusCode::OK, &words.text("confirm-title"), main)
}
