//! Keeps the address bar and the console in step through the History API. The console's
//! state stays the truth: the address is derived from it, and a new address (a reload,
//! a shared link, back or forward) is turned into the same calls a click makes.
//!
//! A hand-written [`Route`] rather than `leptos_router`: the console already keeps
//! which page, conversation, ticket and article are open in signals, so the router's
//! components would only duplicate that. Measured with `cargo xtask dist`, routing the
//! console's addresses through `leptos_router` 0.8.17 added 40.7 kB of brotli wasm and
//! 0.9 kB of JavaScript; these addresses, drafts and focus together add 7.9 kB.

use client::web::lazy::{self, NotLoaded};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;

use crate::console::Console;
use crate::dom::Listener;
use crate::help::{self, Subject};
use crate::l10n::t;
use crate::route::{HelpView, Route, TicketsView};
use crate::sections::Sections;
use crate::state::Page;
use crate::tickets;

/// The parts of the console an address can name.
#[derive(Clone, Copy)]
pub struct Navigation {
    console: Console,
    sections: Sections,
    /// A tickets or help-center address being opened while that code loads: until it
    /// has, the address bar keeps showing it.
    pending: RwSignal<Option<Route>>,
}

impl Navigation {
    /// Opens what the address names, then follows the console's state with the address
    /// and the address (back, forward) with the state, until the caller's owner is gone.
    pub fn start(console: Console, sections: Sections) {
        let navigation = Self { console, sections, pending: RwSignal::new(None) };
        navigation.apply(Route::parse(&location_path()));

        let current = Memo::new(move |_| navigation.current());
        Effect::new(move |previous: Option<Route>| {
            let route = current.get();
            let shown = location_path();
            if let Some(path) = route.path()
                && path != shown
            {
                // The first run only tidies the address (`/console` becomes
                // `/console/inbox`); it is not a step the agent took.
                if previous.is_none() || route.refines(Route::parse(&shown)) {
                    replace(&path);
                } else {
                    push(&path);
                }
            }
            route
        });

        let popstate = Listener::on_window("popstate", move |_| navigation.apply(Route::parse(&location_path())));
        // Dropped, and so removed, with the signed-in console.
        let _ = StoredValue::new_local(popstate);
    }

    /// Where the console is: the address being opened, or else what its state shows.
    fn current(self) -> Route {
        let page = self.console.page.get();
        match self.pending.get() {
            Some(route @ Route::Tickets(_)) if page == Page::Tickets => route,
            Some(route @ Route::Help(_)) if page == Page::HelpCenter => route,
            _ => self.reached(),
        }
    }

    /// Where the console is, read from its state.
    fn reached(self) -> Route {
        let console = self.console;
        match console.page.get() {
            Page::Inbox => Route::Inbox(console.selected.get()),
            Page::Tickets => Route::Tickets(self.sections.tickets_if_made().map_or(TicketsView::Queue, |tickets| {
                match tickets.section.get() {
                    tickets::Section::Queue => TicketsView::Queue,
                    tickets::Section::Ratings => TicketsView::Ratings,
                    tickets::Section::Ticket => {
                        tickets.opened.with(|opened| opened.number()).map_or(TicketsView::Queue, TicketsView::Ticket)
                    }
                }
            })),
            Page::HelpCenter => {
                Route::Help(self.sections.help_if_made().map_or(HelpView::Articles, |help| match help.section.get() {
                    help::Section::Articles => HelpView::Articles,
                    help::Section::Insights => HelpView::Insights,
                    help::Section::Editor => {
                        help.subject.with(Subject::id).map_or(HelpView::NewArticle, HelpView::Article)
                    }
                }))
            }
            Page::Reports => Route::Reports,
            Page::Audit => Route::Audit,
            Page::Settings => Route::Settings,
            Page::NotFound => Route::NotFound,
        }
    }

