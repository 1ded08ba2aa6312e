//! The messenger's components: a header on top, the status area, the screen the visitor
//! is on (the help home, a category, an article or the conversation), and, on the home
//! and the conversation, the suggestions and the composer at the bottom. They read
//! [`Chat`]'s and [`Help`]'s signals and call their actions; none of them talks to the
//! network.

mod composer;
mod header;
mod help;
mod message_list;
mod status_banner;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use self::composer::Composer;
use self::header::Header;
use self::help::{ArticleView, CategoryView, Home, Suggestions};
use self::message_list::MessageList;
use self::status_banner::StatusBanner;
use crate::chat::Chat;
use crate::help::{Help, Screen};

/// The whole messenger panel.
#[component]
pub fn Messenger(chat: Chat, help: Help) -> impl IntoView {
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
    view! {
        <main class="messenger" on:keydown=on_keydown>
            <Header chat help />
            <StatusBanner chat />
            {move || match help.shown.get() {
                None => view! { <Home chat help /> }.into_any(),
                Some(Screen::Chat) => view! { <MessageList chat /> }.into_any(),
                Some(Screen::Category { name, .. }) => view! { <CategoryView help name /> }.into_any(),
                Some(Screen::Article { .. }) => view! { <ArticleView help /> }.into_any(),
            }}
            <Show when=composer_shown>
                <Suggestions help />
                <Composer chat on_sent />
            </Show>
        </main>
    }
}
