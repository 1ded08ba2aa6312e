//! Small browser helpers: the console's own (the page origin, confirmation dialogs) and
//! the shared client's (the clock, visibility, listeners that remove themselves).

pub use client::web::dom::{Listener, now_ms, page_visible};

/// `https://host:port` of the page, for the embed snippet.
pub fn origin() -> String {
    web_sys::window().and_then(|window| window.location().origin().ok()).unwrap_or_default()
}

/// Asks a yes-or-no question in the browser's own dialog; false if it cannot be shown.
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|window| window.confirm_with_message(question).ok()).unwrap_or(false)
}
