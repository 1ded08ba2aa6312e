//! Getting a visitor session: reuse the stored token, or create a visitor when there is
//! none or the server no longer knows it; keep trying while the server is unreachable.

use std::time::Duration;

use leptos::prelude::window;
use protocol::ErrorBody;
use protocol::api::WidgetSession;
use wasm_bindgen_futures::JsFuture;

use crate::api::{self, ApiError};
use crate::backoff::Backoff;
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
/// then at least the one it named).
pub async fn establish_with_retry(app_id: &str, on_retry: impl Fn(bool)) -> Result<Established, ErrorBody> {
    let mut backoff = Backoff::default();
    loop {
        let delay = backoff.next_delay(js_sys::Math::random());
        match establish(app_id).await {
            Ok(established) => return Ok(established),
            Err(ApiError::Refused(reason)) => return Err(reason),
            Err(ApiError::Limited { retry_after_secs }) => {
                on_retry(true);
                pause(delay.max(Duration::from_secs(retry_after_secs))).await;
            }
            Err(ApiError::Unreachable | ApiError::Unauthorized) => {
                on_retry(false);
                pause(delay).await;
            }
        }
    }
}

/// Creates a new visitor and stores its token.
pub async fn create(app_id: &str) -> Result<Established, ApiError> {
    let mut session = api::create_visitor(app_id).await?;
    // A 201 without a token is a server fault; asking again may well work.
    let token = session.token.take().filter(|token| !token.is_empty()).ok_or(ApiError::Unreachable)?;
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
            Err(ApiError::Unauthorized) => storage::clear_token(app_id),
            Err(other) => return Err(other),
        }
    }
    create(app_id).await
}

/// Waits for `delay`, or less if the browser comes back online in the meantime.
async fn pause(delay: Duration) {
    let window = window();
    let millis = i32::try_from(delay.as_millis()).unwrap_or(i32::MAX);
    let mut wake: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis);
        let _ = window.add_event_listener_with_callback("online", &resolve);
        wake = Some(resolve);
    });
    let _ = JsFuture::from(promise).await;
    if let Some(resolve) = wake {
        let _ = window.remove_event_listener_with_callback("online", &resolve);
    }
}
