//! The signed-in layout: top bar, connection status, and the inbox, tickets, help
//! center or settings page.

use leptos::prelude::*;
use protocol::api::AgentSession;

use super::conversation::ConversationView;
use super::help::HelpCenterPage;
use super::inbox::Inbox;
use super::settings::Settings;
use super::status_banner::StatusBanner;
use super::tickets::TicketsPage;
use super::top_bar::TopBar;
use super::visitor_panel::VisitorPanel;
use crate::console::Console;
use crate::help::HelpCenter;
use crate::state::{Auth, Page};
use crate::tickets::Tickets;

// The pages besides the inbox are compiled into modules of their own (`#[lazy]`;
// `cargo xtask dist` splits them off) and fetched the first time they are opened.

/// The ticket queue and ticket view.
#[lazy]
fn tickets_page() -> AnyView {
    view! { <TicketsPage /> }.into_any()
}

/// The help center: articles, the editor, insights.
#[lazy]
fn help_center_page() -> AnyView {
    view! { <HelpCenterPage /> }.into_any()
}

/// Settings: identity, API keys and the rest.
#[lazy]
fn settings_page() -> AnyView {
    view! { <Settings /> }.into_any()
}

/// Creates the console state for `session` and shows it; signing out disposes of both.
#[component]
pub fn Shell(session: AgentSession) -> impl IntoView {
    let auth = expect_context::<RwSignal<Auth>>();
    let console = Console::new(session, auth);
    provide_context(console);
    console.start();
    // Created here rather than by the help-center page, so an article being written
    // survives a look at the inbox.
    let help = HelpCenter::new(console);
    provide_context(help);
    help.start();
    // Likewise, a reply being written to a ticket survives a look at a chat.
    provide_context(Tickets::new(console));

    let page = console.page;
    view! {
        <div class="console">
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
                Page::Tickets => Suspend::new(tickets_page()).into_any(),
                Page::HelpCenter => Suspend::new(help_center_page()).into_any(),
                Page::Settings => Suspend::new(settings_page()).into_any(),
            }}
        </div>
    }
}
