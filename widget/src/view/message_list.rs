//! The conversation log: committed messages in seq order, then the visitor's pending
//! ones, then the agent's typing indicator. Follows the newest message unless the
//! visitor has scrolled up to read.

use client::outbox::{Delivery, Outbox};
use client::timeline::Timeline;
use client::web::dom::handler;
use client::web::lazy;
use leptos::html;
use leptos::prelude::*;
use protocol::Millis;
use protocol::api::AuthorKind;
use protocol::files::FileRef;

use super::attachments;
use crate::chat::{Chat, Link};
use crate::format;
use crate::l10n::t;

/// Within this many pixels of the bottom counts as "at the newest message".
const PINNED_SLACK_PX: i32 = 48;

/// A message's delivery, as `data-status` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Status {
    Sending,
    Sent,
    /// Failed, with the reason shown beside the Retry button.
    Failed(String),
}

impl Status {
    fn as_str(&self) -> &'static str {
        match self {
            Self::Sending => "sending",
            Self::Sent => "sent",
            Self::Failed(_) => "failed",
        }
    }
}

/// One row of the log.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    /// Stable across the pending-to-sent change for the visitor's own messages.
    key: String,
    client_id: String,
    author: AuthorKind,
    author_name: String,
    body: String,
    files: Vec<FileRef>,
    created_at: Option<Millis>,
    status: Status,
}

/// The conversation log.
#[component]
pub fn MessageList(chat: Chat) -> impl IntoView {
    let entries = Memo::new(move |_| chat.timeline.with(|timeline| chat.outbox.with(|outbox| rows(timeline, outbox))));
    let log = NodeRef::<html::Div>::new();
    let pinned = StoredValue::new(true);

    // Runs after the list has re-rendered; the frame callback waits for layout.
    Effect::new(move |_| {
        let own_message_just_sent = entries.with(|rows| rows.last().is_some_and(|row| row.status == Status::Sending));
        chat.agent_typing.track();
        if own_message_just_sent || pinned.get_value() {
            request_animation_frame(move || {
                if let Some(element) = log.get_untracked() {
                    element.set_scroll_top(element.scroll_height());
                }
                pinned.set_value(true);
            });
        }
    });
    let on_scroll = move |_| {
        if let Some(element) = log.get_untracked() {
            let from_bottom = element.scroll_height() - element.scroll_top() - element.client_height();
            pinned.set_value(from_bottom <= PINNED_SLACK_PX);
        }
    };
    let is_empty = move || entries.with(Vec::is_empty) && chat.link.get() == Link::Live;

    view! {
        // Focusable so keyboard users can scroll it.
        <div class="log" role="log" aria-label=t("chat-log-label") tabindex="0" node_ref=log on:scroll=handler(on_scroll)>
            <Show when=is_empty>
                <p class="empty">{crate::look::greeting().unwrap_or_else(|| t("chat-empty"))}</p>
            </Show>
            <ul class="messages">
                <For
                    each=move || entries.get()
                    // A changed status makes a new row, so each row can be static.
                    key=|entry| (entry.key.clone(), entry.status.clone())
                    let:entry
                >
                    <MessageItem entry chat />
                </For>
            </ul>
            <Show when=move || chat.agent_typing.get()>
                <p class="typing">{t("chat-agent-typing")}</p>
            </Show>
        </div>
    }
}

/// One message.
#[component]
fn MessageItem(entry: Entry, chat: Chat) -> impl IntoView {
    let Entry { client_id, author, author_name, body, files, created_at, status, .. } = entry;
    let class = format!("message from-{}", author_class(author));
    let data_status = status.as_str();
    let author_line = (author == AuthorKind::Agent).then(|| view! { <p class="author">{author_name}</p> });
    let meta = match status {
        Status::Sending => view! { <p class="meta">{t("chat-sending")}</p> }.into_any(),
        Status::Sent => created_at
            .map(|at| {
                view! {
                    <p class="meta">
                        <time datetime=format::iso_time(at) title=format::full_time(at)>
                            {format::clock_time(at)}
                        </time>
                    </p>
                }
            })
            .into_any(),
        Status::Failed(reason) => view! {
            <p class="meta failure">
                <span class="error">{reason}</span>
                <button type="button" class="retry" on:click=handler(move |_| chat.retry(&client_id))>
                    {t("chat-retry")}
                </button>
            </p>
        }
        .into_any(),
    };
    view! {
        <li class=class data-status=data_status>
            {author_line}
            {(!body.is_empty()).then(|| view! { <p class="body">{body}</p> })}
            {(!files.is_empty()).then(|| lazy::view(move || attachments::message_files(chat, files.clone())))}
            {meta}
        </li>
    }
}

fn author_class(author: AuthorKind) -> &'static str {
    match author {
        AuthorKind::Visitor => "visitor",
        AuthorKind::Agent => "agent",
        AuthorKind::System => "system",
    }
}

/// Committed messages, then pending ones in the order they were written.
fn rows(timeline: &Timeline, outbox: &Outbox) -> Vec<Entry> {
    let committed = timeline.messages().iter().map(|message| Entry {
        key: row_key(message.author, &message.client_id, message.id),
        client_id: message.client_id.clone(),
        author: message.author,
        author_name: message.author_name.clone(),
        body: message.body.clone(),
        files: message.files.clone(),
        created_at: Some(message.created_at),
        status: Status::Sent,
    });
    let pending = outbox.entries().iter().map(|pending| Entry {
        key: format!("c:{}", pending.client_id),
        client_id: pending.client_id.clone(),
        author: AuthorKind::Visitor,
        author_name: String::new(),
        body: pending.body.clone(),
        files: pending.files.clone(),
        created_at: None,
        status: match &pending.delivery {
            Delivery::Sending => Status::Sending,
            // The ack never came.
            Delivery::TimedOut => Status::Failed(t("chat-not-delivered")),
            Delivery::Refused(reason) => Status::Failed(reason.clone()),
        },
    });
    committed.chain(pending).collect()
}

/// The visitor's messages are keyed by client id, like their pending versions, so the
/// row keeps its place when the ack arrives; everything else by message id.
fn row_key(author: AuthorKind, client_id: &str, id: i64) -> String {
    if author == AuthorKind::Visitor && !client_id.is_empty() { format!("c:{client_id}") } else { format!("m:{id}") }
}
