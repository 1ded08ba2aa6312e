//! The signed-in console's shared state and lifecycle: the connection, the inbox and the
//! selected conversation. Message traffic lives in `chat.rs`.

use client::web::uploads::Uploads;
use std::collections::HashMap;
use std::time::Duration;

use client::outbox::{Outbox, SavedMessage};
use client::web::socket::{Socket, SocketEvent};
use client::web::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::{AgentSession, ConversationSummary, Message, Role};
use protocol::frames::ClientFrame;
use protocol::inbox::AgentAvailability;

use crate::alerts::Alerts;
use crate::api::{self, ApiError};
use crate::dom::{self, Listener};
use crate::drafts::{DraftOf, Drafts};
use crate::inbox::InboxFilter;
use crate::state::{self, Auth, Detail, Link, OpenConversation, Page};

/// How often relative times ("5 min ago") are refreshed.
const CLOCK_TICK: Duration = Duration::from_secs(30);
/// How long a notice stays in the status area.
const NOTICE_FOR: Duration = Duration::from_secs(6);
/// The localStorage kind the outbox is saved under, scoped by agent id
/// (`helpline.agent-outbox.<agent_id>`), so a reload resends it and another agent
/// signing in on this browser never sends it.
const OUTBOX_KEY: &str = "agent-outbox";

/// Everything the signed-in views share. `Copy`: every field is an arena handle, owned
/// by the component that created it, so it all goes away on sign-out.
#[derive(Clone, Copy)]
pub struct Console {
    /// The signed-in agent; fixed for the console's life.
    pub session: StoredValue<AgentSession>,
    auth: RwSignal<Auth>,
    pub page: RwSignal<Page>,
    pub link: RwSignal<Link>,
    /// A short-lived line for the status area, e.g. an error frame without a client id.
    pub notice: RwSignal<Option<String>>,
    /// The inbox, newest updated first; `None` until the first fetch answers.
    pub inbox: RwSignal<Option<Vec<ConversationSummary>>>,
    pub inbox_error: RwSignal<Option<String>>,
    /// What the inbox lists.
    pub filter: RwSignal<InboxFilter>,
    /// Whether the server may have more rows than listed.
    pub inbox_more: RwSignal<bool>,
    /// The workspace's agents, for assignee names and pickers; empty until fetched.
    pub agents: RwSignal<Vec<AgentAvailability>>,
    /// Whether the composer writes a note for the team rather than a reply.
    pub note_mode: RwSignal<bool>,
    /// The title count, notifications and sound for chats waiting for the agent.
    pub alerts: Alerts,
    pub selected: RwSignal<Option<i64>>,
    pub detail: RwSignal<Detail>,
    /// The selected conversation's stored messages. Invariant: sorted by seq, no repeats.
    pub messages: RwSignal<Vec<Message>>,
    /// Unacknowledged messages of every conversation, oldest first; saved, so they
    /// survive a reload and are sent again.
    pub outbox: RwSignal<Outbox>,
    pub visitor_typing: RwSignal<bool>,
    /// The host user whose support access changed last, set on every `access` frame
    /// (setting notifies even when the same user changes again): views that show
    /// someone's access read it anew.
    pub access_changed: RwSignal<Option<String>>,
    /// The reply box's text for the selected conversation.
    pub reply: RwSignal<String>,
    /// Files attached to that reply; they go with whichever conversation is open, so
    /// opening another one drops them.
    pub reply_files: Uploads,
    /// The time relative ages are measured against.
    pub now: RwSignal<i64>,
    pub page_visible: RwSignal<bool>,
    socket: StoredValue<Option<Socket>, LocalStorage>,
    listeners: StoredValue<Vec<Listener>, LocalStorage>,
    pub(crate) memory: StoredValue<Memory>,
    /// The agent's unsent replies, to conversations and tickets alike.
    pub(crate) drafts: StoredValue<Drafts>,
}

/// Bookkeeping that drives no view.
#[derive(Debug, Default)]
pub(crate) struct Memory {
    /// When `typing {is_typing:true}` was last sent, and for which conversation.
    pub typing_sent: Option<(i64, i64)>,
    /// Bumped on every visitor typing frame so only the newest one's timer hides it.
    pub typing_generation: u64,
    pub notice_generation: u64,
    /// Bumped per inbox fetch so a slow, older answer cannot overwrite a newer one.
    pub inbox_generation: u64,
    /// The highest seq reported read, per conversation.
    pub read_sent: HashMap<i64, i64>,
    /// Set when a conversation is opened, so its thread takes the focus once shown.
    pub focus_thread: bool,
}

