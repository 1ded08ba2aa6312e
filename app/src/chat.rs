//! Live message traffic for the console: incoming frames, the outbox with its
//! resend-until-ack rule, typing indicators and read receipts.

use std::time::Duration;

use client::outbox::{Outbox, Pending, Resend};
use client::web::random;
use leptos::prelude::*;
use protocol::ErrorCode;
use protocol::api::{AuthorKind, Message};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::DEFAULT_MAX_BODY_CHARS;

use crate::console::Console;
use crate::dom;
use crate::drafts::DraftOf;
use crate::state::{self, Detail, Link};

/// A message without an `ack` after this long is shown as failed.
const ACK_TIMEOUT: Duration = Duration::from_secs(10);
/// `typing {is_typing:true}` is sent at most this often while the agent types.
const TYPING_EVERY_MS: i64 = 3_000;
/// The visitor's typing indicator hides after this long without a refresh.
const TYPING_SHOWN_FOR: Duration = Duration::from_secs(6);

/// What the agent reads when the server asks the socket to slow down (a message id).
const SENDING_TOO_FAST: &str = "chat-sending-too-fast";

/// The longest reply the console lets the agent send. The server may be configured
/// lower; its `body_too_long` error then shows beside the message.
pub const MAX_REPLY_CHARS: usize = DEFAULT_MAX_BODY_CHARS;

impl Console {
    /// Applies one frame from the server.
    pub(crate) fn on_frame(self, frame: ServerFrame) {
        match frame {
            ServerFrame::Ack { client_id, conversation_id, message_id, seq, created_at } => {
                self.acknowledged(&client_id, conversation_id, message_id, seq, created_at);
            }
            ServerFrame::Message { message } => self.message_arrived(message),
            ServerFrame::Conversation { summary } => self.summary_changed(summary),
            ServerFrame::Typing { conversation_id, author, is_typing, .. } => {
                if author == AuthorKind::Visitor && self.selected.get_untracked() == Some(conversation_id) {
                    self.visitor_typing_changed(is_typing);
                }
            }
            ServerFrame::Error {
                code: ErrorCode::RateLimited, retry_after_secs, client_id: Some(client_id), ..
            } => {
                self.show_notice(crate::l10n::t(SENDING_TOO_FAST).to_owned());
                self.hold(&client_id, retry_after_secs.unwrap_or(1));
            }
            ServerFrame::Error { message, client_id: Some(client_id), .. } => {
                let refused = self.outbox.try_maybe_update(|outbox| {
                    let refused = outbox.refuse(&client_id, message.clone());
                    (refused, refused)
                });
                if refused != Some(true) {
                    self.show_notice(message);
                }
            }
            ServerFrame::Error { message, client_id: None, .. } => self.show_notice(message),
            ServerFrame::Access { user_id, .. } => self.access_changed.set(Some(user_id)),
            // Visitor-only frames, and ones that need nothing from the console.
            ServerFrame::Synced { .. } | ServerFrame::Presence { .. } | ServerFrame::Unread { .. } => {}
        }
    }

    /// A conversation changed: its row in the inbox and, if open, its header.
    pub(crate) fn summary_changed(self, summary: protocol::api::ConversationSummary) {
        self.detail.maybe_update(|detail| match detail {
            Detail::Ready(open) if open.summary.id == summary.id && open.summary.last_seq <= summary.last_seq => {
                open.summary = summary.clone();
                true
            }
            _ => false,
        });
        // The agent is reading it already when it is open in a visible inbox.
        let reading = self.selected.get_untracked() == Some(summary.id)
            && self.page.get_untracked() == crate::state::Page::Inbox
            && self.page_visible.get_untracked();
        self.alerts.summary_changed(self, &summary, reading);
        // Before the first fetch answers this starts the list; the fetch merges into it.
        self.inbox_changed(summary);
    }

    fn acknowledged(self, client_id: &str, conversation_id: i64, message_id: i64, seq: i64, created_at: i64) {
        let Some(pending) = self.take_pending(client_id) else {
            // A repeated ack for a resend that was already settled.
            return;
        };
        if self.selected.get_untracked() == Some(conversation_id) {
            let message = Message {
                id: message_id,
                conversation_id,
                seq,
                author: AuthorKind::Agent,
                author_name: self.agent_name(),
                body: pending.body,
                client_id: pending.client_id,
                created_at,
                files: pending.files,
                internal: pending.internal,
                change: None,
            };
            self.messages.update(|messages| {
                state::insert_message(messages, message);
            });
        }
    }

    fn message_arrived(self, message: Message) {
        // Our own message coming back before its ack is just as good as the ack.
        self.take_pending(&message.client_id);
        if self.selected.get_untracked() != Some(message.conversation_id) {
            return;
        }
        if message.author == AuthorKind::Visitor {
            self.visitor_typing.set(false);
        }
        self.messages.update(|messages| {
            state::insert_message(messages, message);
        });
    }

    fn take_pending(self, client_id: &str) -> Option<Pending> {
        if client_id.is_empty() {
            return None;
        }
        self.outbox
            .try_maybe_update(|outbox| {
                let taken = outbox.take(client_id);
                (taken.is_some(), taken)
            })
            .flatten()
    }

    fn visitor_typing_changed(self, is_typing: bool) {
        let Some(generation) = self.memory.try_update_value(|memory| {
            memory.typing_generation += 1;
            memory.typing_generation
        }) else {
            return;
        };
        self.visitor_typing.set(is_typing);
        if is_typing {
            let (memory, visitor_typing) = (self.memory, self.visitor_typing);
            set_timeout(
                move || {
                    if memory.try_with_value(|memory| memory.typing_generation) == Some(generation) {
                        visitor_typing.set(false);
                    }
                },
                TYPING_SHOWN_FOR,
            );
        }
    }

