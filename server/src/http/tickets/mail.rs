//! Mail coming back: the inbound endpoint mail providers post raw messages to.

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::middleware::from_fn_with_state;
use axum::routing::post;
use protocol::tickets::{InboundOutcome, InboundResult};
use secrecy::ExposeSecret;
use sha2::{Digest, Sha256};

use crate::auth::visitor::bearer_token;
use crate::error::ApiError;
use crate::http::extract::{ApiBytes, ApiJson};
use crate::http::refusal::refuse_oversized;
use crate::state::AppState;
use crate::tickets::inbound::{IngestError, Taken};

/// Largest raw message the inbound endpoint takes.
pub const MAX_INBOUND_BYTES: usize = 10 * 1024 * 1024;

/// The inbound endpoint, with its own body limit: larger than any other, and declared
/// lengths over it are refused before the body is read.
pub fn inbound_router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/mail/inbound", post(take_in_mail).layer(DefaultBodyLimit::max(MAX_INBOUND_BYTES)))
        .route_layer(from_fn_with_state(MAX_INBOUND_BYTES, refuse_oversized))
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
    ApiBytes(body): ApiBytes,
) -> Result<ApiJson<InboundResult>, ApiError> {
    let taken = state.desk.take_in(&body).await.map_err(|error| match error {
        IngestError::Unreadable(error) => ApiError::BadRequest(error.to_string()),
        IngestError::NoSender | IngestError::UnusableSender(_) => ApiError::BadRequest(error.to_string()),
        IngestError::NoWorkspace(_) => ApiError::BadRequest(error.to_string()),
        IngestError::RateLimited { retry_after } => {
            ApiError::RateLimited { message: "too much mail from this sender; please try again later", retry_after }
        }
        IngestError::ScannerDown(ref cause) => {
            tracing::error!(error = %cause, "malware scanner unavailable; refusing inbound mail");
            ApiError::DependencyDown(error.to_string())
        }
        IngestError::Ticket(error) => error.into(),
    })?;
    Ok(ApiJson(result(taken)))
}

/// The wire form of what became of a message.
pub fn result(taken: Taken) -> InboundResult {
    let ticket = |outcome, ticket_number| InboundResult { outcome, ticket_number, conversation_id: None };
    match taken {
        Taken::Threaded(number) => ticket(InboundOutcome::Threaded, Some(number)),
        Taken::Created(number) => ticket(InboundOutcome::Created, Some(number)),
        Taken::Duplicate(number) => ticket(InboundOutcome::Duplicate, number),
        Taken::BounceRecorded(number) => ticket(InboundOutcome::BounceRecorded, Some(number)),
        Taken::AutoReplyRecorded(number) => ticket(InboundOutcome::AutoReplyRecorded, Some(number)),
        Taken::Ignored => ticket(InboundOutcome::Ignored, None),
        Taken::ChatAnswer(conversation_id) => InboundResult {
            outcome: InboundOutcome::ChatAnswer,
            ticket_number: None,
            conversation_id: Some(conversation_id),
        },
    }
}
