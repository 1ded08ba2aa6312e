//! The selected conversation: its message log, the visitor's typing indicator, the reply
//! box, and the hand-offs (escalate to a ticket, end the chat).

use client::web::dom::handler;
use client::web::lazy::{self, NotLoaded};
use leptos::html::Div;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use super::composer::Composer;
use super::handoff::ChatActions;
use super::message_row::MessageRow;
use super::not_found::NotFound;
use super::ownership::Ownership;
use crate::console::Console;
use crate::l10n::t;
use crate::state::{self, Detail};

/// How close to the bottom (in pixels) still counts as "reading the newest messages".
const STICK_WITHIN_PX: i32 = 48;

/// What the middle pane shows; a memo so live messages do not rebuild the pane.
#[derive(Debug, Clone, PartialEq)]
enum Pane {
    Nothing,
    Loading,
    Failed(i64, String),
    Missing,
    Ready(i64),
}

/// The middle pane: a prompt, a loading note, an error with retry, or the open thread.
#[component]
pub fn ConversationView() -> impl IntoView {
    let console = expect_context::<Console>();
    let (selected, detail) = (console.selected, console.detail);
    let pane = Memo::new(move |_| {
        let Some(id) = selected.get() else {
            return Pane::Nothing;
        };
        detail.with(|detail| match detail {
            Detail::Loading => Pane::Loading,
            Detail::Failed(message) => Pane::Failed(id, message.clone()),
            Detail::Missing => Pane::Missing,
            Detail::Ready(_) => Pane::Ready(id),
        })
    });
    // The skip link's target while no conversation is open.
    view! {
        <section id="main-content" class="thread-pane" tabindex="-1" aria-label=t("conversation-pane")>
            {move || match pane.get() {
                Pane::Nothing => {
                    view! { <p class="pane-placeholder">{t("conversation-select")}</p> }
                        .into_any()
                }
                Pane::Loading => view! { <p class="pane-placeholder">{t("conversation-loading")}</p> }.into_any(),
                Pane::Failed(id, message) => {
                    view! {
                        <div class="pane-placeholder">
                            <p class="form-error" role="alert">{message}</p>
                            <button class="button" type="button" on:click=handler(move |_| console.load_detail(id))>
                                {t("try-again")}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                Pane::Missing => {
                    view! { <NotFound heading="not-found-conversation" missing="not-found-conversation-missing" /> }.into_any()
                }
                Pane::Ready(id) => lazy::view(move || thread(id)),
            }}
        </section>
    }
}

/// An open conversation, compiled into a module of its own (`wasm_split`) and fetched the
/// first time one is opened: the inbox shows without it.
#[wasm_split(thread, wasm_split_path = leptos::wasm_split, fallible)]
fn thread(id: i64) -> Result<AnyView, NotLoaded> {
    Ok(view! { <Thread id /> }.into_any())
}

/// An open conversation's header, log, typing indicator and composer.
#[component]
fn Thread(id: i64) -> impl IntoView {
    let console = expect_context::<Console>();
    let agent_name = console.agent_name();
    let (messages, outbox, detail, visitor_typing) =
        (console.messages, console.outbox, console.detail, console.visitor_typing);
    let lines = Memo::new(move |_| {
        messages.with(|messages| outbox.with(|outbox| state::lines(messages, outbox, id, &agent_name)))
    });
    let visitor_name = move || {
        detail.with(|detail| match detail {
            Detail::Ready(open) => open.summary.visitor_name.clone(),
            _ => String::new(),
        })
    };

    // Follow new messages while the agent is at the bottom; leave them be while they
    // scroll back through history.
    let log = NodeRef::<Div>::new();
    let stick = StoredValue::new(true);
    Effect::new(move |_| {
        lines.track();
        visitor_typing.track();
        if stick.get_value()
            && let Some(log) = log.get_untracked()
        {
            log.set_scroll_top(log.scroll_height());
        }
    });
    // Opening a conversation moves the focus to its messages, one Tab from the reply box.
    Effect::new(move |_| {
        if let Some(log) = log.get()
            && console.take_thread_focus()
        {
            let _ = log.focus();
        }
    });
    let on_scroll = move |_| {
        if let Some(log) = log.get_untracked() {
            stick.set_value(log.scroll_height() - log.scroll_top() - log.client_height() <= STICK_WITHIN_PX);
        }
    };

    view! {
        <header class="thread-header">
            <h2 class="pane-title">{move || visitor_name()}</h2>
            <ChatActions id />
            <Ownership id />
        </header>
        <div
            id="conversation-log"
            class="log"
            role="log"
            aria-label=t("conversation")
            tabindex="0"
            node_ref=log
            on:scroll=handler(on_scroll)
        >
            <ul class="messages">
                <For each=move || lines.get() key=|line| line.key.clone() children=|line| view! { <MessageRow line /> } />
            </ul>
        </div>
        <p class="typing" aria-live="polite">
            {move || visitor_typing.get().then(|| t("visitor-typing"))}
        </p>
        <Composer on_sent=move || stick.set_value(true) />
    }
}
