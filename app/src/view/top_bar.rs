//! The bar across the top: product name, the signed-in agent, settings and sign-out.

use leptos::prelude::*;

use crate::console::Console;
use crate::state::Page;

/// Shows who is signed in, the admin-only "Settings" button and "Sign out".
#[component]
pub fn TopBar() -> impl IntoView {
    let console = expect_context::<Console>();
    let page = console.page;
    let settings = console.is_admin().then(|| {
        view! {
            <button
                class="button ghost"
                type="button"
                aria-current=move || (page.get() == Page::Settings).then_some("page")
                on:click=move |_| page.set(Page::Settings)
            >
                "Settings"
            </button>
        }
    });
    view! {
        <header class="top-bar">
            <span class="brand">"Helpline"</span>
            <span class="top-bar-spacer"></span>
            <span class="agent-name">{console.agent_name()}</span>
            {settings}
            <button class="button ghost" type="button" on:click=move |_| console.sign_out()>
                "Sign out"
            </button>
        </header>
    }
}
