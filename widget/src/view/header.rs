//! The header: the workspace's name, whether anyone is there to answer, and the close
//! button.

use leptos::prelude::*;

use crate::chat::Chat;

/// Shown before the workspace's own name is known.
const FALLBACK_TITLE: &str = "Support";

/// The messenger's header.
#[component]
pub fn Header(chat: Chat) -> impl IntoView {
    let title = move || chat.workspace_name.get().unwrap_or_else(|| FALLBACK_TITLE.to_owned());
    let online = move || chat.agents_online.get().is_some_and(|count| count > 0);
    let away = move || chat.agents_online.get() == Some(0);
    let presence = move || match chat.agents_online.get() {
        Some(count) if count > 0 => "We're online",
        Some(_) => "We're away — leave a message and we'll reply here",
        None => "",
    };
    view! {
        <header class="header">
            <div class="heading">
                <h1 class="title">{title}</h1>
                <p class="presence" class:online=online class:away=away>
                    {presence}
                </p>
            </div>
            <button type="button" class="close" aria-label="Close" on:click=move |_| chat.close()>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 6 18 18M18 6 6 18" />
                </svg>
            </button>
        </header>
    }
}
