//! The messenger's components: a header on top, the status area, the scrolling
//! conversation, and the composer at the bottom. They read [`Chat`]'s signals and call
//! its actions; none of them talks to the network.

mod composer;
mod header;
mod message_list;
mod status_banner;

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

use self::composer::Composer;
use self::header::Header;
use self::message_list::MessageList;
use self::status_banner::StatusBanner;
use crate::chat::Chat;

/// The whole messenger panel.
#[component]
pub fn Messenger(chat: Chat) -> impl IntoView {
    // Escape closes the panel, as it would a dialog.
    let on_keydown = move |event: KeyboardEvent| {
        if event.key() == "Escape" && !event.is_composing() && !event.default_prevented() {
            chat.close();
        }
    };
    view! {
        <main class="messenger" on:keydown=on_keydown>
            <Header chat />
            <StatusBanner chat />
            <MessageList chat />
            <Composer chat />
        </main>
    }
}
