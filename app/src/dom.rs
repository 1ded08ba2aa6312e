//! Small browser helpers: the clock, ids, event listeners that remove themselves, locations.

use std::future::Future;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, EventTarget, VisibilityState};

/// Milliseconds since the Unix epoch, as the wire counts time.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// A random RFC 4122 version 4 id for a message's `client_id`.
///
/// `crypto.getRandomValues` works in every context, unlike `crypto.randomUUID`, which
/// needs a secure one; `Math.random` covers the unlikely case that neither is there.
pub fn random_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Whether the console's tab is currently shown.
pub fn page_visible() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_none_or(|document| document.visibility_state() == VisibilityState::Visible)
}

/// `https://host:port` of the page, for the embed snippet.
pub fn origin() -> String {
    web_sys::window().and_then(|window| window.location().origin().ok()).unwrap_or_default()
}

/// A same-origin WebSocket URL for `path`, `wss:` when the page is served over TLS.
pub fn websocket_url(path: &str) -> String {
    let location = web_sys::window().map(|window| window.location());
    let secure = location.as_ref().and_then(|location| location.protocol().ok()).is_some_and(|p| p == "https:");
    let host = location.and_then(|location| location.host().ok()).unwrap_or_default();
    let scheme = if secure { "wss" } else { "ws" };
    format!("{scheme}://{host}{path}")
}

/// The user's preferred locale, for formatting dates.
pub fn locale() -> String {
    web_sys::window().and_then(|window| window.navigator().language()).unwrap_or_else(|| "en".to_owned())
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

/// Resolves after `ms` milliseconds.
pub fn sleep(ms: u32) -> impl Future<Output = ()> {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = web_sys::window()
            .and_then(|window| window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32).ok());
        // Without a window there is nothing to wait for; resolving at once avoids hanging.
        if scheduled.is_none() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
    });
    async move {
        let _ = JsFuture::from(promise).await;
    }
}

/// An event listener that is removed when dropped.
pub struct Listener {
    target: EventTarget,
    name: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens for `name` events on `target` until the returned value is dropped.
    pub fn new(target: &EventTarget, name: &'static str, handler: impl FnMut(Event) + 'static) -> Option<Self> {
        let callback = Closure::<dyn FnMut(Event)>::new(handler);
        target.add_event_listener_with_callback(name, callback.as_ref().unchecked_ref()).ok()?;
        Some(Self { target: target.clone(), name, callback })
    }

    /// Listens on the window.
    pub fn on_window(name: &'static str, handler: impl FnMut(Event) + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        Self::new(&window, name, handler)
    }

    /// Listens on the document.
    pub fn on_document(name: &'static str, handler: impl FnMut(Event) + 'static) -> Option<Self> {
        let document = web_sys::window()?.document()?;
        Self::new(&document, name, handler)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}