    /// Sends the reply box's text to the selected conversation. Returns false when there
    /// was nothing sendable.
    pub fn send_reply(self) -> bool {
        let Some(conversation_id) = self.selected.get_untracked() else {
            return false;
        };
        let body = self.reply.get_untracked().trim().to_owned();
        let files = self.reply_files.ready();
        if (body.is_empty() && files.is_empty()) || body.chars().count() > MAX_REPLY_CHARS {
            return false;
        }
        let pending = Pending::new(random::client_id(), body, Some(conversation_id), dom::now_ms()).with_files(files);
        let pending = if self.note_mode.get_untracked() { pending.as_note() } else { pending };
        let first = self.outbox.try_update(|outbox| outbox.push(pending)).flatten();
        self.reply.set(String::new());
        self.reply_files.clear();
        self.drafts.update_value(|drafts| drafts.save(DraftOf::Conversation(conversation_id), ""));
        self.stop_typing();
        if let Some(first) = first {
            self.transmit(first);
        }
        true
    }

    /// Sends a failed message again with its original client id.
    pub fn retry(self, client_id: &str) {
        if let Some(resend) = self.outbox.try_update(|outbox| outbox.retry(client_id)).flatten() {
            self.transmit(resend);
        }
    }

    /// Sends every message still waiting for an ack, except those the server refused.
    pub(crate) fn resend_outbox(self) {
        for resend in self.outbox.try_update(Outbox::resend_all).unwrap_or_default() {
            self.transmit(resend);
        }
    }

    /// Messages restored from an earlier page load get a deadline now, so without a
    /// connection they turn "failed" instead of "sending" forever.
    pub(crate) fn start_restored_deadlines(self) {
        let restored: Vec<(String, u32)> = self.outbox.with_untracked(|outbox| {
            outbox.entries().iter().map(|pending| (pending.client_id.clone(), pending.attempt)).collect()
        });
        for (client_id, attempt) in restored {
            self.start_deadline(client_id, attempt);
        }
    }

    /// The server asked for a wait before this message is sent again: it stays
    /// "sending", its running ack timer no longer applies, and it goes out again, with
    /// the same client id, after the wait.
    fn hold(self, client_id: &str, retry_after_secs: u64) {
        let held = self.outbox.try_maybe_update(|outbox| {
            let held = outbox.hold(client_id);
            (held, held)
        });
        if held == Some(true) {
            let client_id = client_id.to_owned();
            set_timeout(move || self.retry(&client_id), Duration::from_secs(retry_after_secs.max(1)));
        }
    }

    /// Sends one attempt if connected (otherwise the next reconnect does) and starts its
    /// ack timer.
    fn transmit(self, resend: Resend) {
        self.send(&resend.frame());
        self.start_deadline(resend.client_id, resend.attempt);
    }

    /// Fails the attempt if its ack has not come within the timeout.
    fn start_deadline(self, client_id: String, attempt: u32) {
        let outbox = self.outbox;
        set_timeout(move || outbox.maybe_update(|outbox| outbox.expire(&client_id, attempt)), ACK_TIMEOUT);
    }

    /// Records new reply text and tells the visitor the agent is typing, at most once
    /// every few seconds; an emptied box tells them the agent stopped.
    pub fn reply_changed(self, text: String) {
        let empty = text.trim().is_empty();
        let selected = self.selected.get_untracked();
        if let Some(conversation_id) = selected {
            self.drafts.update_value(|drafts| drafts.save(DraftOf::Conversation(conversation_id), &text));
        }
        self.reply.set(text);
        // A note is for the team: the visitor is not told anyone is typing.
        if empty || self.note_mode.get_untracked() {
            self.stop_typing();
            return;
        }
        let Some(conversation_id) = selected else {
            return;
        };
        let now = dom::now_ms();
        let due = self.memory.with_value(|memory| match memory.typing_sent {
            Some((id, at)) => id != conversation_id || now - at >= TYPING_EVERY_MS,
            None => true,
        });
        if due && self.send(&ClientFrame::Typing { conversation_id: Some(conversation_id), is_typing: true }) {
            self.memory.update_value(|memory| memory.typing_sent = Some((conversation_id, now)));
        }
    }

    /// Tells the visitor the agent stopped typing, if they were told it started.
    pub(crate) fn stop_typing(self) {
        let Some(Some((conversation_id, _))) = self.memory.try_update_value(|memory| memory.typing_sent.take()) else {
            return;
        };
        self.send(&ClientFrame::Typing { conversation_id: Some(conversation_id), is_typing: false });
    }

    /// Keeps the server told how far the agent has read the open conversation: whenever
    /// new messages show while the tab is visible and connected.
    pub(crate) fn report_reads(self) {
        Effect::new(move |_| {
            let Some(conversation_id) = self.selected.get() else {
                return;
            };
            let ready = self.detail.with(|detail| matches!(detail, Detail::Ready(_)));
            let seq = self.messages.with(|messages| state::last_seq(messages));
            if !ready || seq == 0 || !self.page_visible.get() || self.link.get() != Link::Open {
                return;
            }
            let already = self.memory.with_value(|memory| memory.read_sent.get(&conversation_id).copied());
            if already.is_some_and(|sent| sent >= seq) {
                return;
            }
            if self.send(&ClientFrame::Read { conversation_id: Some(conversation_id), seq }) {
                self.memory.update_value(|memory| {
                    memory.read_sent.insert(conversation_id, seq);
                });
            }
        });
    }
}