impl Console {
    /// Creates the state for a freshly signed-in agent; call [`Console::start`] next.
    pub fn new(session: AgentSession, auth: RwSignal<Auth>) -> Self {
        let outbox = storage::outbox(OUTBOX_KEY, &session.agent.id.to_string());
        let drafts = Drafts::of_agent(session.agent.id);
        let alerts = Alerts::new(session.agent.id.to_string());
        Self {
            session: StoredValue::new(session),
            auth,
            page: RwSignal::new(Page::Inbox),
            link: RwSignal::new(Link::Connecting),
            notice: RwSignal::new(None),
            inbox: RwSignal::new(None),
            inbox_error: RwSignal::new(None),
            filter: RwSignal::new(InboxFilter::default()),
            inbox_more: RwSignal::new(false),
            agents: RwSignal::new(Vec::new()),
            note_mode: RwSignal::new(false),
            alerts,
            selected: RwSignal::new(None),
            detail: RwSignal::new(Detail::Loading),
            messages: RwSignal::new(Vec::new()),
            outbox: RwSignal::new(outbox),
            visitor_typing: RwSignal::new(false),
            access_changed: RwSignal::new(None),
            reply: RwSignal::new(String::new()),
            reply_files: Uploads::new("/api/v1/uploads"),
            now: RwSignal::new(dom::now_ms()),
            page_visible: RwSignal::new(dom::page_visible()),
            socket: StoredValue::new_local(None),
            listeners: StoredValue::new_local(Vec::new()),
            memory: StoredValue::new(Memory::default()),
            drafts: StoredValue::new(drafts),
        }
    }

    /// Connects, fetches the inbox and starts the clock. Everything stops when the
    /// calling component's owner is cleaned up.
    pub fn start(self) {
        self.save_outbox();
        self.start_restored_deadlines();
        let socket = Socket::new("/api/v1/agent/ws");
        socket.on_event(move |event| match event {
            SocketEvent::Opened => self.connected(),
            SocketEvent::Frame(frame) => self.on_frame(frame),
            SocketEvent::Closed { opened } => self.disconnected(opened),
        });
        // The session cookie authenticates the agent's socket.
        socket.start(None);
        self.socket.set_value(Some(socket));

        let page_visible = self.page_visible;
        let visibility = Listener::on_document("visibilitychange", move |_| page_visible.set(dom::page_visible()));
        self.listeners.update_value(|listeners| listeners.extend(visibility));

        let now = self.now;
        if let Ok(clock) = set_interval_with_handle(move || now.set(dom::now_ms()), CLOCK_TICK) {
            on_cleanup(move || clock.clear());
        }

        self.report_reads();
        self.refresh_inbox();
        self.load_agents();
        self.alerts.start(self);
    }

    /// The signed-in agent's id.
    pub fn my_id(self) -> i64 {
        self.session.with_value(|session| session.agent.id)
    }

    /// An agent's name, if the console knows them.
    pub fn agent_name_of(self, id: i64) -> Option<String> {
        self.agents.with(|agents| agents.iter().find(|agent| agent.id == id).map(|agent| agent.name.clone()))
    }

    /// The name of agent `id`, or "Agent #7" while the agents are unknown.
    pub fn agent_name_or_number(self, id: i64) -> String {
        self.agent_name_of(id)
            .unwrap_or_else(|| crate::l10n::t_with("agent-number", &[("id", (&id.to_string()).into())]))
    }

    /// Fetches the workspace's agents; without them pickers offer "me" and "nobody".
    pub fn load_agents(self) {
        spawn_local(async move {
            match api::chat_agents().await {
                Ok(agents) => {
                    let _ = self.agents.try_set(agents);
                }
                Err(error) => {
                    self.explain(&error);
                }
            }
        });
    }

    /// Changes what the inbox lists and fetches it anew.
    pub fn set_filter(self, change: impl FnOnce(&mut InboxFilter)) {
        self.filter.update(change);
        self.inbox.set(None);
        self.refresh_inbox();
    }

    /// The signed-in agent's display name.
    pub fn agent_name(self) -> String {
        self.session.with_value(|session| session.agent.name.clone())
    }

    /// The signed-in agent's id, as the storage scope of what the console saves.
    pub(crate) fn agent_id(self) -> String {
        self.session.with_value(|session| session.agent.id.to_string())
    }

