//! The WebSocket both apps use: one connection that reconnects by itself, as
//! [`crate::reconnect`] decides. It offers the visitor token as a subprotocol (never in
//! the URL) or, for the console, only the protocol name (the session cookie
//! authenticates), parses server frames and reports what happens.
//!
//! Frames that do not parse (say, a newer server's) are ignored: they are not the
//! client's error to show. Dropping the last handle closes the connection for good.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use js_sys::{Array, Object};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, Event, MessageEvent, WebSocket};

use super::dom::{self, Listener, Timeout};
use super::random;
use crate::reconnect::{Reconnect, Wake};

/// Close code for a deliberate, normal close.
const NORMAL_CLOSURE: u16 = 1000;

/// What the socket reports.
#[derive(Debug)]
pub enum SocketEvent {
    /// The socket is open; the owner subscribes and resends its outbox.
    Opened,
    /// A frame from the server.
    Frame(ServerFrame),
    /// The socket closed (or could not be created) and a reconnect is scheduled.
    /// `opened` is false when the handshake never completed, for example because the
    /// server refused the credentials.
    Closed { opened: bool },
}

/// A cheap handle to the one connection; clones share it.
#[derive(Clone)]
pub struct Socket {
    inner: Rc<Inner>,
}

impl Socket {
    /// A socket for `path` on the page's own origin that does nothing until
    /// [`Socket::start`].
    pub fn new(path: &str) -> Self {
        let url = dom::websocket_url(path);
        Self { inner: Rc::new_cyclic(|weak| Inner::new(url, weak)) }
    }

    /// Sets what receives the socket's events.
    pub fn on_event(&self, handler: impl Fn(SocketEvent) + 'static) {
        *self.inner.handler.borrow_mut() = Some(Rc::new(handler));
    }

    /// Starts connecting, with the visitor `token` or (`None`) the session cookie, and
    /// keeps the connection up from then on. Called again, it replaces the token for the
    /// next attempt and, if waiting to retry, makes that attempt now.
    pub fn start(&self, token: Option<String>) {
        *self.inner.token.borrow_mut() = token;
        if !self.inner.watching.replace(true) {
            watch_browser(&self.inner);
        }
        let connect = {
            let mut plan = self.inner.plan.borrow_mut();
            plan.woke(Wake::Visible) || plan.connect()
        };
        if connect {
            self.inner.connect();
        }
    }

    /// The visitor token the socket connects with.
    pub fn token(&self) -> Option<String> {
        self.inner.token.borrow().clone()
    }

    /// Writes a frame if the socket is open. Returns whether it was written; callers
    /// that must not lose a frame keep it and write it again after the next `Opened`.
    pub fn send(&self, frame: &ClientFrame) -> bool {
        let current = self.inner.current.borrow();
        let Some(ws) = current.as_ref().filter(|ws| ws.ready_state() == WebSocket::OPEN) else {
            return false;
        };
        crate::json::to_string(frame).is_some_and(|text| ws.send_with_str(&text).is_ok())
    }
}

/// Receives the socket's events.
type Handler = Rc<dyn Fn(SocketEvent)>;

struct Inner {
    url: String,
    token: RefCell<Option<String>>,
    plan: RefCell<Reconnect>,
    /// The socket being opened or open; `None` while waiting to reconnect.
    current: RefCell<Option<WebSocket>>,
    retry: Cell<Option<Timeout>>,
    handler: RefCell<Option<Handler>>,
    /// Whether the `online` and `visibilitychange` listeners are installed.
    watching: Cell<bool>,
    listeners: RefCell<Vec<Listener>>,
    callbacks: Callbacks,
}

/// The event handlers, made once and shared by every socket this connection opens.
/// Keeping them as long as the connection means a handler is never dropped while it
/// runs; each one ignores events from sockets that are no longer current.
struct Callbacks {
    open: Closure<dyn FnMut(Event)>,
    message: Closure<dyn FnMut(MessageEvent)>,
    close: Closure<dyn FnMut(CloseEvent)>,
}

