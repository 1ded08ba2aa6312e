//! What the console shows where an address names nothing: an unknown path, or an id
//! that is not in the agent's workspace. It says the same either way, so an address
//! reveals nothing about other workspaces.

use client::web::dom::handler;
use leptos::prelude::*;

use crate::console::Console;
use crate::l10n::t;
use crate::state::Page;

/// A "not found" note with a way back to the inbox; `heading` and `missing` are ids of
/// the console's messages ("Conversation not found", "This conversation does not
/// exist, or is not in your workspace.").
#[component]
pub fn NotFound(heading: &'static str, missing: &'static str) -> impl IntoView {
    let console = expect_context::<Console>();
    let to_inbox = move |_| {
        console.deselect();
        console.page.set(Page::Inbox);
    };
    view! {
        <div class="not-found" role="alert">
            <h2 class="pane-title">{t(heading)}</h2>
            <p>{t(missing)}</p>
            <button class="button" type="button" on:click=handler(to_inbox)>
                {t("not-found-to-inbox")}
            </button>
        </div>
    }
}

/// The whole page for an address the console does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main id="main-content" class="not-found-page" tabindex="-1">
            <NotFound heading="not-found-page" missing="not-found-page-missing" />
        </main>
    }
}
