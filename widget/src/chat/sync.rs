//! Rules that follow the chat state, as effects: save the outbox, send read receipts,
//! send the host page's URL as context, and report the unread count and how long to
//! preload the messenger to the loader.

use std::rc::Rc;

use client::outbox::{Outbox, SavedMessage};
use leptos::prelude::*;
use protocol::Millis;
use protocol::api::{Message, closes_chat};
use protocol::frames::ClientFrame;

use super::{Chat, Link, Runtime};
use crate::host::ToHost;
use crate::storage;

/// The server refuses longer page URLs.
const MAX_PAGE_URL_BYTES: usize = 2048;

/// Installs the effects. They live as long as the component that called
/// [`Chat::start`].
pub(super) fn install(chat: Chat) {
    let Some(runtime) = chat.runtime() else {
        return;
    };
    save_outbox(chat, Rc::clone(&runtime));
    send_read_receipts(chat, Rc::clone(&runtime));
    send_page_context(chat, Rc::clone(&runtime));
    report_unread(chat, Rc::clone(&runtime));
    report_activity(chat, runtime);
}

/// Writes `helpline.outbox.<app_id>` whenever what would be saved changes, so a reload
/// resends what the server has not acknowledged.
fn save_outbox(chat: Chat, runtime: Rc<Runtime>) {
    Effect::new(move |previous: Option<Vec<SavedMessage>>| {
        let saved = chat.outbox.with(Outbox::saved);
        // The first run sees what was just restored from storage: nothing to write.
        if previous.is_some_and(|previous| previous != saved) {
            storage::set_outbox(&runtime.app_id, &saved);
        }
        saved
    });
}

/// While the visitor can see the conversation (panel open, page visible, the log on
/// screen) and it is
/// caught up, marks everything up to the newest message read whenever an agent
/// message arrives that was not yet covered.
fn send_read_receipts(chat: Chat, runtime: Rc<Runtime>) {
    Effect::new(move |_| {
        let seen =
            chat.panel_open.get() && chat.page_visible.get() && chat.log_visible.get() && chat.link.get() == Link::Live;
        let (last_agent_seq, last_seq) =
            chat.timeline.with(|timeline| (timeline.last_agent_seq(), timeline.last_seq()));
        let Some(last_agent_seq) = last_agent_seq.filter(|_| seen) else {
            return;
        };
        if last_agent_seq > runtime.read_sent.get()
            && runtime.socket.send(&ClientFrame::Read { conversation_id: None, seq: last_seq })
        {
            runtime.read_sent.set(last_seq);
        }
    });
}

/// Sends `context {page_url, identity, locale, time_zone}` once per connection and again whenever the host
/// page's URL or the host's identity of the visitor changes.
fn send_page_context(chat: Chat, runtime: Rc<Runtime>) {
    Effect::new(move |_| {
        let open = chat.link.get().is_open();
        let Some(page_url) = chat.page_url.get().filter(|url| open && is_sendable(url)) else {
            return;
        };
        let context = (page_url, chat.identity.get());
        if runtime.context_sent.borrow().as_ref() == Some(&context) {
            return;
        }
        // The server's words to this visitor (system messages, mail while away, a
        // handed-off ticket's mail) are in the messenger's language and zone.
        let frame = ClientFrame::Context {
            page_url: context.0.clone(),
            identity: context.1.clone(),
            locale: Some(crate::l10n::locale().tag().to_owned()),
            time_zone: client::web::time::time_zone(),
        };
        if runtime.socket.send(&frame) {
            *runtime.context_sent.borrow_mut() = Some(context);
        }
    });
}

/// Forwards every change of the unread count to the loader's badge.
fn report_unread(chat: Chat, runtime: Rc<Runtime>) {
    Effect::new(move |previous: Option<i64>| {
        let count = chat.unread.get();
        // The loader starts at zero, so an initial zero is not news.
        let changed = match previous {
            Some(previous) => previous != count,
            None => count != 0,
        };
        if changed {
            runtime.host.post(&ToHost::Unread { count });
        }
        count
    });
}

/// Tells the loader until when to preload the messenger on later pages: while the
/// visitor's chat is open, until `preload_idle_ms` after its newest message; not at all
/// once an agent ended or handed off the chat (while that is the newest message), or
/// when the visitor has no chat. Only a caught-up timeline knows the newest message.
fn report_activity(chat: Chat, runtime: Rc<Runtime>) {
    Effect::new(move |reported: Option<Option<Millis>>| {
        let reported = reported.flatten();
        let (Some(idle_ms), Link::Live) = (chat.preload_idle_ms.get(), chat.link.get()) else {
            return reported;
        };
        let until = chat.timeline.with(|timeline| preload_until(timeline.messages().last(), idle_ms));
        if reported != Some(until) {
            runtime.host.post(&ToHost::Active { until });
        }
        Some(until)
    });
}

/// Until when the loader preloads the messenger, given the chat's newest message: `0`
/// for none.
fn preload_until(newest: Option<&Message>, idle_ms: Millis) -> Millis {
    match newest {
        Some(message) if !closes_chat(message) => message.created_at.saturating_add(idle_ms),
        _ => 0,
    }
}

/// Whether the server would accept this as a page URL: http(s), not too long. Anything
/// else would only earn an error frame (or a refused ticket).
pub(crate) fn is_sendable(url: &str) -> bool {
    url.len() <= MAX_PAGE_URL_BYTES && (url.starts_with("https://") || url.starts_with("http://"))
}

#[cfg(test)]
mod tests {
    use protocol::api::{AuthorKind, chat_ended_client_id, handoff_client_id};

    use super::*;

    fn message(author: AuthorKind, client_id: String, created_at: Millis) -> Message {
        Message {
            id: 1,
            conversation_id: 7,
            seq: 1,
            author,
            author_name: String::new(),
            body: String::new(),
            client_id,
            created_at,
            files: Vec::new(),
            internal: false,
            change: None,
        }
    }

    #[test]
    fn an_open_chat_is_preloaded_until_it_has_been_idle_and_a_closed_one_not_at_all() {
        let hour = 60 * 60 * 1000;
        assert_eq!(preload_until(None, hour), 0);
        assert_eq!(preload_until(Some(&message(AuthorKind::Agent, "a".into(), 5_000)), hour), 5_000 + hour);
        assert_eq!(preload_until(Some(&message(AuthorKind::System, chat_ended_client_id(7, 5_000), 5_000)), hour), 0);
        assert_eq!(preload_until(Some(&message(AuthorKind::System, handoff_client_id(3), 5_000)), hour), 0);
    }
}
