//! The pages a rating link in a satisfaction request opens. Opening a link records
//! nothing: mail scanners and link previews follow links, so `GET` only shows "Rate
//! ticket #1001 as 4" with a Confirm button and a comment box, and the form's `POST`
//! records. The signed token in the path is the capability (whoever holds the mail may
//! rate), the form posts to the same origin without JavaScript, and tokens expire
//! `RATING_LINK_DAYS` after the mail. Refusals are pages, not JSON: people read them.

use axum::Router;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Path, Query, State};
use axum::http::header::REFERRER_POLICY;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use protocol::tickets::RatingInput;
use serde::Deserialize;

use crate::error::ApiError;
use crate::http::pages::{escape, with_csp};
use crate::state::AppState;
use crate::store::TicketRecord;
use crate::tickets::letters::{RATING_LINK_DAYS, RatingLinkError};

pub fn router() -> Router<AppState> {
    Router::new().route("/rate/{token}", get(confirm_rating).post(record_rating))
}

/// What the pages allow: no scripts at all, our own styles, and forms only to us.
const RATING_CSP: &str =
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The words for each rating, best first, as the mail lists them.
const RATINGS: [(u8, &str); 5] = [(5, "Excellent"), (4, "Good"), (3, "OK"), (2, "Poor"), (1, "Bad")];

/// The link's query (`?rating=4`) and the form's fields, as text: anything unreadable
/// is treated as not given rather than refused.
#[derive(Debug, Default, Deserialize)]
struct RatingFields {
    rating: Option<String>,
    comment: Option<String>,
}

impl RatingFields {
    fn rating(&self) -> Option<u8> {
        self.rating.as_deref().and_then(|text| text.trim().parse().ok()).filter(|rating| (1..=5).contains(rating))
    }
}

/// `GET /rate/{token}?rating=N`: asks to confirm, and records nothing.
async fn confirm_rating(
    State(state): State<AppState>,
    Path(token): Path<String>,
    query: Result<Query<RatingFields>, QueryRejection>,
) -> Response {
    let ticket = match rated_ticket(&state, &token).await {
        Ok(ticket) => ticket,
        Err(refusal) => return refusal,
    };
    let fields = query.map(|Query(fields)| fields).unwrap_or_default();
    let chosen = fields.rating().or_else(|| ticket.rating.and_then(|rating| u8::try_from(rating).ok()));
    let heading = match fields.rating() {
        Some(rating) => format!("Rate ticket #{} as {rating}", ticket.number),
        None => format!("How would you rate our support on ticket #{}?", ticket.number),
    };
    let comment = ticket.rating_comment.as_deref().unwrap_or_default();
    page(StatusCode::OK, &heading, "", &form(&token, chosen, comment, "Confirm"))
}

/// `POST /rate/{token}` with `rating` and `comment`: records the rating, replacing
/// any earlier one.
async fn record_rating(
    State(state): State<AppState>,
    Path(token): Path<String>,
    form_fields: Result<Form<RatingFields>, FormRejection>,
) -> Response {
    let ticket = match rated_ticket(&state, &token).await {
        Ok(ticket) => ticket,
        Err(refusal) => return refusal,
    };
    let fields = form_fields.map(|Form(fields)| fields).unwrap_or_default();
    let typed = fields.comment.as_deref().unwrap_or_default();
    let heading = format!("Rate ticket #{}", ticket.number);
    let Some(rating) = fields.rating() else {
        let alert = alert("Choose a rating from 1 to 5.");
        return page(StatusCode::BAD_REQUEST, &heading, &alert, &form(&token, None, typed, "Confirm"));
    };
    let input = RatingInput { rating, comment: fields.comment.clone() };
    let comment = match super::widget::check_rating(&input) {
        Ok(comment) => comment,
        Err(ApiError::Invalid(refused)) => {
            let words: Vec<String> = refused.iter().map(|field| field.message.clone()).collect();
            let alert = alert(&format!("{}.", capitalised(&words.join("; "))));
            return page(StatusCode::BAD_REQUEST, &heading, &alert, &form(&token, Some(rating), typed, "Confirm"));
        }
        Err(error) => return failure(&error),
    };
    if let Err(error) = state.desk.rate(&ticket, rating, comment).await {
        return failure(&ApiError::from(error));
    }
    let said = format!(
        "<p role=\"status\">You rated our support {rating} out of 5.{}</p>",
        if comment.is_some() { " Your comment is saved." } else { "" }
    );
    let heading = format!("Thank you for rating ticket #{}", ticket.number);
    page(StatusCode::OK, &heading, &said, &form(&token, Some(rating), comment.unwrap_or_default(), "Update"))
}

