//! The conversation controller: everything the messenger shows, as signals, and the
//! visitor's actions (send, retry, type, close).
//!
//! Socket events and host messages come in through `incoming`; the rules that follow
//! the state (read receipts, page context, the unread badge, saving the outbox) live in
//! `sync`. Non-`Send` browser handles (socket, timers' bookkeeping) sit in `Runtime`,
//! kept in a local `StoredValue` so `Chat` itself stays `Copy` and usable in views.

mod access;
mod incoming;
mod sync;

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use client::outbox::{Outbox, Pending, Resend};
use client::timeline::Timeline;
use client::web::socket::Socket;
use client::web::uploads::Uploads;
use client::web::{dom, random};
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::access::AccessBrief;
use protocol::frames::ClientFrame;
use protocol::limits::DEFAULT_MAX_BODY_CHARS;

pub(crate) use self::sync::is_sendable;
use crate::host::{self, Host, ToHost};
use crate::launch::Launch;
use crate::session::{self, Established};
use crate::storage;
use crate::typing::TypingThrottle;

/// How long a sent message waits for its ack before it shows as failed.
const ACK_DEADLINE: Duration = Duration::from_secs(10);
/// How long the messenger inside a host page waits for the loader's `init` before it
/// gets a session anyway.
const HOST_INIT_WAIT: Duration = Duration::from_secs(3);

/// How far getting a visitor session has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Boot {
    /// The first attempt is under way.
    Starting,
    /// The server could not be reached; retrying with backoff.
    Unreachable,
    /// Too many new visitors from this network just now; retrying after the wait.
    Limited,
    /// The server refused for good, with this reason; not retrying.
    Refused(String),
    /// A session exists and the socket is in charge.
    Ready,
}

/// The state of the WebSocket, as the visitor should understand it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// Before the first connection.
    Connecting,
    /// Open; the replay after `subscribe` is still arriving.
    Open,
    /// Open and caught up (`synced`).
    Live,
    /// The connection was lost (or never came); a reconnect is scheduled.
    Reconnecting,
}

impl Link {
    /// Whether frames can be written now.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::Live)
    }
}

/// The messenger's state and actions. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct Chat {
    /// From the session; `None` until it is known.
    pub workspace_name: RwSignal<Option<String>>,
    /// The longest message body the server accepts, in characters.
    pub max_body_chars: RwSignal<usize>,
    /// How long after its newest message an open chat keeps the loader preloading the
    /// messenger; `None` until the session says.
    pub preload_idle_ms: RwSignal<Option<protocol::Millis>>,
    /// How far getting a session has come.
    pub boot: RwSignal<Boot>,
    /// The socket's state.
    pub link: RwSignal<Link>,
    /// Committed messages.
    pub timeline: RwSignal<Timeline>,
    /// The visitor's unacknowledged messages.
    pub outbox: RwSignal<Outbox>,
    /// `None` until the server says.
    pub agents_online: RwSignal<Option<u32>>,
    /// Whether "Support is typing…" shows.
    pub agent_typing: RwSignal<bool>,
    /// Agent messages the visitor has not read, as the server counts them.
    pub unread: RwSignal<i64>,
    /// A short-lived message for the status area (error frames without a client id).
    pub notice: RwSignal<Option<String>>,
    /// Whether the loader shows the messenger panel.
    pub panel_open: RwSignal<bool>,
    /// Whether the document is visible (not a background tab).
    pub page_visible: RwSignal<bool>,
    /// The host page's URL, from the loader.
    pub page_url: RwSignal<Option<String>>,
    /// The host page's viewport, from the loader ("1280×720").
    pub viewport: RwSignal<Option<String>>,
    /// The host page's recent uncaught errors, when the host lets the loader keep them.
    pub page_errors: RwSignal<Vec<String>>,
    /// Who the host application says the visitor is, sent with the page context.
    pub identity: RwSignal<Option<protocol::api::VisitorIdentity>>,
    /// Bumped when the composer should take focus.
    pub focus_requests: RwSignal<u32>,
    /// The composer's text; kept here, not in the composer, so it survives the composer
    /// leaving the screen while the visitor reads an article.
    pub draft: RwSignal<String>,
    /// Whether the visitor has a conversation, as the server last said (remembered
    /// across page loads): the messenger then opens on the chat.
    pub has_conversation: RwSignal<bool>,
    /// Files attached to the message being written.
    pub attachments: Uploads,
    /// The verified user's support access, as the socket last said; `None` until it
    /// has (and for a visitor who is not verified).
    pub access: RwSignal<Option<AccessBrief>>,
    /// Whether the conversation log is on screen. Read receipts wait for it, so a reply
    /// that arrives while the visitor browses articles stays unread.
    pub log_visible: RwSignal<bool>,
    runtime: StoredValue<Rc<Runtime>, LocalStorage>,
}

