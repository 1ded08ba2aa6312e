//! Small browser helpers: the clock, page visibility, same-origin socket URLs, the
//! locale, timers that can be cancelled, waits, listeners that remove themselves, and
//! event handlers for views.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, EventTarget, VisibilityState};

/// Milliseconds since the Unix epoch, as the wire counts time.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Whether the page is currently shown (not a background tab). Without a document it
/// counts as visible.
pub fn page_visible() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .is_none_or(|document| document.visibility_state() == VisibilityState::Visible)
}

/// A same-origin WebSocket URL for `path`, `wss:` when the page is served over TLS.
pub fn websocket_url(path: &str) -> String {
    let location = web_sys::window().map(|window| window.location());
    let secure = location.as_ref().and_then(|location| location.protocol().ok()).is_some_and(|p| p == "https:");
    let host = location.and_then(|location| location.host().ok()).unwrap_or_default();
    let scheme = if secure { "wss" } else { "ws" };
    format!("{scheme}://{host}{path}")
}

/// An event handler for a view, boxed: `on:click=handler(move |_| …)`. Leptos compiles
/// its attribute and listener code once per handler type, and every closure is a type
/// of its own; boxed, all the handlers of one event share a type, and that code.
pub fn handler<E>(handle: impl FnMut(E) + 'static) -> Box<dyn FnMut(E)> {
    Box::new(handle)
}

/// The user's preferred locale, for formatting dates; `default` (the browser's own)
/// when the browser names none.
pub fn locale() -> String {
    web_sys::window().and_then(|window| window.navigator().language()).unwrap_or_else(|| "default".to_owned())
}

/// A scheduled callback that can be cancelled.
#[derive(Debug)]
pub struct Timeout(i32);

impl Timeout {
    /// Runs `callback` once after `delay`; `None` if the browser refused to schedule it.
    pub fn after(delay: Duration, callback: impl FnOnce() + 'static) -> Option<Self> {
        let window = web_sys::window()?;
        // A one-shot closure frees itself after it runs, so nothing here outlives it.
        let callback = Closure::once_into_js(callback);
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), millis(delay))
            .ok()
            .map(Timeout)
    }

    /// Cancels the callback if it has not run yet.
    pub fn clear(self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.0);
        }
    }
}

/// Resolves after `delay`, or sooner if the browser comes back online meanwhile: a wait
/// between retries should not outlast the outage that caused it.
pub async fn pause(delay: Duration) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut wake: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let scheduled = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, millis(delay)).is_ok();
        let _ = window.add_event_listener_with_callback("online", &resolve);
        // Without a timer there is nothing to wait for; resolving at once avoids hanging.
        if !scheduled {
            let _ = resolve.call0(&JsValue::UNDEFINED);
        }
        wake = Some(resolve);
    });
    let _ = JsFuture::from(promise).await;
    if let Some(resolve) = wake {
        let _ = window.remove_event_listener_with_callback("online", &resolve);
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

    /// Keeps listening for the life of the page.
    pub fn forever(self) {
        std::mem::forget(self);
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.name, self.callback.as_ref().unchecked_ref());
    }
}

fn millis(delay: Duration) -> i32 {
    i32::try_from(delay.as_millis()).unwrap_or(i32::MAX)
}