    /// Goes where `route` says, the way the console's own buttons do. The tickets and
    /// help-center views are opened by their own, lazily loaded code.
    fn apply(self, route: Route) {
        let console = self.console;
        match route {
            Route::Inbox(conversation) => {
                console.page.set(Page::Inbox);
                match conversation {
                    Some(id) => console.select(id),
                    None => console.deselect(),
                }
            }
            Route::Tickets(view) => {
                console.page.set(Page::Tickets);
                return self.open_later(route, open_tickets_view(self.sections, view));
            }
            Route::Help(view) => {
                console.page.set(Page::HelpCenter);
                return self.open_later(route, open_help_view(self.sections, view));
            }
            // Reports, the audit log and settings are for admins; to anyone else the
            // address names nothing.
            Route::Reports if console.is_admin() => console.page.set(Page::Reports),
            Route::Audit if console.is_admin() => console.page.set(Page::Audit),
            Route::Settings if console.is_admin() => console.page.set(Page::Settings),
            Route::Reports | Route::Audit | Route::Settings | Route::NotFound => console.page.set(Page::NotFound),
        }
        // This address supersedes one still being opened.
        self.pending.set(None);
        self.settle(route);
    }

    /// Shows `route` in the address bar while `opening`, its lazily loaded code, runs;
    /// then settles the address. Where that code could not be fetched, the agent is told,
    /// and the address says where the console stayed.
    fn open_later(self, route: Route, opening: impl Future<Output = Result<(), NotLoaded>> + 'static) {
        self.pending.set(Some(route));
        spawn_local(async move {
            if opening.await.is_err() {
                self.console.show_notice(t(lazy::NOT_LOADED).to_owned());
            }
            self.settle(route);
        });
    }

    /// After `wanted` was applied: the console may have stayed (say, the agent kept
    /// unsaved changes), and then the address says where it is.
    fn settle(self, wanted: Route) {
        let Some(pending) = self.pending.try_get_untracked() else {
            return;
        };
        // Another address came (back, then forward) while this one's code loaded: the
        // later one settles the address bar.
        if pending.is_some_and(|latest| latest != wanted) {
            return;
        }
        let reached = untrack(|| self.reached());
        if reached != wanted
            && let Some(path) = reached.path()
        {
            replace(&path);
        }
        self.pending.set(None);
    }
}

/// Opens `view` of the tickets page, creating the tickets state the first time.
#[wasm_split(open_tickets_view, wasm_split_path = leptos::wasm_split, fallible)]
fn open_tickets_view(sections: Sections, view: TicketsView) -> Result<(), NotLoaded> {
    if sections.is_gone() {
        return Ok(());
    }
    let tickets = sections.tickets();
    match view {
        TicketsView::Queue => tickets.section.set(tickets::Section::Queue),
        TicketsView::Ratings => tickets.section.set(tickets::Section::Ratings),
        TicketsView::Ticket(number) => tickets.open(number),
    }
    Ok(())
}

/// Opens `view` of the help center, creating its state the first time. An article
/// already open in the editor stays as it is.
#[wasm_split(open_help_view, wasm_split_path = leptos::wasm_split, fallible)]
fn open_help_view(sections: Sections, view: HelpView) -> Result<(), NotLoaded> {
    if sections.is_gone() {
        return Ok(());
    }
    let help = sections.help();
    let editing = help.section.get_untracked() == help::Section::Editor;
    match view {
        HelpView::Articles => help.show(help::Section::Articles),
        HelpView::Insights => help.show(help::Section::Insights),
        HelpView::NewArticle => {
            if !(editing && help.subject.with_untracked(|subject| *subject == Subject::New)) {
                help.new_article();
            }
        }
        HelpView::Article(id) => {
            if !(editing && help.subject.with_untracked(|subject| subject.id() == Some(id))) {
                help.open(id);
            }
        }
    }
    Ok(())
}

/// The path of the page's address, e.g. `/console/tickets/1001`.
fn location_path() -> String {
    web_sys::window().and_then(|window| window.location().pathname().ok()).unwrap_or_default()
}

/// Adds a history entry for `path`.
fn push(path: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

/// Replaces the current history entry's address with `path`.
fn replace(path: &str) {
    if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}
