//! Getting a visitor session: reuse the stored token, or create a visitor when there is
//! none or the server no longer knows it; keep trying while the server is unreachable.

use client::backoff::Backoff;
use client::web::{dom, random};
use protocol::ErrorBody;
use protocol::api::WidgetSession;

use crate::api::{self, ApiError};
use crate::storage;

/// A working session and the token that authenticates it.
#[derive(Debug, Clone)]
pub struct Established {
    /// The session as the server describes it; its `token` field is always `None` here.
    pub session: WidgetSession,
    pub token: String,
}

/// Keeps trying until a session is established, or the server refuses for good (then
/// its reason comes back). `on_retry` runs after every attempt that failed for a reason
/// time may cure, with `true` when the server said we were over a limit (the wait is
/// then at least the one it named). Waits end early when the browser comes back online.
pub async fn establish_with_retry(app_id: &str, on_retry: impl Fn(bool)) -> Result<Established, ErrorBody> {
    let mut backoff = Backoff::default();
    loop {
        let error = match establish(app_id).await {
            Ok(established) => return Ok(established),
            Err(error) => error,
        };
        match error.retry_delay(backoff.next_delay(random::unit())) {
            Some(delay) => {
                on_retry(matches!(error, ApiError::Limited { .. }));
                dom::pause(delay).await;
            }
            None => return Err(refusal(error)),
        }
    }
}

/// The reason the server gave for refusing for good.
fn refusal(error: ApiError) -> ErrorBody {
    match error {
        ApiError::Status { body, .. } => body,
        other => ErrorBody::new(protocol::ErrorCode::Internal, other.to_string()),
    }
}

/// Creates a new visitor and stores its token.
pub async fn create(app_id: &str) -> Result<Established, ApiError> {
    let mut session = api::create_visitor(app_id).await?;
    // A 201 without a token is a server fault; asking again may well work.
    let token = session.token.take().filter(|token| !token.is_empty()).ok_or(ApiError::Unexpected)?;
    storage::set_token(app_id, &token);
    Ok(Established { session, token })
}

/// One attempt: the stored token if the server still accepts it, else a new visitor.
async fn establish(app_id: &str) -> Result<Established, ApiError> {
    if let Some(token) = storage::token(app_id) {
        match api::fetch_session(&token).await {
            Ok(mut session) => {
                session.token = None;
                return Ok(Established { session, token });
            }
            Err(error) if error.is_unauthorized() => storage::clear_token(app_id),
            Err(other) => return Err(other),
        }
    }
    create(app_id).await
}
