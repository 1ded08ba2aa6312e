//! The messenger's components: a header on top, the status area, the screen the visitor
//! is on (the help home, a category, an article, the conversation, the email form or
//! the visitor's tickets, or support access), and, on the home and the conversation, the suggestions and
//! the composer at the bottom. They read [`Chat`]'s, [`Help`]'s and [`Tickets`]' signals
//! and call their actions; none of them talks to the network.

mod access;
pub(crate) mod attachments;
mod composer;
mod header;
mod help;
mod message_list;
pub(crate) mod screenshot;
mod status_banner;
mod tickets;

use client::web::dom::handler;
use client::web::lazy::{self, NotLoaded};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;

use self::access::AccessView;
use self::composer::Composer;
use self::header::Header;
use self::help::{ArticleView, CategoryView, Home, Suggestions};
use self::message_list::MessageList;
use self::status_banner::StatusBanner;
use self::tickets::{ChatCards, ContactOptions, TicketForm, TicketList};
use crate::access::Access;
use crate::chat::Chat;
use crate::help::{Help, Screen};
use crate::tickets::Tickets;

// The screens a first open does not show are compiled into modules of their own
// (`wasm_split`; `cargo xtask dist` splits them off) and fetched when first opened. Until
// then the screen is empty; where the fetch failed, the screen says so and offers to try
// again (`client::web::lazy`).

/// A category's articles.
#[wasm_split(category_screen, wasm_split_path = leptos::wasm_split, fallible)]
fn category_screen(help: Help, name: String) -> Result<AnyView, NotLoaded> {
    Ok(view! { <CategoryView help name /> }.into_any())
}

/// The article reader.
#[wasm_split(article_screen, wasm_split_path = leptos::wasm_split, fallible)]
fn article_screen(help: Help) -> Result<AnyView, NotLoaded> {
    Ok(view! { <ArticleView help /> }.into_any())
}

/// The "Email us" form.
#[wasm_split(email_screen, wasm_split_path = leptos::wasm_split, fallible)]
fn email_screen(chat: Chat, tickets: Tickets) -> Result<AnyView, NotLoaded> {
    tickets.restore_draft();
    Ok(view! { <TicketForm chat tickets /> }.into_any())
}

/// The visitor's tickets.
#[wasm_split(tickets_screen, wasm_split_path = leptos::wasm_split, fallible)]
fn tickets_screen(tickets: Tickets) -> Result<AnyView, NotLoaded> {
    Ok(view! { <TicketList tickets /> }.into_any())
}

/// Support access.
#[wasm_split(access_screen, wasm_split_path = leptos::wasm_split, fallible)]
fn access_screen(chat: Chat) -> Result<AnyView, NotLoaded> {
    let access = Access::start(chat);
    Ok(view! { <AccessView access /> }.into_any())
}

/// The whole messenger panel.
#[component]
pub fn Messenger(chat: Chat, help: Help, tickets: Tickets) -> impl IntoView {
    // Escape closes the panel, as it would a dialog.
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" && !event.is_composing() && !event.default_prevented() {
            chat.close();
        }
    };
    // The composer stays on the help home too, so asking a question is never more than
    // typing it; sending one opens the conversation.
    let composer_shown = move || matches!(help.shown.get(), None | Some(Screen::Chat));
    let on_sent = Callback::new(move |()| help.open_chat());
    // Over the conversation, email is offered while nobody can chat, and always when
    // the chat is the home (a workspace without articles).
    let email_in_chat = move || tickets.away() || !help.can_go_back();
    view! {
        <main class="messenger" aria-label=crate::l10n::t("messenger-name") on:keydown=handler(on_keydown)>
            <Header chat help />
            <StatusBanner chat />
            {move || match help.shown.get() {
                None => view! { <Home chat help tickets /> }.into_any(),
                Some(Screen::Chat) => {
                    view! {
                        <Show when=email_in_chat>
                            <ContactOptions chat help tickets in_chat=true />
                        </Show>
                        <MessageList chat />
                        <ChatCards tickets />
                    }
                        .into_any()
                }
                Some(Screen::Category { name, .. }) => lazy::view(move || category_screen(help, name.clone())),
                Some(Screen::Article { .. }) => lazy::view(move || article_screen(help)),
                Some(Screen::Email) => lazy::view(move || email_screen(chat, tickets)),
                Some(Screen::Tickets) => lazy::view(move || tickets_screen(tickets)),
                Some(Screen::Access) => lazy::view(move || access_screen(chat)),
            }}
            <Show when=composer_shown>
                <Suggestions help />
                <Composer chat on_sent />
            </Show>
        </main>
    }
}
