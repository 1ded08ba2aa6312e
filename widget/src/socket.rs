//! The messenger's WebSocket. It offers the visitor token as a subprotocol (never in the
//! URL), parses server frames, reports what happens, and reconnects by itself: with
//! exponential backoff after a close, at once when the browser comes back online or the
//! page becomes visible again.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use js_sys::{Array, Object};
use leptos::prelude::{
    TimeoutHandle, document, queue_microtask, set_timeout_with_handle, window, window_event_listener_untyped,
};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

use crate::backoff::Backoff;

/// What the socket reports.
#[derive(Debug)]
pub enum SocketEvent {
    /// The socket is open; the client should subscribe.
    Opened,
    /// A frame from the server.
    Frame(ServerFrame),
    /// The socket closed (or could not be created) and a reconnect is scheduled.
    /// `opened` is false when the handshake never completed, for example because the
    /// server refused the token.
    Closed { opened: bool },
}

/// A cheap handle to the one connection; clones share it.
#[derive(Clone)]
pub struct Socket {
    inner: Rc<Inner>,
}

impl Socket {
    /// A socket that does nothing until [`Socket::start`].
    pub fn new() -> Self {
        Self { inner: Rc::new_cyclic(Inner::new) }
    }

    /// Sets what receives the socket's events.
    pub fn on_event(&self, handler: impl Fn(SocketEvent) + 'static) {
        *self.inner.handler.borrow_mut() = Some(Rc::new(handler));
    }

    /// Starts connecting with `token`, and keeps the connection up from then on.
    pub fn start(&self, token: String) {
        if !self.inner.watching.replace(true) {
            watch_browser(&self.inner);
        }
        self.set_token(token);
    }

    /// Replaces the token for the next connection attempt and, if disconnected, makes
    /// that attempt now.
    pub fn set_token(&self, token: String) {
        *self.inner.token.borrow_mut() = Some(token);
        self.inner.reconnect_now();
    }

    /// The token the socket connects with.
    pub fn token(&self) -> Option<String> {
        self.inner.token.borrow().clone()
    }

    /// Writes a frame if the socket is open. Returns whether it was written; callers
    /// that must not lose a frame keep it and write it again after the next `Opened`.
    pub fn send(&self, frame: &ClientFrame) -> bool {
        let current = self.inner.current.borrow();
        let Some(current) = current.as_ref().filter(|current| current.ws.ready_state() == WebSocket::OPEN) else {
            return false;
        };
        let Ok(text) = serde_json::to_string(frame) else {
            return false;
        };
        current.ws.send_with_str(&text).is_ok()
    }
}

impl Default for Socket {
    fn default() -> Self {
        Self::new()
    }
}

/// Receives the socket's events.
type Handler = Rc<dyn Fn(SocketEvent)>;

struct Inner {
    url: String,
    token: RefCell<Option<String>>,
    /// The socket being opened or open; `None` while waiting to reconnect.
    current: RefCell<Option<Current>>,
    backoff: RefCell<Backoff>,
    retry: Cell<Option<TimeoutHandle>>,
    handler: RefCell<Option<Handler>>,
    /// Whether the `online` and `visibilitychange` listeners are installed.
    watching: Cell<bool>,
    callbacks: Callbacks,
}

struct Current {
    ws: WebSocket,
    opened: bool,
}

/// The event handlers, made once and shared by every socket this connection opens.
/// Keeping them for the life of the page means a handler is never dropped while it
/// runs; each one ignores events from sockets that are no longer current.
struct Callbacks {
    open: Closure<dyn FnMut(Event)>,
    message: Closure<dyn FnMut(MessageEvent)>,
    close: Closure<dyn FnMut(CloseEvent)>,
}

impl Inner {
    fn new(weak: &Weak<Inner>) -> Self {
        let on_open = weak.clone();
        let on_message = weak.clone();
        let on_close = weak.clone();
        Self {
            url: socket_url(),
            token: RefCell::new(None),
            current: RefCell::new(None),
            backoff: RefCell::new(Backoff::default()),
            retry: Cell::new(None),
            handler: RefCell::new(None),
            watching: Cell::new(false),
            callbacks: Callbacks {
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
            },
        }
    }

    /// Connects now unless a socket is already opening or open.
    fn reconnect_now(self: &Rc<Self>) {
        if self.current.borrow().is_some() || self.token.borrow().is_none() {
            return;
        }
        if let Some(pending) = self.retry.take() {
            pending.clear();
        }
        self.connect();
    }

