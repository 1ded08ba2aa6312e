//! What the console shows where an address names nothing: an unknown path, or an id
//! that is not in the agent's workspace. It says the same either way, so an address
//! reveals nothing about other workspaces.

use leptos::prelude::*;

use crate::console::Console;
use crate::state::Page;

/// A "not found" note with a way back to the inbox; `what` names the missing thing
/// ("This conversation").
#[component]
pub fn NotFound(heading: &'static str, what: &'static str) -> impl IntoView {
    let console = expect_context::<Console>();
    let to_inbox = move |_| {
        console.deselect();
        console.page.set(Page::Inbox);
    };
    view! {
        <div class="not-found" role="alert">
            <h2 class="pane-title">{heading}</h2>
            <p>{what} " does not exist, or is not in your workspace."</p>
            <button class="button" type="button" on:click=to_inbox>
                "Go to the inbox"
            </button>
        </div>
    }
}

/// The whole page for an address the console does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <main id="main-content" class="not-found-page" tabindex="-1">
            <NotFound heading="Page not found" what="This page" />
        </main>
    }
}