impl Inner {
    fn new(url: String, weak: &Weak<Inner>) -> Self {
        let on_open = weak.clone();
        let on_message = weak.clone();
        let on_close = weak.clone();
        Self {
            url,
            token: RefCell::new(None),
            plan: RefCell::new(Reconnect::default()),
            current: RefCell::new(None),
            retry: Cell::new(None),
            handler: RefCell::new(None),
            watching: Cell::new(false),
            listeners: RefCell::new(Vec::new()),
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

    /// Opens a socket; the plan has already agreed.
    fn connect(self: &Rc<Self>) {
        if let Some(pending) = self.retry.take() {
            pending.clear();
        }
        let protocols = match self.token.borrow().as_deref() {
            Some(token) => Array::of2(&WS_PROTOCOL.into(), &format!("{WS_TOKEN_PREFIX}{token}").into()),
            None => Array::of1(&WS_PROTOCOL.into()),
        };
        match WebSocket::new_with_str_sequence(&self.url, &protocols) {
            Ok(ws) => {
                ws.set_onopen(Some(self.callbacks.open.as_ref().unchecked_ref()));
                ws.set_onmessage(Some(self.callbacks.message.as_ref().unchecked_ref()));
                ws.set_onclose(Some(self.callbacks.close.as_ref().unchecked_ref()));
                *self.current.borrow_mut() = Some(ws);
            }
            Err(_) => {
                // Only a malformed URL throws here; keep trying in case it is transient.
                // Reported from a zero-delay timer so listeners never run inside
                // `connect`, which callers may reach while handling another event.
                // The timer is not cancelled by dropping its handle; without a timer,
                // nothing could retry either.
                let weak = Rc::downgrade(self);
                let _ = Timeout::after(Duration::ZERO, move || {
                    if let Some(inner) = weak.upgrade() {
                        inner.went_down();
                    }
                });
            }
        }
    }

    fn is_current(&self, event: &Event) -> bool {
        match (event.target(), self.current.borrow().as_ref()) {
            (Some(target), Some(ws)) => Object::is(&target, ws),
            _ => false,
        }
    }

    fn opened(&self, event: &Event) {
        if !self.is_current(event) {
            return;
        }
        self.plan.borrow_mut().opened(dom::now_ms() as f64);
        self.emit(SocketEvent::Opened);
    }

    fn received(&self, event: &MessageEvent) {
        if !self.is_current(event) {
            return;
        }
        if let Some(frame) = event.data().as_string().and_then(|text| crate::json::from_str(&text)) {
            self.emit(SocketEvent::Frame(frame));
        }
    }

    fn closed(self: &Rc<Self>, event: &CloseEvent) {
        if !self.is_current(event) {
            return;
        }
        self.current.replace(None);
        self.went_down();
    }

    /// The socket closed or could not be created: schedule the retry the plan names.
    fn went_down(self: &Rc<Self>) {
        let closed = self.plan.borrow_mut().closed(dom::now_ms() as f64, random::unit());
        let Some(closed) = closed else {
            return;
        };
        let weak = Rc::downgrade(self);
        let timer = Timeout::after(closed.retry_in, move || {
            if let Some(inner) = weak.upgrade() {
                inner.retry.set(None);
                if inner.plan.borrow_mut().connect() {
                    inner.connect();
                }
            }
        });
        self.retry.set(timer);
        self.emit(SocketEvent::Closed { opened: closed.opened });
    }

    /// The browser suggests connecting now.
    fn woke(self: &Rc<Self>, wake: Wake) {
        let connect = self.plan.borrow_mut().woke(wake);
        if connect {
            self.connect();
        }
    }

    fn emit(&self, event: SocketEvent) {
        // Cloned out first: the handler may call back into the socket.
        let handler = self.handler.borrow().clone();
        if let Some(handler) = handler {
            handler(event);
        }
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.plan.get_mut().stop();
        if let Some(pending) = self.retry.take() {
            pending.clear();
        }
        if let Some(ws) = self.current.take() {
            // Detach first: the callbacks are freed with this struct.
            ws.set_onopen(None);
            ws.set_onmessage(None);
            ws.set_onclose(None);
            let _ = ws.close_with_code(NORMAL_CLOSURE);
        }
    }
}

/// Reconnects at once when the network returns or the user comes back to the page,
/// instead of waiting out a long backoff. The listeners go with the connection.
fn watch_browser(inner: &Rc<Inner>) {
    let online = Rc::downgrade(inner);
    let visible = Rc::downgrade(inner);
    let listeners = [
        Listener::on_window("online", move |_| {
            if let Some(inner) = online.upgrade() {
                inner.woke(Wake::Online);
            }
        }),
        Listener::on_document("visibilitychange", move |_| {
            if let Some(inner) = visible.upgrade().filter(|_| dom::page_visible()) {
                inner.woke(Wake::Visible);
            }
        }),
    ];
    inner.listeners.borrow_mut().extend(listeners.into_iter().flatten());
}
