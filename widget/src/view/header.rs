//! The header: Back (when there is a screen to go back from), the workspace's logo (if it
//! has one) and name, whether anyone is there to answer, and the close button.

use client::web::dom::handler;
use leptos::prelude::*;

use crate::chat::Chat;
use crate::help::Help;
use crate::l10n::t;

/// The messenger's header.
#[component]
pub fn Header(chat: Chat, help: Help) -> impl IntoView {
    // Before the workspace's own name is known, a general one.
    let title = move || chat.workspace_name.get().unwrap_or_else(|| t("header-title"));
    let online = move || chat.agents_online.get().is_some_and(|count| count > 0);
    let away = move || chat.agents_online.get() == Some(0);
    let presence = move || match chat.agents_online.get() {
        Some(count) if count > 0 => t("header-online"),
        Some(_) => crate::look::away_message().unwrap_or_else(|| t("header-away")),
        None => String::new(),
    };
    view! {
        <header class="header">
            <Show when=move || help.can_go_back()>
                <button type="button" class="icon-button" aria-label=t("header-back") on:click=handler(move |_| help.back())>
                    <svg class="icon mirrored" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                        <path d="M15 5 8 12l7 7" />
                    </svg>
                </button>
            </Show>
            {crate::look::logo().map(|src| view! { <img class="logo" src=src alt="" /> })}
            <div class="heading">
                <h1 class="title">{move || title()}</h1>
                <p class="presence" class:online=online class:away=away>
                    {move || presence()}
                </p>
            </div>
            <button type="button" class="icon-button" aria-label=t("header-close") on:click=handler(move |_| chat.close())>
                <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M6 6 18 18M18 6 6 18" />
                </svg>
            </button>
        </header>
    }
}
