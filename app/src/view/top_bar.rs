//! The bar across the top: product name, the sections (inbox, tickets, help center),
//! the signed-in agent, settings and sign-out.

use leptos::prelude::*;

use crate::console::Console;
use crate::help::HelpCenter;
use crate::state::Page;

/// The "Inbox", "Tickets" and "Help center" sections, who is signed in, the admin-only "Settings"
/// button and "Sign out".
#[component]
pub fn TopBar() -> impl IntoView {
    let console = expect_context::<Console>();
    let help = expect_context::<HelpCenter>();
    let page = console.page;
    let section = move |target: Page, label: &'static str| {
        view! {
            <button
                class="button ghost"
                type="button"
                aria-current=move || (page.get() == target).then_some("page")
                on:click=move |_| page.set(target)
            >
                {label}
            </button>
        }
    };
    let settings = console.is_admin().then(|| section(Page::Settings, "Settings"));
    // Switching pages keeps an article being written; signing out throws it away, so
    // that asks first.
    let sign_out = move |_| {
        if help.may_discard() {
            console.sign_out();
        }
    };
    view! {
        <header class="top-bar">
            <span class="brand">"Helpline"</span>
            <nav class="sections" aria-label="Sections">
                {section(Page::Inbox, "Inbox")}
                {section(Page::Tickets, "Tickets")}
                {section(Page::HelpCenter, "Help center")}
            </nav>
            <span class="top-bar-spacer"></span>
            <span class="agent-name">{console.agent_name()}</span>
            {settings}
            <button class="button ghost" type="button" on:click=sign_out>
                "Sign out"
            </button>
        </header>
    }
}
