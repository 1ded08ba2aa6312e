//! The agent WebSocket: one connection that reconnects by itself with backoff and jitter.
//!
//! It knows frames only as far as parsing and serialising them; what they mean is the
//! console's business, handed over through [`Handlers`].

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use leptos::leptos_dom::helpers::{TimeoutHandle, set_timeout_with_handle};
use protocol::frames::{ClientFrame, ServerFrame};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

use crate::dom::{self, Listener};

/// The first retry waits about this long; each failure doubles it.
const FIRST_DELAY_MS: f64 = 500.0;
/// Retries never wait longer than this.
const MAX_DELAY_MS: f64 = 30_000.0;
/// A connection that stayed up this long was healthy, so the next outage starts the
/// backoff from the beginning. A server that accepts and then drops at once does not.
const HEALTHY_AFTER_MS: i64 = 10_000;
/// Close code for a deliberate, normal close.
const NORMAL_CLOSURE: u16 = 1000;

/// What the socket tells its owner.
pub struct Handlers {
    /// The connection is open and frames can be sent.
    pub on_open: Box<dyn Fn()>,
    /// A frame arrived. Frames that do not parse are dropped here.
    pub on_frame: Box<dyn Fn(ServerFrame)>,
    /// The connection closed or an attempt failed; the argument says whether it had
    /// opened. A retry is already scheduled.
    pub on_down: Box<dyn Fn(bool)>,
}

/// A self-reconnecting WebSocket. Dropping the last clone closes it for good.
#[derive(Clone)]
pub struct Socket {
    inner: Rc<Inner>,
}

struct Inner {
    url: String,
    protocol: &'static str,
    handlers: Handlers,
    callbacks: Callbacks,
    current: RefCell<Option<WebSocket>>,
    opened_at: Cell<Option<i64>>,
    failures: Cell<u32>,
    retry: Cell<Option<TimeoutHandle>>,
    stopped: Cell<bool>,
    /// `online` and `visibilitychange` listeners that cut a backoff wait short.
    wake_listeners: RefCell<Vec<Listener>>,
}

/// The JavaScript callbacks, made once and attached to every connection attempt.
struct Callbacks {
    open: Closure<dyn FnMut(Event)>,
    message: Closure<dyn FnMut(MessageEvent)>,
    close: Closure<dyn FnMut(CloseEvent)>,
}

impl Socket {
    /// Starts connecting to `url`, offering the one `protocol`.
    pub fn connect(url: String, protocol: &'static str, handlers: Handlers) -> Self {
        let inner = Rc::new_cyclic(|weak: &Weak<Inner>| Inner {
            url,
            protocol,
            handlers,
            callbacks: Callbacks::new(weak),
            current: RefCell::new(None),
            opened_at: Cell::new(None),
            failures: Cell::new(0),
            retry: Cell::new(None),
            stopped: Cell::new(false),
            wake_listeners: RefCell::new(Vec::new()),
        });
        let online = Rc::downgrade(&inner);
        let visible = Rc::downgrade(&inner);
        let listeners = [
            Listener::on_window("online", move |_| wake(&online)),
            Listener::on_document("visibilitychange", move |_| {
                if dom::page_visible() {
                    wake(&visible);
                }
            }),
        ];
        inner.wake_listeners.borrow_mut().extend(listeners.into_iter().flatten());
        inner.open();
        Self { inner }
    }

    /// Sends a frame if the connection is open; returns whether it went out.
    pub fn send(&self, frame: &ClientFrame) -> bool {
        let current = self.inner.current.borrow();
        let Some(socket) = current.as_ref().filter(|socket| socket.ready_state() == WebSocket::OPEN) else {
            return false;
        };
        serde_json::to_string(frame).is_ok_and(|text| socket.send_with_str(&text).is_ok())
    }
}

impl Callbacks {
    fn new(weak: &Weak<Inner>) -> Self {
        let on_open = weak.clone();
        let on_message = weak.clone();
        let on_close = weak.clone();
        Self {
            open: Closure::new(move |event: Event| {
                if let Some(inner) = on_open.upgrade() {
                    inner.opened(&event);
                }
            }),
            message: Closure::new(move |event: MessageEvent| {
                if let Some(inner) = on_message.upgrade() {
                    inner.received(&event);
                }
            }),
            close: Closure::new(move |event: CloseEvent| {
                if let Some(inner) = on_close.upgrade() {
                    inner.closed(&event);
                }
            }),
        }
    }
}

