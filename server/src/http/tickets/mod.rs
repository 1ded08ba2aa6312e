//! Email tickets over HTTP: the console's queue and ticket view (`agents.rs`), the
//! messenger's "Email us" and ticket list (`widget.rs`), host backends with API keys
//! (`backend.rs`), inbound mail (`mail.rs`), the pages rating links open (`rating.rs`),
//! address confirmation links (`confirm.rs`), and admins' support settings
//! (`support.rs`). `convert.rs` maps records to wire types; `validate.rs` holds the
//! field rules every way in shares.

mod agents;
pub(in crate::http) mod backend;
mod confirm;
mod convert;
mod files;
mod mail;
mod originals;
mod rating;
mod support;
mod uploads;
pub(crate) mod validate;
mod widget;

use axum::Router;

use crate::state::AppState;

pub use mail::result as inbound_result;
/// The field rules' collector, for other forms of the console to report refusals alike.
pub(crate) use validate::Form;

/// Every ticket route but the inbound mail endpoint, which has a body limit of its own.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(agents::router())
        .merge(widget::router())
        .merge(backend::router())
        .merge(rating::router())
        .merge(confirm::router())
        .merge(originals::router())
        .merge(files::router())
        .merge(support::router())
}

/// The inbound mail endpoint: raw messages up to `mail::MAX_INBOUND_BYTES`.
pub fn inbound_router() -> Router<AppState> {
    mail::inbound_router()
}

/// The upload endpoint: one file up to `files::MAX_FILE_BYTES`.
pub fn uploads_router() -> Router<AppState> {
    uploads::router()
}