/// The browser-side machinery behind the signals.
struct Runtime {
    app_id: String,
    host: Host,
    socket: Socket,
    typing: RefCell<TypingThrottle>,
    /// Generation of the agent typing indicator: a hide timer only acts if no newer
    /// `typing` frame came in since it was set.
    typing_shown: Cell<u64>,
    /// Generation of the notice, for the same reason.
    notice_shown: Cell<u64>,
    /// The highest seq a `read` was sent for on this connection.
    read_sent: Cell<i64>,
    /// The page URL sent as `context` on this connection.
    context_sent: RefCell<Option<(String, Option<protocol::api::VisitorIdentity>)>>,
    /// The host asked to revoke support access before the socket said how it stands.
    revoke_pending: Cell<bool>,
    /// Whether a token check is under way.
    checking_token: Cell<bool>,
    /// Whether getting a session has begun. Inside a host page it waits for the
    /// loader's first `init`, so a different user there is noticed before anything of
    /// the previous one loads.
    session_started: Cell<bool>,
}

impl Chat {
    /// Creates the state, restores the outbox, wires the socket and the host bridge,
    /// and starts getting a session. Call inside a component: it installs effects.
    pub fn start(launch: Launch) -> Self {
        let Launch { app_id, host_origin, reset } = launch;
        if reset {
            storage::forget_visitor(&app_id);
        }
        let waits_for_host = host_origin.is_some() && host::is_embedded();
        let runtime = Rc::new(Runtime {
            host: Host::new(host_origin),
            socket: Socket::new("/api/v1/widget/ws"),
            typing: RefCell::new(TypingThrottle::default()),
            typing_shown: Cell::new(0),
            notice_shown: Cell::new(0),
            read_sent: Cell::new(0),
            context_sent: RefCell::new(None),
            checking_token: Cell::new(false),
            revoke_pending: Cell::new(false),
            session_started: Cell::new(false),
            app_id,
        });
        let chat = Self {
            workspace_name: RwSignal::new(None),
            max_body_chars: RwSignal::new(DEFAULT_MAX_BODY_CHARS),
            preload_idle_ms: RwSignal::new(None),
            boot: RwSignal::new(Boot::Starting),
            link: RwSignal::new(Link::Connecting),
            timeline: RwSignal::new(Timeline::default()),
            outbox: RwSignal::new(storage::outbox(&runtime.app_id)),
            agents_online: RwSignal::new(None),
            agent_typing: RwSignal::new(false),
            unread: RwSignal::new(0),
            notice: RwSignal::new(None),
            // Opened on its own (not in an iframe), the page is the panel.
            panel_open: RwSignal::new(!host::is_embedded()),
            page_visible: RwSignal::new(!document().hidden()),
            page_url: RwSignal::new(None),
            viewport: RwSignal::new(None),
            page_errors: RwSignal::new(Vec::new()),
            identity: RwSignal::new(None),
            focus_requests: RwSignal::new(0),
            draft: RwSignal::new(storage::draft(&runtime.app_id)),
            has_conversation: RwSignal::new(storage::has_conversation(&runtime.app_id)),
            attachments: Uploads::new("/api/v1/widget/uploads"),
            // The help center turns this off while it shows something else.
            log_visible: RwSignal::new(true),
            access: RwSignal::new(None),
            runtime: StoredValue::new_local(Rc::clone(&runtime)),
        };
        runtime.socket.on_event(move |event| chat.on_socket(event));
        runtime.host.listen(move |message| chat.on_host(message));
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            chat.page_visible.set(!document().hidden());
        });
        // Stays for the life of the page.
        drop(visibility);
        sync::install(chat);
        // Messages restored from an earlier page load get a deadline now, so without a
        // connection they turn "failed" instead of "sending" forever.
        let restored: Vec<(String, u32)> = chat.outbox.with_untracked(|outbox| {
            outbox.entries().iter().map(|entry| (entry.client_id.clone(), entry.attempt)).collect()
        });
        for (client_id, attempt) in restored {
            chat.start_deadline(client_id, attempt);
        }
        if waits_for_host {
            // The loader answers `ready` with `init` at once; a page that embeds the
            // messenger without the loader gets a session all the same.
            set_timeout(move || chat.establish_session(), HOST_INIT_WAIT);
        } else {
            chat.establish_session();
        }
        chat
    }

    /// Tells the loader the messenger is mounted.
    pub fn announce_ready(&self) {
        if let Some(runtime) = self.runtime() {
            runtime.host.post(&crate::look::ready());
        }
    }

    /// The token the visitor's requests carry; `None` until a session is established.
    pub fn token(&self) -> Option<String> {
        self.runtime()?.socket.token()
    }

    /// The workspace's app id, which names everything the messenger stores.
    pub fn app_id(&self) -> Option<String> {
        Some(self.runtime()?.app_id.clone())
    }

    /// The composer's text changed: keep and save it, and tell the agent the visitor is typing
    /// (or stopped, when the box is empty).
    pub fn draft_changed(&self, text: &str) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        self.draft.set(text.to_owned());
        storage::set_draft(&runtime.app_id, text);
        if !self.link.get_untracked().is_open() {
            return;
        }
        let change = runtime.typing.borrow_mut().on_input(!text.trim().is_empty(), js_sys::Date::now());
        if let Some(is_typing) = change {
            send_typing(&runtime, is_typing);
        }
    }

    /// Sends a message: shows it at once as "sending", keeps it in the outbox until the
    /// ack, and writes it to the socket if open (else it goes out on the next open); the
    /// draft empties.
    /// Returns `false`, doing nothing, for an empty or too long body.
    pub fn send(&self, text: &str) -> bool {
        let body = text.trim();
        let files = self.attachments.ready();
        if (body.is_empty() && files.is_empty()) || body.chars().count() > self.max_body_chars.get_untracked() {
            return false;
        }
        let Some(runtime) = self.runtime() else {
            return false;
        };
        let pending = Pending::new(random::client_id(), body.to_owned(), None, dom::now_ms()).with_files(files);
        let first = self.outbox.try_update(|outbox| outbox.push(pending)).flatten();
        self.attachments.clear();
        self.draft.set(String::new());
        storage::set_draft(&runtime.app_id, "");
        if let Some(first) = first {
            self.write_message(&runtime, first);
        }
        let change = runtime.typing.borrow_mut().stop();
        if let Some(is_typing) = change {
            send_typing(&runtime, is_typing);
        }
        true
    }

    /// Sends a failed message again with the same client id.
    pub fn retry(&self, client_id: &str) {
        self.resend(client_id);
        // The Retry button goes away with the failure; focus goes somewhere useful.
        self.request_focus();
    }

    /// Writes a message again with the same client id, if it is still pending.
    fn resend(&self, client_id: &str) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        if let Some(resend) = self.outbox.try_update(|outbox| outbox.retry(client_id)).flatten() {
            self.write_message(&runtime, resend);
        }
    }

    /// The visitor pressed the close button (or Escape).
    pub fn close(&self) {
        if let Some(runtime) = self.runtime() {
            runtime.host.post(&ToHost::Close);
        }
    }

    fn runtime(&self) -> Option<Rc<Runtime>> {
        self.runtime.try_get_value()
    }

    fn request_focus(&self) {
        self.focus_requests.update(|count| *count = count.wrapping_add(1));
    }

    /// Starts the ack deadline of one attempt and writes the message if the socket is
    /// open.
    fn write_message(&self, runtime: &Runtime, resend: Resend) {
        self.start_deadline(resend.client_id.clone(), resend.attempt);
        runtime.socket.send(&resend.frame());
    }

    fn start_deadline(&self, client_id: String, attempt: u32) {
        let outbox = self.outbox;
        set_timeout(move || outbox.maybe_update(|outbox| outbox.expire(&client_id, attempt)), ACK_DEADLINE);
    }

    /// Gets a session (retrying while the server is unreachable), then connects. Only
    /// the first call does anything.
    fn establish_session(self) {
        let Some(runtime) = self.runtime().filter(|runtime| !runtime.session_started.replace(true)) else {
            return;
        };
        spawn_local(async move {
            let boot = self.boot;
            let on_retry = move |limited| boot.set(if limited { Boot::Limited } else { Boot::Unreachable });
            match session::establish_with_retry(&runtime.app_id, on_retry).await {
                Ok(established) => self.adopt(established, false),
                Err(reason) => boot.set(Boot::Refused(reason.message)),
            }
        });
    }

    /// Takes a session into use. `replaces_visitor` is true when the server forgot the
    /// old visitor and a new one was created: the old conversation is no longer ours.
    fn adopt(self, established: Established, replaces_visitor: bool) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let Established { session, token } = established;
        self.workspace_name.set(Some(session.workspace_name));
        self.max_body_chars.set(session.max_body_chars.max(1));
        self.preload_idle_ms.set(Some(session.preload_idle_ms));
        self.boot.set(Boot::Ready);
        if replaces_visitor {
            self.timeline.set(Timeline::default());
            self.unread.set(0);
            self.agent_typing.set(false);
            runtime.read_sent.set(0);
        }
        runtime.socket.start(Some(token));
    }
}

/// Writes a typing frame; if it could not be written, the throttle forgets, so the next
/// keystroke tries again.
fn send_typing(runtime: &Runtime, is_typing: bool) {
    if !runtime.socket.send(&ClientFrame::Typing { conversation_id: None, is_typing }) {
        runtime.typing.borrow_mut().forget();
    }
}
