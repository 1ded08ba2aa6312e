//! Mail coming back: the inbound endpoint mail providers post raw messages to, and the
//! rating page the links in a satisfaction request open.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::{get, post};
use protocol::tickets::{InboundOutcome, InboundResult, RatingInput};
use secrecy::ExposeSecret;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::auth::visitor::bearer_token;
use crate::error::ApiError;
use crate::http::extract::ApiJson;
use crate::http::pages::{escape, with_csp};
use crate::state::AppState;
use crate::tickets::inbound::{IngestError, Taken};

/// Largest raw message the inbound endpoint takes.
pub const MAX_INBOUND_BYTES: usize = 10 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/mail/inbound", post(take_in_mail).layer(DefaultBodyLimit::max(MAX_INBOUND_BYTES)))
        .route("/rate/{token}", get(rate_from_link).post(rate_with_comment))
}

/// A caller that presented `mail.inbound_secret`. Checked from the headers, before the
/// body extractor reads up to 10 MiB, so a wrong secret costs the server nothing.
struct MailProvider;

impl FromRequestParts<AppState> for MailProvider {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let expected = state.config.mail.inbound_secret.as_ref().ok_or(ApiError::Unauthorized)?;
        let given = bearer_token(&parts.headers).ok_or(ApiError::Unauthorized)?;
        // Compare digests so the comparison takes the same time wherever they differ.
        if Sha256::digest(given.as_bytes()) != Sha256::digest(expected.expose_secret().as_bytes()) {
            return Err(ApiError::Unauthorized);
        }
        Ok(Self)
    }
}

async fn take_in_mail(
    State(state): State<AppState>,
    _provider: MailProvider,
    body: Bytes,
) -> Result<ApiJson<InboundResult>, ApiError> {
    let taken = state.desk.take_in(&body).await.map_err(|error| match error {
        IngestError::Unreadable(error) => ApiError::BadRequest(error.to_string()),
        IngestError::NoSender | IngestError::UnusableSender(_) => ApiError::BadRequest(error.to_string()),
        IngestError::NoWorkspace(_) => ApiError::BadRequest(error.to_string()),
        IngestError::Ticket(error) => error.into(),
    })?;
    Ok(ApiJson(result(taken)))
}

/// The wire form of what became of a message.
pub fn result(taken: Taken) -> InboundResult {
    let (outcome, ticket_number) = match taken {
        Taken::Threaded(number) => (InboundOutcome::Threaded, Some(number)),
        Taken::Created(number) => (InboundOutcome::Created, Some(number)),
        Taken::Duplicate(number) => (InboundOutcome::Duplicate, number),
        Taken::BounceRecorded(number) => (InboundOutcome::BounceRecorded, Some(number)),
        Taken::AutoReplyRecorded(number) => (InboundOutcome::AutoReplyRecorded, Some(number)),
        Taken::Ignored => (InboundOutcome::Ignored, None),
    };
    InboundResult { outcome, ticket_number }
}

#[derive(Debug, Deserialize)]
struct RatingQuery {
    rating: Option<u8>,
}

/// The page a rating link opens: the rating is recorded by the click itself, and the
/// page offers to add a comment.
async fn rate_from_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(query): Query<RatingQuery>,
) -> Result<Response, ApiError> {
    let ticket = rated_ticket(&state, &token).await?;
    let comment = ticket.rating_comment.clone().unwrap_or_default();
    let Some(rating) = query.rating.filter(|rating| (1..=5).contains(rating)) else {
        // A link without a valid rating records nothing and offers the choice.
        return Ok(rating_page(&token, ticket.number, None, &comment, false));
    };
    state.store.rate_ticket(ticket.id, i64::from(rating), ticket.rating_comment.as_deref(), state.clock.now()).await?;
    Ok(rating_page(&token, ticket.number, Some(rating), &comment, false))
}

async fn rate_with_comment(
    State(state): State<AppState>,
    Path(token): Path<String>,
    axum::Form(input): axum::Form<RatingInput>,
) -> Result<Response, ApiError> {
    let ticket = rated_ticket(&state, &token).await?;
    let comment = super::widget::check_rating(&input)?;
    state.store.rate_ticket(ticket.id, i64::from(input.rating), comment, state.clock.now()).await?;
    Ok(rating_page(&token, ticket.number, Some(input.rating), comment.unwrap_or_default(), true))
}

/// The ticket a rating link's token was signed for; a token that does not verify, or a
/// deleted ticket, is not found.
async fn rated_ticket(state: &AppState, token: &str) -> Result<crate::store::TicketRecord, ApiError> {
    let ticket_id = state.desk.mailer.verify_rating_token(token).ok_or(ApiError::NotFound("rating link"))?;
    state.store.ticket(ticket_id).await?.ok_or(ApiError::NotFound("rating link"))
}

fn rating_page(token: &str, number: i64, rating: Option<u8>, comment: &str, saved_comment: bool) -> Response {
    let options: String = (1..=5)
        .map(|value| {
            let checked = if Some(value) == rating { " checked" } else { "" };
            format!("<label><input type=\"radio\" name=\"rating\" value=\"{value}\"{checked}> {value}</label> ")
        })
        .collect();
    let thanks = if saved_comment { "<p role=\"status\">Your comment is saved.</p>" } else { "" };
    let body = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>Thank you</title></head>\
         <body><main><h1>{heading}</h1>{said}{thanks}\
         <form method=\"post\" action=\"/rate/{token}\"><fieldset><legend>Rating</legend>{options}</fieldset>\
         <p><label for=\"comment\">Anything to add? (optional)</label><br>\
         <textarea id=\"comment\" name=\"comment\" rows=\"4\" cols=\"50\">{comment}</textarea></p>\
         <p><button type=\"submit\">Send</button></p></form></main></body></html>\n",
        token = escape(token),
        comment = escape(comment),
        heading = match rating {
            Some(_) => format!("Thank you for rating ticket #{number}"),
            None => format!("How would you rate our support on ticket #{number}?"),
        },
        said = rating.map(|rating| format!("<p>You rated our support {rating} out of 5.</p>")).unwrap_or_default(),
    );
    let csp = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    with_csp(body, csp)
}
