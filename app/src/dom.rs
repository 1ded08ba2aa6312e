//! Small browser helpers: the console's own (the page origin, confirmation dialogs,
//! focus, plain clicks) and the shared client's (the clock, visibility, listeners that
//! remove themselves).

use wasm_bindgen::JsCast;

pub use client::web::dom::{Listener, now_ms, page_visible};

/// `https://host:port` of the page, for the embed snippet.
pub fn origin() -> String {
    web_sys::window().and_then(|window| window.location().origin().ok()).unwrap_or_default()
}

/// Asks a yes-or-no question in the browser's own dialog; false if it cannot be shown.
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|window| window.confirm_with_message(question).ok()).unwrap_or(false)
}

/// Moves the focus to the element with id `id`; false if there is none.
pub fn focus_by_id(id: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|element| element.focus().is_ok())
}

/// Whether a click is a plain one that a link in the console handles in place; clicks
/// with a modifier or another button are left to the browser (new tab, new window).
pub fn is_plain_click(event: &web_sys::MouseEvent) -> bool {
    event.button() == 0 && !(event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key())
}
