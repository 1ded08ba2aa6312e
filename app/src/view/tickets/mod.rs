//! The tickets section: the queue with its filters, one ticket with its thread,
//! composer, fields and details, and the satisfaction ratings.

pub(super) mod composer;
mod context;
mod details;
mod fields;
mod filters;
mod queue;
mod ratings;
mod thread;
mod ticket;

use leptos::prelude::*;
use protocol::tickets::TicketDetail;

use crate::l10n::t;
use crate::tickets::{Opened, Section, Tickets};
use queue::Queue;
use ratings::Ratings;
use ticket::TicketView;

/// The "Tickets" page: a heading, the Queue and Ratings tabs, and the section shown.
#[component]
pub fn TicketsPage() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    tickets.load_agents();
    let section = tickets.section;
    // The ticket view belongs to the Queue tab.
    let tab = move |target: Section, label: &'static str| {
        let current = move || match section.get() {
            Section::Ticket => Section::Queue,
            shown => shown,
        };
        super::tabs::tab_button(current, target, t(label), move |chosen| section.set(chosen))
    };
    view! {
        <main id="main-content" class="tickets" tabindex="-1">
            <div class="help-head">
                <h2 class="pane-title">{t("nav-tickets")}</h2>
                <div class="tabs" role="group" aria-label=t("tickets-views")>
                    {tab(Section::Queue, "tickets-queue")}
                    {tab(Section::Ratings, "tickets-ratings")}
                </div>
            </div>
            {move || match section.get() {
                Section::Queue => view! { <Queue /> }.into_any(),
                Section::Ticket => view! { <TicketView /> }.into_any(),
                Section::Ratings => view! { <Ratings /> }.into_any(),
            }}
        </main>
    }
}

/// A part of the open ticket as a memo, so a view redraws only when its part changes;
/// `None` while no ticket is ready.
fn ticket_part<T>(tickets: Tickets, read: impl Fn(&TicketDetail) -> T + Send + Sync + 'static) -> Memo<Option<T>>
where
    T: PartialEq + Clone + Send + Sync + 'static,
{
    let opened = tickets.opened;
    Memo::new(move |_| {
        opened.with(|opened| match opened {
            Opened::Ready(detail) => Some(read(detail)),
            _ => None,
        })
    })
}
