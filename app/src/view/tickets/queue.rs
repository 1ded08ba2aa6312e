//! The ticket queue: the filters, and one row per ticket in the server's order (soonest
//! due first), refreshed while it is shown.

use std::time::Duration;

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::tickets::{TicketStatus, TicketSummary};

use super::filters::QueueFilters;
use crate::format;
use crate::l10n::t;
use crate::route::{Route, TicketsView};
use crate::tickets::{Choice, Tickets};
use crate::view::link::in_place;

/// How often the queue is fetched again while shown and the tab is visible.
const REFRESH_EVERY: Duration = Duration::from_secs(30);

/// The filters and the queue table.
#[component]
pub fn Queue() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let console = tickets.console();
    let (queue, queue_error, filters) = (tickets.queue, tickets.queue_error, tickets.filters);

    // Fetch on opening, whenever a filter changes, and when the tab is shown again.
    Effect::new(move |_| {
        filters.current();
        if console.page_visible.get() {
            tickets.refresh_queue();
        }
    });
    let page_visible = console.page_visible;
    if let Ok(timer) = set_interval_with_handle(
        move || {
            if page_visible.get_untracked() {
                tickets.refresh_queue();
            }
        },
        REFRESH_EVERY,
    ) {
        on_cleanup(move || timer.clear());
    }

    // One closure for every state: a queue is small, so redrawing it whole on a
    // refresh costs less than the code keyed updates would add to the download.
    let content = move || {
        if let Some(message) = queue_error.get() {
            return view! {
                <p class="form-error" role="alert">{message}</p>
                <button class="button" type="button" on:click=handler(move |_| tickets.refresh_queue())>
                    {t("try-again")}
                </button>
            }
            .into_any();
        }
        match queue.get() {
            None => view! { <p class="muted">{t("tickets-loading")}</p> }.into_any(),
            Some(rows) if rows.is_empty() => view! { <p class="muted">{t("tickets-none-match")}</p> }.into_any(),
            Some(rows) => view! {
                <table class="data-table ticket-queue" aria-labelledby="queue-title">
                    <thead>
                        <tr>
                            <th scope="col">{t("tickets-col-ticket")}</th>
                            <th scope="col">{t("tickets-col-requester")}</th>
                            <th scope="col">{t("inbox-status")}</th>
                            <th scope="col">{t("field-priority")}</th>
                            <th scope="col">{t("field-type")}</th>
                            <th scope="col">{t("assignee")}</th>
                            <th scope="col">{t("tickets-col-due")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows.into_iter().map(|ticket| view! { <TicketRow ticket /> }).collect_view()}</tbody>
                </table>
            }
            .into_any(),
        }
    };
    view! {
        <section class="settings-card" aria-labelledby="queue-title">
            <h3 id="queue-title">{t("tickets-queue")}</h3>
            <QueueFilters />
            {move || content()}
        </section>
    }
}

/// One ticket: its number and subject open it.
#[component]
fn TicketRow(ticket: TicketSummary) -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let now = tickets.console().now;
    let number = ticket.number;
    let requester = match ticket.requester.name.filter(|name| !name.trim().is_empty()) {
        Some(name) => view! {
            <span class="requester-name">{name}</span>
            <span class="muted requester-email">{ticket.requester.email}</span>
        }
        .into_any(),
        None if ticket.requester.email.is_empty() => {
            view! { <span class="muted">{t("tickets-no-address")}</span> }.into_any()
        }
        None => view! { <span class="requester-email">{ticket.requester.email}</span> }.into_any(),
    };
    let assignee = match ticket.assignee_name {
        Some(name) => name.into_any(),
        None => view! { <span class="muted">{t("unassigned")}</span> }.into_any(),
    };
    let breached = ticket.breached;
    let due = match ticket.next_response_due_at {
        Some(at) => view! {
            <time datetime=format::iso(at) title=format::date_time(at)>
                {move || format::due(at, now.get())}
            </time>
        }
        .into_any(),
        None => view! { <span class="muted">{t("tickets-nothing-owed")}</span> }.into_any(),
    };
    view! {
        <tr class:breached=breached>
            <th scope="row">
                <a
                    class="link-button"
                    href=Route::Tickets(TicketsView::Ticket(number)).path()
                    on:click=handler(in_place(move || tickets.open(number)))
                >
                    <span class="ticket-number">{format!("#{number}")}</span>
                    " "
                    {ticket.subject}
                </a>
            </th>
            <td>{requester}</td>
            <td>
                <StatusBadge status=ticket.status />
            </td>
            <td>
                <span class=format!("priority priority-{}", ticket.priority.value())>{ticket.priority.label()}</span>
            </td>
            <td>{ticket.ticket_type.label()}</td>
            <td>{assignee}</td>
            <td class="due">
                {due}
                {breached.then(|| view! { <span class="badge breached">{t("tickets-breached")}</span> })}
            </td>
        </tr>
    }
}

/// A ticket's status as a small badge.
#[component]
pub fn StatusBadge(status: TicketStatus) -> impl IntoView {
    view! { <span class=format!("badge status-{}", status.value())>{status.label()}</span> }
}
