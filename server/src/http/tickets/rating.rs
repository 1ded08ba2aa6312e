//! The pages a rating link in a satisfaction request opens. Opening a link records
//! nothing: mail scanners and link previews follow links, so `GET` only shows "Rate
//! ticket #1001 as 4" with a Confirm button and a comment box, and the form's `POST`
//! records. The signed token in the path is the capability (whoever holds the mail may
//! rate), the form posts to the same origin without JavaScript, and tokens expire
//! `RATING_LINK_DAYS` after the mail. Refusals are pages, not JSON: people read them.
//!
//! The pages speak the requester's language: the ticket's (as its mail does), or, for a
//! link that names no ticket we know, the `lang` the link carries, else the browser's.

use axum::Router;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Path, Query, State};
use axum::http::header::{ACCEPT_LANGUAGE, REFERRER_POLICY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use protocol::tickets::RatingInput;
use serde::Deserialize;

use crate::error::ApiError;
use crate::http::pages::{escape, with_csp};
use crate::state::AppState;
use crate::store::TicketRecord;
use crate::tickets::letters::{RATING_LINK_DAYS, RatingLinkError};
use crate::tickets::words::Words;

pub fn router() -> Router<AppState> {
    Router::new().route("/rate/{token}", get(confirm_rating).post(record_rating))
}

/// What the pages allow: no scripts at all, our own styles, and forms only to us.
const RATING_CSP: &str =
    "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The link's query (`?rating=4`) and the form's fields, as text: anything unreadable
/// is treated as not given rather than refused.
#[derive(Debug, Default, Deserialize)]
struct RatingFields {
    rating: Option<String>,
    comment: Option<String>,
    /// The requester's language, which the mail's links carry for a link that turns
    /// out not to be valid.
    lang: Option<String>,
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
    headers: HeaderMap,
    query: Result<Query<RatingFields>, QueryRejection>,
) -> Response {
    let fields = query.map(|Query(fields)| fields).unwrap_or_default();
    let asked = asked_words(&headers, fields.lang.as_deref());
    let (ticket, words) = match rated_ticket(&state, &token, &asked).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let chosen = fields.rating().or_else(|| ticket.rating.and_then(|rating| u8::try_from(rating).ok()));
    let number = ticket.number.to_string();
    let heading = match fields.rating() {
        Some(rating) => words.text_with(
            "rate-heading-as",
            &[("number", number.as_str().into()), ("rating", rating.to_string().as_str().into())],
        ),
        None => words.text_with("rate-heading-ask", &[("number", number.as_str().into())]),
    };
    let comment = ticket.rating_comment.as_deref().unwrap_or_default();
    page(&words, StatusCode::OK, &heading, "", &form(&words, &token, chosen, comment, "rate-confirm"))
}

/// `POST /rate/{token}` with `rating` and `comment`: records the rating, replacing
/// any earlier one.
async fn record_rating(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
    form_fields: Result<Form<RatingFields>, FormRejection>,
) -> Response {
    let asked = asked_words(&headers, None);
    let (ticket, words) = match rated_ticket(&state, &token, &asked).await {
        Ok(found) => found,
        Err(refusal) => return refusal,
    };
    let fields = form_fields.map(|Form(fields)| fields).unwrap_or_default();
    let typed = fields.comment.as_deref().unwrap_or_default();
    let number = ticket.number.to_string();
    let heading = words.text_with("rate-heading", &[("number", number.as_str().into())]);
    let Some(rating) = fields.rating() else {
        let alert = alert(&words.text("rate-choose"));
        let form = form(&words, &token, None, typed, "rate-confirm");
        return page(&words, StatusCode::BAD_REQUEST, &heading, &alert, &form);
    };
    let input = RatingInput { rating, comment: fields.comment.clone() };
    let comment = match super::widget::check_rating(&input) {
        Ok(comment) => comment,
        Err(ApiError::Invalid(refused)) => {
            let refusals: Vec<String> = refused.iter().map(|field| field.message.clone()).collect();
            let alert = alert(&format!("{}.", capitalised(&refusals.join("; "))));
            let form = form(&words, &token, Some(rating), typed, "rate-confirm");
            return page(&words, StatusCode::BAD_REQUEST, &heading, &alert, &form);
        }
        Err(error) => return failure(&words, &error),
    };
    if let Err(error) = state.desk.rate(&ticket, rating, comment).await {
        return failure(&words, &ApiError::from(error));
    }
    let mut said = words.text_with("rate-rated", &[("rating", rating.to_string().as_str().into())]);
    if comment.is_some() {
        said.push(' ');
        said.push_str(&words.text("rate-comment-saved"));
    }
    let said = format!("<p role=\"status\">{}</p>", escape(&said));
    let heading = words.text_with("rate-thanks", &[("number", number.as_str().into())]);
    let form = form(&words, &token, Some(rating), comment.unwrap_or_default(), "rate-update");
    page(&words, StatusCode::OK, &heading, &said, &form)
}

/// The language a page speaks before its ticket is known: the link's `lang`, else the
/// browser's, else English.
fn asked_words(headers: &HeaderMap, lang: Option<&str>) -> Words {
    let browser = headers.get(ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let locale = i18n::negotiate(lang.into_iter().chain(i18n::accept_language(browser))).unwrap_or(i18n::Locale::En);
    Words::new(locale, jiff::tz::TimeZone::UTC)
}

/// The ticket a rating link's token was signed for, with the words of its mail, or the
/// page (in the `asked` words) that says why not. A deleted ticket is as unknown as a
/// forged token.
async fn rated_ticket(state: &AppState, token: &str, asked: &Words) -> Result<(TicketRecord, Words), Response> {
    let not_valid = || {
        let text = asked.text("rate-not-valid");
        page(asked, StatusCode::NOT_FOUND, &asked.text("rate-not-found-title"), &alert(&text), "")
    };
    let ticket_id = match state.desk.mailer.verify_rating_token(token, state.clock.now()) {
        Ok(ticket_id) => ticket_id,
        Err(RatingLinkError::Invalid) => return Err(not_valid()),
        Err(RatingLinkError::Expired) => {
            let text = asked.text_with("rate-expired", &[("days", RATING_LINK_DAYS.into())]);
            return Err(page(asked, StatusCode::NOT_FOUND, &asked.text("rate-expired-title"), &alert(&text), ""));
        }
    };
    let ticket = match state.store.ticket(ticket_id).await {
        Ok(Some(ticket)) => ticket,
        Ok(None) => return Err(not_valid()),
        Err(error) => return Err(failure(asked, &ApiError::Internal(error))),
    };
    match state.desk.words_for(&ticket).await {
        Ok(words) => Ok((ticket, words)),
        Err(error) => Err(failure(asked, &ApiError::from(error))),
    }
}

/// The form: a choice of rating (`chosen` checked), the comment box and a submit
/// button. Radio buttons are `required`, so browsers ask for a rating without script.
fn form(words: &Words, token: &str, chosen: Option<u8>, comment: &str, button: &str) -> String {
    let options: String = (1..=5u8)
        .rev()
        .map(|value| {
            let checked = if Some(value) == chosen { " checked" } else { "" };
            let name = escape(&words.text(&format!("rating-{value}")));
            format!(
                "<label><input type=\"radio\" name=\"rating\" value=\"{value}\" required{checked}> {value} – {name}</label><br>"
            )
        })
        .collect();
    format!(
        "<form method=\"post\" action=\"/rate/{token}\"><fieldset><legend>{legend}</legend>{options}</fieldset>\
         <p><label for=\"comment\">{label}</label><br>\
         <textarea id=\"comment\" name=\"comment\" rows=\"4\" cols=\"50\" maxlength=\"2000\">{comment}</textarea></p>\
         <p><button type=\"submit\">{button}</button></p></form>",
        token = escape(token),
        legend = escape(&words.text("rate-your-rating")),
        label = escape(&words.text("rate-comment")),
        comment = escape(comment),
        button = escape(&words.text(button)),
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
fn failure(words: &Words, error: &ApiError) -> Response {
    if let ApiError::Internal(error) = error {
        tracing::error!(error = format!("{error:#}"), "rating page failed");
    }
    let text = words.text("rate-failed");
    page(words, error.status(), &words.text("rate-failed-title"), &alert(&text), "")
}

/// A whole page: `heading`, then `notice` and `body` (both already HTML). The URL holds
/// the token, so no referrer leaves the page and nothing is cached.
fn page(words: &Words, status: StatusCode, heading: &str, notice: &str, body: &str) -> Response {
    let locale = words.locale();
    let html = format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{heading}</title></head>\
         <body><main><h1>{heading}</h1>{notice}{body}</main></body></html>\n",
        heading = escape(heading),
        lang = locale.tag(),
        dir = locale.dir().as_str(),
    );
    let mut response = with_csp(html, RATING_CSP);
    *response.status_mut() = status;
    response.headers_mut().insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response.into_response()
}