    fn connect(self: &Rc<Self>) {
        if self.current.borrow().is_some() {
            return;
        }
        let Some(token) = self.token.borrow().clone() else {
            return;
        };
        let protocols = Array::of2(&WS_PROTOCOL.into(), &format!("{WS_TOKEN_PREFIX}{token}").into());
        match WebSocket::new_with_str_sequence(&self.url, &protocols) {
            Ok(ws) => {
                ws.set_onopen(Some(self.callbacks.open.as_ref().unchecked_ref()));
                ws.set_onmessage(Some(self.callbacks.message.as_ref().unchecked_ref()));
                ws.set_onclose(Some(self.callbacks.close.as_ref().unchecked_ref()));
                *self.current.borrow_mut() = Some(Current { ws, opened: false });
            }
            Err(_) => {
                // Reported from a microtask so listeners never run inside `connect`,
                // which callers may reach while handling another event.
                self.schedule_retry();
                let weak = Rc::downgrade(self);
                queue_microtask(move || {
                    if let Some(inner) = weak.upgrade() {
                        inner.emit(SocketEvent::Closed { opened: false });
                    }
                });
            }
        }
    }

    fn opened(&self, event: &Event) {
        {
            let mut current = self.current.borrow_mut();
            match current.as_mut() {
                Some(current) if is_target(event, &current.ws) => current.opened = true,
                _ => return,
            }
        }
        self.emit(SocketEvent::Opened);
    }

    fn received(&self, event: &MessageEvent) {
        if !self.current.borrow().as_ref().is_some_and(|current| is_target(event, &current.ws)) {
            return;
        }
        // Hearing from the server, not merely opening, proves the connection works;
        // a server that accepts and then drops us at once still gets backoff.
        self.backoff.borrow_mut().reset();
        let Some(text) = event.data().as_string() else {
            return;
        };
        match serde_json::from_str::<ServerFrame>(&text) {
            Ok(frame) => self.emit(SocketEvent::Frame(frame)),
            Err(error) => web_sys::console::warn_1(&format!("helpline: ignoring an unreadable frame: {error}").into()),
        }
    }

    fn closed(self: &Rc<Self>, event: &CloseEvent) {
        let opened = {
            let mut current = self.current.borrow_mut();
            match current.as_ref() {
                Some(live) if is_target(event, &live.ws) => current.take().is_some_and(|live| live.opened),
                _ => return,
            }
        };
        // Every close, including 1001 (server going away), reconnects with backoff.
        self.schedule_retry();
        self.emit(SocketEvent::Closed { opened });
    }

    fn schedule_retry(self: &Rc<Self>) {
        if let Some(pending) = self.retry.take() {
            // Already scheduled: keep the earlier timer.
            self.retry.set(Some(pending));
            return;
        }
        let delay = self.backoff.borrow_mut().next_delay(js_sys::Math::random());
        let weak = Rc::downgrade(self);
        let handle = set_timeout_with_handle(
            move || {
                if let Some(inner) = weak.upgrade() {
                    inner.retry.set(None);
                    inner.connect();
                }
            },
            delay,
        );
        self.retry.set(handle.ok());
    }

    fn emit(&self, event: SocketEvent) {
        // Cloned out first: the handler may call back into the socket.
        let handler = self.handler.borrow().clone();
        if let Some(handler) = handler {
            handler(event);
        }
    }
}

/// Reconnects at once when the network returns or the visitor comes back to the page,
/// instead of waiting out a long backoff.
fn watch_browser(inner: &Rc<Inner>) {
    let weak = Rc::downgrade(inner);
    let online = window_event_listener_untyped("online", move |_| {
        if let Some(inner) = weak.upgrade() {
            inner.backoff.borrow_mut().reset();
            inner.reconnect_now();
        }
    });
    let weak = Rc::downgrade(inner);
    let visible = window_event_listener_untyped("visibilitychange", move |_| {
        if let Some(inner) = weak.upgrade().filter(|_| !document().hidden()) {
            inner.reconnect_now();
        }
    });
    // Both listeners stay for the life of the page; dropping the handles keeps them.
    drop((online, visible));
}

fn is_target(event: &Event, ws: &WebSocket) -> bool {
    event.target().is_some_and(|target| Object::is(&target, ws))
}

/// `ws(s)://<host>/api/v1/widget/ws` on the messenger's own origin.
fn socket_url() -> String {
    let location = window().location();
    let scheme = if location.protocol().is_ok_and(|protocol| protocol == "https:") { "wss" } else { "ws" };
    let host = location.host().unwrap_or_default();
    format!("{scheme}://{host}/api/v1/widget/ws")
}