/// Connects now if the socket is waiting to retry: the network came back or the tab
/// became visible, so waiting out the backoff would only delay the agent.
fn wake(weak: &Weak<Inner>) {
    if let Some(inner) = weak.upgrade()
        && !inner.stopped.get()
        && inner.current.borrow().is_none()
    {
        inner.open();
    }
}

impl Inner {
    fn open(self: &Rc<Self>) {
        if self.stopped.get() {
            return;
        }
        self.cancel_retry();
        let socket = match WebSocket::new_with_str(&self.url, self.protocol) {
            Ok(socket) => socket,
            Err(_) => {
                // Only a malformed URL throws here; keep trying in case it is transient.
                self.schedule_retry();
                return;
            }
        };
        socket.set_onopen(Some(self.callbacks.open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(self.callbacks.message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(self.callbacks.close.as_ref().unchecked_ref()));
        self.opened_at.set(None);
        self.current.replace(Some(socket));
    }

    /// Whether an event comes from the connection in use, not an abandoned one.
    fn is_current(&self, event: &Event) -> bool {
        match (event.target(), self.current.borrow().as_ref()) {
            (Some(target), Some(socket)) => js_sys::Object::is(&target, socket),
            _ => false,
        }
    }

    fn opened(&self, event: &Event) {
        if !self.is_current(event) {
            return;
        }
        self.opened_at.set(Some(dom::now_ms()));
        (self.handlers.on_open)();
    }

    fn received(&self, event: &MessageEvent) {
        if !self.is_current(event) {
            return;
        }
        // Frames the console does not know (from a newer server) are ignored, not fatal.
        if let Some(frame) = event.data().as_string().and_then(|text| serde_json::from_str(&text).ok()) {
            (self.handlers.on_frame)(frame);
        }
    }

    fn closed(self: &Rc<Self>, event: &CloseEvent) {
        if !self.is_current(event) {
            return;
        }
        self.current.replace(None);
        let opened_at = self.opened_at.take();
        if opened_at.is_some_and(|at| dom::now_ms() - at >= HEALTHY_AFTER_MS) {
            self.failures.set(0);
        }
        // Every close, including 1001 (server going away), is retried with backoff.
        self.schedule_retry();
        (self.handlers.on_down)(opened_at.is_some());
    }

    fn schedule_retry(self: &Rc<Self>) {
        if self.stopped.get() {
            return;
        }
        self.cancel_retry();
        let failures = self.failures.get();
        self.failures.set(failures.saturating_add(1));
        let weak = Rc::downgrade(self);
        let handle = set_timeout_with_handle(
            move || {
                if let Some(inner) = weak.upgrade() {
                    inner.retry.set(None);
                    inner.open();
                }
            },
            Duration::from_millis(backoff_ms(failures, js_sys::Math::random())),
        );
        self.retry.set(handle.ok());
    }

    fn cancel_retry(&self) {
        if let Some(handle) = self.retry.take() {
            handle.clear();
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.stopped.set(true);
        self.cancel_retry();
        if let Some(socket) = self.current.take() {
            // Detach first: the callbacks are freed with this struct.
            socket.set_onopen(None);
            socket.set_onmessage(None);
            socket.set_onclose(None);
            let _ = socket.close_with_code(NORMAL_CLOSURE);
        }
    }
}

/// The wait before retry number `failures` (0-based): exponential, capped, with "equal
/// jitter" so a restarted server is not hit by every console at the same instant.
fn backoff_ms(failures: u32, random: f64) -> u64 {
    let ceiling = (FIRST_DELAY_MS * 2f64.powi(failures.min(16) as i32)).min(MAX_DELAY_MS);
    (ceiling / 2.0 + random.clamp(0.0, 1.0) * ceiling / 2.0) as u64
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_doubles_up_to_thirty_seconds_with_jitter() {
        assert_eq!(backoff_ms(0, 1.0), 500);
        assert_eq!(backoff_ms(0, 0.0), 250);
        assert_eq!(backoff_ms(3, 1.0), 4_000);
        assert_eq!(backoff_ms(40, 1.0), 30_000);
        assert_eq!(backoff_ms(40, 0.0), 15_000);
    }
}
