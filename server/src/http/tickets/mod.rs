//! Email tickets over HTTP: the console's queue and ticket view (`agents.rs`), the
//! messenger's "Email us" and ticket list (`widget.rs`), host backends with API keys
//! (`backend.rs`), inbound mail and rating links (`mail.rs`), address confirmation
//! links (`confirm.rs`), and admins' support settings (`support.rs`). `convert.rs` maps records to wire types; `validate.rs`
//! reports refused form fields.

mod agents;
mod backend;
mod confirm;
mod convert;
mod mail;
mod support;
mod validate;
mod widget;

use axum::Router;

use crate::state::AppState;

pub use mail::result as inbound_result;

/// Every ticket route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(agents::router())
        .merge(widget::router())
        .merge(backend::router())
        .merge(mail::router())
        .merge(confirm::router())
        .merge(support::router())
}
