//! The messenger's words: its catalog, which the server chose the locale of (the host's
//! choice, else the browser's languages, else the workspace's default) and compiled into
//! the messenger's document, read through the client runtime's resolver, which the
//! console shares (`client::web::l10n`). The messenger's views take their text owned.

pub use client::web::l10n::{locale, t_with};

/// The message `id` in the visitor's language.
pub fn t(id: &str) -> String {
    client::web::l10n::t(id).to_owned()
}
