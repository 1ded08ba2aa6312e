//! The inbox: one button per conversation, newest activity first, updated live.

use leptos::prelude::*;
use protocol::api::{AuthorKind, ConversationSummary};

use crate::console::Console;
use crate::format;
use crate::route::Route;
use crate::view::link::in_place;

/// The `nav` listing conversations; each is a link to it, opening it beside the list.
#[component]
pub fn Inbox() -> impl IntoView {
    let console = expect_context::<Console>();
    let (inbox, inbox_error) = (console.inbox, console.inbox_error);
    let rows = move || inbox.get().unwrap_or_default();
    let state_line = move || {
        if let Some(message) = inbox_error.get() {
            return Some(view! { <p class="pane-note form-error" role="alert">{message}</p> }.into_any());
        }
        match inbox.with(|inbox| inbox.as_ref().map(Vec::is_empty)) {
            None => Some(view! { <p class="pane-note">"Loading conversations…"</p> }.into_any()),
            Some(true) => Some(view! { <p class="pane-note empty">"No conversations yet"</p> }.into_any()),
            Some(false) => None,
        }
    };
    view! {
        <nav class="inbox" aria-label="Inbox">
            <h2 class="pane-title">"Conversations"</h2>
            {state_line}
            <ul class="conversation-list">
                <For
                    each=rows
                    // Rows are redrawn when their content changes; moving keeps the DOM.
                    key=|summary| (summary.id, summary.updated_at, summary.last_seq)
                    children=move |summary| view! { <ConversationRow summary /> }
                />
            </ul>
        </nav>
    }
}

/// One inbox entry: visitor name, when it last changed and the newest message's start.
#[component]
fn ConversationRow(summary: ConversationSummary) -> impl IntoView {
    let console = expect_context::<Console>();
    let (selected, now) = (console.selected, console.now);
    let id = summary.id;
    let updated_at = summary.updated_at;
    let awaiting_reply = summary.last_author == Some(AuthorKind::Visitor);
    let preview = if summary.preview.is_empty() { "No messages yet".to_owned() } else { summary.preview };
    view! {
        <li>
            <a
                class="conversation-item"
                class:awaiting=awaiting_reply
                href=Route::Inbox(Some(id)).path()
                aria-current=move || (selected.get() == Some(id)).then_some("page")
                on:click=in_place(move || console.select(id))
            >
                <span class="conversation-name">{summary.visitor_name}</span>
                <time class="conversation-time" datetime=format::iso(updated_at) title=format::date_time(updated_at)>
                    {move || format::relative_time(updated_at, now.get())}
                </time>
                <span class="conversation-preview">{preview}</span>
            </a>
        </li>
    }
}
