//! The ways to reach a person: "Chat with us" and "Email us", the one that fits now
//! filled (they never move: presence arriving must not swap what is under a finger), with "We're away right now" and when an email would be answered while nobody can
//! chat, and "Your tickets" once the visitor has some. The help home shows all of it;
//! the chat shows the email part when nobody is there, or when it is the home itself.

use client::web::dom::handler;
use leptos::prelude::*;

use crate::chat::Chat;
use crate::format;
use crate::help::Help;
use crate::l10n::{t, t_with};
use crate::tickets::Tickets;

/// The contact options. `in_chat` leaves out the way into the chat.
#[component]
pub fn ContactOptions(chat: Chat, help: Help, tickets: Tickets, #[prop(optional)] in_chat: bool) -> impl IntoView {
    let away = Memo::new(move |_| tickets.away());
    let note = move || {
        away.get().then(|| {
            let promise = tickets.reply_expected_by().map(|at| view! { <span>{format::reply_by(at)}</span> });
            view! {
                <p class="away-note">
                    <strong>{crate::look::away_message().unwrap_or_else(|| t("contact-away"))}</strong>
                    {promise}
                </p>
            }
        })
    };
    let unread = move || {
        let count = chat.unread.get();
        (count > 0).then(|| {
            view! { <span class="badge">{t_with("contact-unread", &[("count", count.into())])}</span> }
        })
    };
    // The way that fits now is the filled button. The order never changes, so presence
    // arriving while the visitor reaches for a button cannot put the other one there.
    let style = move |primary: fn(bool) -> bool| {
        move || if primary(away.get()) { "chat-entry" } else { "chat-entry secondary" }
    };
    let chat_button = move || {
        (!in_chat).then(|| {
            view! {
                <button type="button" class=style(|away| !away) data-focus-key="chat" on:click=handler(move |_| help.open_chat())>
                    {t("contact-chat")}
                    {move || unread()}
                </button>
            }
        })
    };
    let email_class = move || if in_chat { "chat-entry secondary" } else { style(|away| away)() };
    let email_button = view! {
        <button type="button" class=email_class data-focus-key="email" on:click=handler(move |_| tickets.open_form())>
            {t("contact-email")}
        </button>
    };
    let list = move || {
        tickets.has_tickets.get().then(|| {
            view! {
                <button type="button" class="text-button" data-focus-key="tickets" on:click=handler(move |_| tickets.open_list())>
                    {t("contact-tickets")}
                </button>
            }
        })
    };
    view! {
        <div class="contact" class:compact=in_chat>
            {move || note()}
            {move || chat_button()}
            {email_button}
            {move || list()}
        </div>
    }
}
