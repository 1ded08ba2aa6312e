//! The status area under the header: an alert while the server cannot be reached (or
//! refused us), "Reconnecting…" while the socket is down, and short-lived notices.

use leptos::prelude::*;

use crate::chat::{Boot, Chat, Link};
use crate::l10n::t;

/// Alerts and connection status.
#[component]
pub fn StatusBanner(chat: Chat) -> impl IntoView {
    let alert = move || match chat.boot.get() {
        Boot::Unreachable => Some(t("status-unreachable")),
        Boot::Limited => Some(t(crate::api::LIMITED)),
        Boot::Refused(reason) => Some(reason),
        Boot::Starting | Boot::Ready => None,
    };
    let reconnecting = move || chat.link.get() == Link::Reconnecting;
    view! {
        {move || alert().map(|text| view! { <p class="alert" role="alert">{text}</p> })}
        // The live region is always in the document, so its changes are announced.
        // It has no padding of its own and takes no room while empty.
        <div class="status" role="status">
            <Show when=reconnecting>
                <p class="banner">{t("status-reconnecting")}</p>
            </Show>
            {move || chat.notice.get().map(|text| view! { <p class="banner notice">{text}</p> })}
        </div>
    }
}
