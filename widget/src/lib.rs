//! The visitor messenger: a Leptos app that runs in the iframe the host page's loader opens.
//!
//! Data flows one way through the modules: [`launch`] reads the iframe's URL, [`session`]
//! gets a visitor token through [`api`], the shared `client` crate's socket keeps the
//! WebSocket open (and its outbox, ids and times serve [`chat`]), [`chat`] turns
//! its frames (and the host page's messages, via [`host`]) into signals, and [`view`]
//! renders those signals. The visitor's actions go back through [`chat`]. [`help`] is the
//! help center beside the chat: it reads articles with the chat's visitor token and
//! decides which screen [`view`] shows. [`tickets`] offers email when nobody can chat,
//! sends the "Email us" form, lists the visitor's tickets, and asks for an address or a
//! rating when the chat's system messages call for one. [`access`] is support access:
//! the verified user's grant, agents' requests, and what support did under a grant.

mod access;
mod api;
mod chat;
mod format;
mod help;
mod host;
mod l10n;
mod launch;
mod look;
mod loose;
mod session;
mod storage;
mod tickets;
mod typing;
mod view;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

use crate::chat::Chat;
use crate::help::Help;
use crate::host::Host;
use crate::launch::Launch;
use crate::tickets::Tickets;

/// Entry point called by the generated JS module once the wasm is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    // The readable panic message costs the formatting machinery (tens of kB), so only
    // debug builds carry it; a release panic still shows in the browser console as the
    // `unreachable` trap that aborts the module.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    look::apply();
    leptos::mount::mount_to_body(App);
}

/// The whole messenger. Without an app id in the URL there is nothing to connect to, so
/// it only explains that.
#[component]
pub fn App() -> impl IntoView {
    let Some(launch) = Launch::from_location() else {
        // Still tell the loader the iframe is alive, so it does not wait forever.
        Host::new(launch::host_origin_from_location()).post(&look::ready());
        return view! {
            <main class="messenger" aria-label=l10n::t("messenger-name")>
                <p class="alert" role="alert">{l10n::t("messenger-misconfigured")}</p>
            </main>
        }
        .into_any();
    };
    let chat = Chat::start(launch);
    let help = Help::start(chat);
    let tickets = Tickets::start(chat, help);
    // Effects run after the first render, so the loader hears `ready` once the
    // messenger is in the document.
    Effect::new(move |_| chat.announce_ready());
    view! { <view::Messenger chat help tickets /> }.into_any()
}
