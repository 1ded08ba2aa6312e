//! Rules that follow the chat state, as effects: save the outbox, send read receipts,
//! send the host page's URL as context, and report the unread count to the loader.

use std::rc::Rc;

use client::outbox::{Outbox, SavedMessage};
use leptos::prelude::*;
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
    report_unread(chat, runtime);
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

/// Sends `context {page_url, identity}` once per connection and again whenever the host
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
        let frame = ClientFrame::Context { page_url: context.0.clone(), identity: context.1.clone() };
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

/// Whether the server would accept this as a page URL: http(s), not too long. Anything
/// else would only earn an error frame (or a refused ticket).
pub(crate) fn is_sendable(url: &str) -> bool {
    url.len() <= MAX_PAGE_URL_BYTES && (url.starts_with("https://") || url.starts_with("http://"))
}