    /// Writes the saved outbox whenever what would be saved changes, so a reload resends
    /// what the server has not acknowledged.
    fn save_outbox(self) {
        let scope = self.agent_id();
        Effect::new(move |previous: Option<Vec<SavedMessage>>| {
            let saved = self.outbox.with(Outbox::saved);
            // The first run sees what was just restored: nothing to write.
            if previous.is_some_and(|previous| previous != saved) {
                storage::set_outbox(OUTBOX_KEY, &scope, &saved);
            }
            saved
        });
    }

    /// Whether the agent may change workspace settings.
    pub fn is_admin(self) -> bool {
        self.session.with_value(|session| session.agent.role == Role::Admin)
    }

    /// The token for the `x-csrf-token` header.
    pub fn csrf_token(self) -> String {
        self.session.with_value(|session| session.csrf_token.clone())
    }

    /// Signs out on the server, then shows the login form whatever the answer: the agent
    /// asked to leave, and a failed call leaves nothing for them to do here. Messages
    /// still unacknowledged are forgotten with the session: on a shared computer they
    /// must not go out when the agent next signs in.
    pub fn sign_out(self) {
        self.stop_typing();
        self.outbox.set(Outbox::default());
        storage::remove(OUTBOX_KEY, &self.agent_id());
        let csrf_token = self.csrf_token();
        let auth = self.auth;
        spawn_local(async move {
            let _ = api::logout(&csrf_token).await;
            auth.set(Auth::SignedOut);
        });
    }

    /// Runs `fetch` and puts its answer in `into`, or the explained error in `error`.
    /// Nothing is written once the view that owns `into` is gone.
    pub fn load_into<T>(
        self,
        into: RwSignal<Option<T>>,
        error: RwSignal<Option<String>>,
        fetch: impl std::future::Future<Output = Result<T, ApiError>> + 'static,
    ) where
        T: Send + Sync + 'static,
    {
        error.set(None);
        spawn_local(async move {
            let result = fetch.await;
            if into.is_disposed() {
                return;
            }
            match result {
                Ok(loaded) => into.set(Some(loaded)),
                Err(failure) => error.set(Some(self.explain(&failure))),
            }
        });
    }

    /// Turns an API error into text for the view; a lost session shows the login form.
    pub fn explain(self, error: &ApiError) -> String {
        if error.is_unauthorized() {
            self.auth.set(Auth::SignedOut);
        }
        crate::l10n::error_text(error)
    }

    /// Shows `text` in the status area for a few seconds.
    pub fn show_notice(self, text: String) {
        let Some(generation) = self.memory.try_update_value(|memory| {
            memory.notice_generation += 1;
            memory.notice_generation
        }) else {
            return;
        };
        self.notice.set(Some(text));
        let (notice, memory) = (self.notice, self.memory);
        set_timeout(
            move || {
                if memory.try_with_value(|memory| memory.notice_generation) == Some(generation) {
                    notice.set(None);
                }
            },
            NOTICE_FOR,
        );
    }

    /// Sends a frame if connected; returns whether it went out.
    pub(crate) fn send(self, frame: &ClientFrame) -> bool {
        self.socket.try_with_value(|socket| socket.as_ref().is_some_and(|socket| socket.send(frame))).unwrap_or(false)
    }

    /// Opens a conversation: shows its history, then follows it live, and moves the
    /// focus to it once shown.
    pub fn select(self, id: i64) {
        let previous = self.selected.get_untracked();
        if previous == Some(id) {
            if self.detail.with_untracked(|detail| matches!(detail, Detail::Failed(_))) {
                self.load_detail(id);
            }
            return;
        }
        self.stop_typing();
        let draft = self.drafts.try_with_value(|drafts| drafts.load(DraftOf::Conversation(id)));
        self.memory.update_value(|memory| memory.focus_thread = true);
        // Clear the old conversation before naming the new one, so nothing ever shows
        // one conversation's messages under another's id.
        self.detail.set(Detail::Loading);
        self.messages.set(Vec::new());
        self.visitor_typing.set(false);
        self.reply.set(draft.unwrap_or_default());
        self.reply_files.clear();
        self.selected.set(Some(id));
        self.alerts.read(id);
        self.load_detail(id);
    }

    /// Closes the open conversation, e.g. on going back to `/console/inbox`. Its draft
    /// stays stored.
    pub fn deselect(self) {
        if self.selected.get_untracked().is_none() {
            return;
        }
        self.stop_typing();
        self.selected.set(None);
        self.detail.set(Detail::Loading);
        self.messages.set(Vec::new());
        self.visitor_typing.set(false);
        self.reply.set(String::new());
        self.reply_files.clear();
    }