/// The ticket a rating link's token was signed for, or the page that says why not. A
/// deleted ticket is as unknown as a forged token.
async fn rated_ticket(state: &AppState, token: &str) -> Result<TicketRecord, Response> {
    let not_valid = || {
        let text = "This rating link is not valid. Please use the link from our email as it is.";
        page(StatusCode::NOT_FOUND, "Rating link not found", &alert(text), "")
    };
    let ticket_id = match state.desk.mailer.verify_rating_token(token, state.clock.now()) {
        Ok(ticket_id) => ticket_id,
        Err(RatingLinkError::Invalid) => return Err(not_valid()),
        Err(RatingLinkError::Expired) => {
            let text = format!(
                "This rating link has expired: the links in our email work for {RATING_LINK_DAYS} days. \
                 If you would still like to tell us how we did, reply to that email."
            );
            return Err(page(StatusCode::NOT_FOUND, "Rating link expired", &alert(&text), ""));
        }
    };
    match state.store.ticket(ticket_id).await {
        Ok(Some(ticket)) => Ok(ticket),
        Ok(None) => Err(not_valid()),
        Err(error) => Err(failure(&ApiError::Internal(error))),
    }
}

/// The form: a choice of rating (`chosen` checked), the comment box and a submit
/// button. Radio buttons are `required`, so browsers ask for a rating without script.
fn form(token: &str, chosen: Option<u8>, comment: &str, button: &str) -> String {
    let options: String = RATINGS
        .iter()
        .map(|(value, words)| {
            let checked = if Some(*value) == chosen { " checked" } else { "" };
            format!(
                "<label><input type=\"radio\" name=\"rating\" value=\"{value}\" required{checked}> {value} – {words}</label><br>"
            )
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"/rate/{token}\"><fieldset><legend>Your rating</legend>{options}</fieldset>\
         <p><label for=\"comment\">Anything to add? (optional)</label><br>\
         <textarea id=\"comment\" name=\"comment\" rows=\"4\" cols=\"50\" maxlength=\"2000\">{comment}</textarea></p>\
         <p><button type=\"submit\">{button}</button></p></form>",
        token = escape(token),
        comment = escape(comment),
        button = escape(button),
    )
}

fn alert(text: &str) -> String {
    format!("<p role=\"alert\">{}</p>", escape(text))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A page for an unexpected failure; the cause is logged, not shown.
fn failure(error: &ApiError) -> Response {
    if let ApiError::Internal(error) = error {
        tracing::error!(error = format!("{error:#}"), "rating page failed");
    }
    let text = "Something went wrong on our side. Please try the link again later.";
    page(error.status(), "Something went wrong", &alert(text), "")
}

/// A whole page: `heading`, then `notice` and `body` (both already HTML). The URL holds
/// the token, so no referrer leaves the page and nothing is cached.
fn page(status: StatusCode, heading: &str, notice: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{heading}</title></head>\
         <body><main><h1>{heading}</h1>{notice}{body}</main></body></html>\n",
        heading = escape(heading),
    );
    let mut response = with_csp(html, RATING_CSP);
    *response.status_mut() = status;
    response.headers_mut().insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response.into_response()
}
