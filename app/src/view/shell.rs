//! The signed-in layout: top bar, connection status, and the inbox, tickets, help
//! center, reports, audit log or settings page.

use client::web::dom::handler;
use client::web::lazy::{self, NotLoaded};
use leptos::prelude::*;
use leptos::wasm_split::wasm_split;
use protocol::api::AgentSession;

use super::audit::AuditPage;
use super::conversation::ConversationView;
use super::help::HelpCenterPage;
use super::inbox::Inbox;
use super::not_found::NotFoundPage;
use super::reply_picker::SavedReplies;
use super::reports::ReportsPage;
use super::settings::Settings;
use super::status_banner::StatusBanner;
use super::tickets::TicketsPage;
use super::top_bar::TopBar;
use super::visitor_panel::VisitorPanel;
use crate::console::Console;
use crate::dom;
use crate::l10n::t;
use crate::navigation::Navigation;
use crate::sections::Sections;
use crate::state::{Auth, Page};

// The pages besides the inbox are compiled into modules of their own (`wasm_split`;
// `cargo xtask dist` splits them off) and fetched the first time they are opened.

/// The ticket queue and ticket view, with the tickets state they share.
#[wasm_split(tickets_page, wasm_split_path = leptos::wasm_split, fallible)]
fn tickets_page(sections: Sections) -> Result<AnyView, NotLoaded> {
    provide_context(sections.tickets());
    Ok(view! { <TicketsPage /> }.into_any())
}

/// The help center: articles, the editor, insights, with the state they share.
#[wasm_split(help_center_page, wasm_split_path = leptos::wasm_split, fallible)]
fn help_center_page(sections: Sections) -> Result<AnyView, NotLoaded> {
    provide_context(sections.help());
    Ok(view! { <HelpCenterPage /> }.into_any())
}

/// Reports: the figures, their charts and the CSV link.
#[wasm_split(reports_page, wasm_split_path = leptos::wasm_split, fallible)]
fn reports_page() -> Result<AnyView, NotLoaded> {
    Ok(view! { <ReportsPage /> }.into_any())
}

/// The audit log: its filters, entries and CSV link.
#[wasm_split(audit_page, wasm_split_path = leptos::wasm_split, fallible)]
fn audit_page() -> Result<AnyView, NotLoaded> {
    Ok(view! { <AuditPage /> }.into_any())
}

/// Settings: identity, API keys and the rest.
#[wasm_split(settings_page, wasm_split_path = leptos::wasm_split, fallible)]
fn settings_page() -> Result<AnyView, NotLoaded> {
    Ok(view! { <Settings /> }.into_any())
}

/// Creates the console state for `session` and shows it; signing out disposes of both.
#[component]
pub fn Shell(session: AgentSession) -> impl IntoView {
    let auth = expect_context::<RwSignal<Auth>>();
    let console = Console::new(session, auth);
    provide_context(console);
    console.start();
    // The tickets and help-center state belong to the shell rather than to their
    // pages, so a reply or article being written survives a look at the inbox.
    let sections = Sections::new(console);
    provide_context(sections);
    // Both composers and the settings page share one copy of the saved replies.
    provide_context(SavedReplies::new());
    // Last, so the address can open anything the console has.
    Navigation::start(console, sections);

    let page = console.page;
    view! {
        <div class="console">
            <SkipLink />
            <TopBar />
            <StatusBanner />
            {move || match page.get() {
                Page::Inbox => {
                    view! {
                        <main class="workspace">
                            <Inbox />
                            <ConversationView />
                            <VisitorPanel />
                        </main>
                    }
                        .into_any()
                }
                Page::Tickets => lazy::view(move || tickets_page(sections)),
                Page::HelpCenter => lazy::view(move || help_center_page(sections)),
                Page::Reports => lazy::view(reports_page),
                Page::Audit => lazy::view(audit_page),
                Page::Settings => lazy::view(settings_page),
                Page::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
        </div>
    }
}

/// The first thing Tab reaches: jumps past the top bar and the inbox to the open
/// conversation, or to the page's main content.
#[component]
fn SkipLink() -> impl IntoView {
    let console = expect_context::<Console>();
    let (page, selected) = (console.page, console.selected);
    let to_conversation = move || page.get() == Page::Inbox && selected.get().is_some();
    let skip = move |event: leptos::ev::MouseEvent| {
        // Moving the focus is the point; a `#fragment` in the address would not be.
        event.prevent_default();
        let moved = to_conversation() && dom::focus_by_id("conversation-log");
        if !moved {
            dom::focus_by_id("main-content");
        }
    };
    view! {
        <a class="skip-link" href="#main-content" on:click=handler(skip)>
            {move || if to_conversation() { t("skip-to-conversation") } else { t("skip-to-main") }}
        </a>
    }
}
