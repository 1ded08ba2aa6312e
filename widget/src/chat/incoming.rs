//! What the socket and the host page tell the chat, turned into state changes.

use std::time::Duration;

use client::outbox::Outbox;
use client::web::socket::SocketEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::ErrorCode;
use protocol::api::{AuthorKind, Message};
use protocol::frames::{ClientFrame, ServerFrame};

use super::{Chat, Link, Runtime};
use crate::api;
use crate::host::FromHost;
use crate::loose::Loose;
use crate::session;
use crate::storage;

/// The agent's typing indicator hides after this long without a refresh.
const TYPING_EXPIRES: Duration = Duration::from_secs(6);
/// How long a notice stays in the status area.
const NOTICE_LASTS: Duration = Duration::from_secs(6);
/// What the visitor reads when the server asks the socket to slow down (a message id).
const SENDING_TOO_FAST: &str = "chat-sending-too-fast";

impl Chat {
    pub(super) fn on_socket(self, event: SocketEvent) {
        match event {
            SocketEvent::Opened => self.on_open(),
            SocketEvent::Frame(frame) => self.on_frame(frame),
            SocketEvent::Closed { opened } => self.on_close(opened),
        }
    }

    pub(super) fn on_host(self, message: FromHost) {
        match message {
            FromHost::Init { page_url, user, viewport } => {
                let identity = user.as_ref().map(crate::host::identity);
                if self.switches_user(identity.as_ref()) {
                    return;
                }
                self.page_url.set(page_url);
                self.viewport.set(viewport.as_ref().and_then(Loose::text).map(str::to_owned));
                self.identity.set(identity);
                self.establish_session();
            }
            FromHost::Errors { errors } => self.page_errors.set(errors),
            FromHost::RevokeAccess {} => self.revoke_access(),
            FromHost::Visible { open } => {
                self.panel_open.set(open);
                if open {
                    self.request_focus();
                }
            }
        }
    }

    /// Whether the host identified another user than the one this browser's visitor
    /// was: then everything of the previous visitor is forgotten and the messenger
    /// starts over (a reload, so no state of theirs survives in memory either), and user
    /// B never sees user A's conversations or tickets.
    fn switches_user(self, identity: Option<&protocol::api::VisitorIdentity>) -> bool {
        let (Some(runtime), Some(key)) = (self.runtime(), identity.and_then(crate::host::user_key)) else {
            return false;
        };
        match storage::user(&runtime.app_id) {
            Some(previous) if previous != key => {
                storage::forget_visitor(&runtime.app_id);
                // Only reload once the previous user is really forgotten, or a storage
                // that refuses to forget would reload forever.
                storage::user(&runtime.app_id).is_none() && window().location().reload().is_ok()
            }
            Some(_) => false,
            None => {
                storage::set_user(&runtime.app_id, &key);
                false
            }
        }
    }