    /// Whether the open conversation's thread should take the focus; true once per opening.
    pub fn take_thread_focus(self) -> bool {
        self.memory.try_update_value(|memory| std::mem::take(&mut memory.focus_thread)).unwrap_or(false)
    }

    /// Fetches a conversation's detail again, e.g. after a failed load.
    pub fn load_detail(self, id: i64) {
        self.detail.set(Detail::Loading);
        spawn_local(async move {
            let result = api::conversation(id).await;
            // The agent may have moved on (or signed out) while this was loading.
            if self.selected.try_get_untracked() != Some(Some(id)) {
                return;
            }
            match result {
                Ok(detail) => {
                    self.messages.update(|messages| {
                        for message in detail.messages {
                            state::insert_message(messages, message);
                        }
                    });
                    let open = OpenConversation { summary: detail.summary, visitor: detail.visitor };
                    self.detail.set(Detail::Ready(Box::new(open)));
                    self.subscribe(id);
                }
                // The same answer whether the conversation never existed or belongs to
                // another workspace, so an address reveals nothing.
                Err(ApiError::Status { status: 404, .. }) => self.detail.set(Detail::Missing),
                Err(error) => self.detail.set(Detail::Failed(self.explain(&error))),
            }
        });
    }

    /// Asks for everything after the newest message shown, then live updates.
    fn subscribe(self, id: i64) {
        let after_seq = self.messages.with_untracked(|messages| state::last_seq(messages));
        self.send(&ClientFrame::Subscribe { conversation_id: Some(id), after_seq });
    }

    /// Fetches the inbox's first page, keeping rows that changed live while the request
    /// was out.
    pub fn refresh_inbox(self) {
        self.fetch_inbox(false);
    }

    /// Fetches the page after the last row listed.
    pub fn load_more(self) {
        self.fetch_inbox(true);
    }

    fn fetch_inbox(self, more: bool) {
        let Some(generation) = self.memory.try_update_value(|memory| {
            memory.inbox_generation += 1;
            memory.inbox_generation
        }) else {
            return;
        };
        let last = if more {
            self.inbox.with_untracked(|inbox| inbox.as_ref().and_then(|rows| rows.last().cloned()))
        } else {
            None
        };
        let query = self.filter.with_untracked(|filter| filter.query(last.as_ref()));
        spawn_local(async move {
            let result = api::conversations(&query).await;
            if self.memory.try_with_value(|memory| memory.inbox_generation) != Some(generation) {
                return;
            }
            match result {
                Ok(fetched) => {
                    self.inbox_more.set(fetched.len() >= crate::inbox::PAGE);
                    self.inbox.update(|inbox| {
                        let current = inbox.take().unwrap_or_default();
                        *inbox = Some(if more {
                            let mut rows = current;
                            for summary in fetched {
                                state::upsert_summary(&mut rows, summary);
                            }
                            rows
                        } else {
                            state::merge_inbox(&current, fetched)
                        });
                    });
                    self.inbox_error.set(None);
                }
                Err(error) => self.inbox_error.set(Some(self.explain(&error))),
            }
        });
    }

    /// A row changed live: updated, added or removed as the filter says.
    pub(crate) fn inbox_changed(self, summary: ConversationSummary) {
        let me = self.my_id();
        let filter = self.filter.get_untracked();
        self.inbox.update(|inbox| {
            let rows = inbox.get_or_insert_with(Vec::new);
            let listed = rows.iter().any(|row| row.id == summary.id);
            if filter.admits(&summary, me, listed) {
                state::upsert_summary(rows, summary);
            } else {
                rows.retain(|row| row.id != summary.id);
            }
        });
    }

    /// The socket (re)opened: catch up on everything that may have been missed.
    fn connected(self) {
        self.link.set(Link::Open);
        self.refresh_inbox();
        let ready = self.detail.with_untracked(|detail| matches!(detail, Detail::Ready(_)));
        // A conversation still loading subscribes itself when its detail arrives.
        if let Some(id) = self.selected.get_untracked()
            && ready
        {
            self.subscribe(id);
        }
        self.resend_outbox();
    }

    fn disconnected(self, had_opened: bool) {
        self.link.set(Link::Reconnecting);
        self.visitor_typing.set(false);
        if !had_opened {
            self.check_session();
        }
    }

    /// A connection that never opens may mean the session expired: the handshake is
    /// refused without a reason the browser can see, so ask the REST API.
    fn check_session(self) {
        let auth = self.auth;
        spawn_local(async move {
            if api::me().await.is_err_and(|error| error.is_unauthorized()) {
                auth.set(Auth::SignedOut);
            }
        });
    }
}