    /// Subscribes (resuming after the newest seq seen), then resends the outbox.
    fn on_open(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        runtime.read_sent.set(0);
        *runtime.context_sent.borrow_mut() = None;
        runtime.typing.borrow_mut().forget();
        let after_seq = self.timeline.with_untracked(|timeline| timeline.last_seq());
        runtime.socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq });
        self.link.set(Link::Open);
        let resends = self.outbox.try_update(Outbox::resend_all).unwrap_or_default();
        for resend in resends {
            self.write_message(&runtime, resend);
        }
    }

    fn on_close(self, opened: bool) {
        self.link.set(Link::Reconnecting);
        // The agent's indicator would never get its "stopped" while we are away.
        self.agent_typing.set(false);
        if !opened {
            self.verify_token();
        }
    }

    fn on_frame(self, frame: ServerFrame) {
        match frame {
            ServerFrame::Ack { client_id, conversation_id, message_id, seq, created_at } => {
                let pending = self.outbox.try_maybe_update(|outbox| {
                    let pending = outbox.take(&client_id);
                    (pending.is_some(), pending)
                });
                if let Some(pending) = pending.flatten() {
                    let message = Message {
                        id: message_id,
                        conversation_id,
                        seq,
                        author: AuthorKind::Visitor,
                        // Not shown for the visitor's own messages.
                        author_name: String::new(),
                        body: pending.body,
                        client_id,
                        created_at,
                        files: pending.files,
                        internal: false,
                        change: None,
                    };
                    self.timeline.maybe_update(|timeline| timeline.insert(message));
                }
                self.announce_active();
            }
            ServerFrame::Message { message } => self.on_message(message),
            ServerFrame::Synced { conversation_id, .. } => {
                self.link.set(Link::Live);
                if conversation_id.is_some() {
                    self.announce_active();
                } else {
                    self.note_conversation(false);
                }
            }
            ServerFrame::Typing { author, is_typing, .. } => {
                if author != AuthorKind::Visitor {
                    self.show_agent_typing(is_typing);
                }
            }
            ServerFrame::Presence { agents_online } => self.agents_online.set(Some(agents_online)),
            ServerFrame::Unread { count, .. } => self.unread.set(count.max(0)),
            // Agent-only frame.
            ServerFrame::Conversation { .. } => {}
            ServerFrame::Access { access, .. } => self.access_known(access),
            ServerFrame::Error { code: ErrorCode::RateLimited, retry_after_secs, client_id, .. } => {
                self.on_rate_limited(client_id, retry_after_secs.unwrap_or(1));
            }
            // The host's integration is wrong, not something the visitor can act on.
            ServerFrame::Error { code: ErrorCode::IdentityNotVerified, message, .. } => {
                web_sys::console::warn_1(&format!("Helpline: identify was refused: {message}").into());
            }
            ServerFrame::Error { code, client_id, .. } => {
                let reason = crate::l10n::t(refusal(code)).to_owned();
                let refused = client_id.is_some_and(|client_id| {
                    self.outbox.try_maybe_update(|outbox| {
                        let refused = outbox.refuse(&client_id, reason.clone());
                        (refused, refused)
                    }) == Some(true)
                });
                if !refused {
                    self.show_notice(reason);
                }
            }
        }
    }

    /// A frame was over the socket's budget. A refused message stays in the outbox as
    /// "sending" and goes out again, unchanged, after the wait the server named.
    fn on_rate_limited(self, client_id: Option<String>, retry_after_secs: u64) {
        self.show_notice(crate::l10n::t(SENDING_TOO_FAST));
        let Some(client_id) = client_id else {
            return;
        };
        let held = self.outbox.try_maybe_update(|outbox| {
            let held = outbox.hold(&client_id);
            (held, held)
        });
        if held == Some(true) {
            set_timeout(move || self.resend(&client_id), Duration::from_secs(retry_after_secs.max(1)));
        }
    }

    fn on_message(self, message: Message) {
        // The visitor's own message, from this or another tab: if it is pending here,
        // this is its delivery.
        if message.author == AuthorKind::Visitor && !message.client_id.is_empty() {
            let client_id = message.client_id.clone();
            self.outbox.maybe_update(|outbox| outbox.take(&client_id).is_some());
        }
        if message.author == AuthorKind::Agent {
            self.show_agent_typing(false);
        }
        self.timeline.maybe_update(|timeline| timeline.insert(message));
        self.announce_active();
    }

    fn show_agent_typing(self, is_typing: bool) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let generation = runtime.typing_shown.get().wrapping_add(1);
        runtime.typing_shown.set(generation);
        if self.agent_typing.get_untracked() != is_typing {
            self.agent_typing.set(is_typing);
        }
        if is_typing {
            let shown = self.agent_typing;
            let weak = std::rc::Rc::downgrade(&runtime);
            set_timeout(
                move || {
                    if weak.upgrade().is_some_and(|runtime| runtime.typing_shown.get() == generation) {
                        shown.set(false);
                    }
                },
                TYPING_EXPIRES,
            );
        }
    }

    /// Shows `text` in the status area for a while.
    pub(crate) fn show_notice(self, text: String) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        let generation = runtime.notice_shown.get().wrapping_add(1);
        runtime.notice_shown.set(generation);
        self.notice.set(Some(text));
        let notice = self.notice;
        let weak = std::rc::Rc::downgrade(&runtime);
        set_timeout(
            move || {
                if weak.upgrade().is_some_and(|runtime| runtime.notice_shown.get() == generation) {
                    notice.set(None);
                }
            },
            NOTICE_LASTS,
        );
    }

    /// The visitor has a conversation. (How long the loader keeps preloading for it is
    /// `sync`'s business: it follows the newest message.)
    pub(super) fn announce_active(self) {
        self.note_conversation(true);
    }

    /// Remembers whether the visitor has a conversation, here and for later page loads.
    fn note_conversation(self, has_conversation: bool) {
        if self.has_conversation.get_untracked() == has_conversation {
            return;
        }
        self.has_conversation.set(has_conversation);
        if let Some(runtime) = self.runtime() {
            storage::set_has_conversation(&runtime.app_id, has_conversation);
        }
    }

    /// The handshake failed. The likeliest harmless cause is a server that is down; the
    /// other is a token the server no longer knows (its data was reset), which no
    /// number of retries fixes. Ask the REST API which, and start over with a new
    /// visitor in the second case.
    fn verify_token(self) {
        let Some(runtime) = self.runtime() else {
            return;
        };
        if runtime.checking_token.replace(true) {
            return;
        }
        let Some(token) = runtime.socket.token() else {
            runtime.checking_token.set(false);
            return;
        };
        spawn_local(async move {
            if api::fetch_session(&token).await.is_err_and(|error| error.is_unauthorized()) {
                replace_visitor(self, &runtime).await;
            }
            runtime.checking_token.set(false);
        });
    }
}

async fn replace_visitor(chat: Chat, runtime: &Runtime) {
    storage::clear_token(&runtime.app_id);
    if let Ok(established) = session::create(&runtime.app_id).await {
        chat.adopt(established, true);
    }
}

/// What the visitor reads about a refused frame, by its code: the messenger words it
/// in its own language (the socket's refusals are the server's English, for logs).
fn refusal(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::EmptyBody => "chat-refused-empty",
        ErrorCode::BodyTooLong | ErrorCode::FrameTooLarge => "chat-refused-too-long",
        ErrorCode::TooLarge => "chat-refused-files",
        ErrorCode::NotFound => "chat-refused-gone",
        ErrorCode::Internal | ErrorCode::Unavailable => "chat-refused-internal",
        _ => "chat-refused",
    }
}
