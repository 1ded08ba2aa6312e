//! "Your tickets": the visitor's tickets with their number, subject, status in plain
//! words and, while an answer is owed, when it is due.

use leptos::prelude::*;
use protocol::tickets::{TicketStatus, WidgetTicket};

use crate::format;
use crate::help::Load;
use crate::l10n::{t, t_with};
use crate::tickets::Tickets;
use crate::view::help::Problem;

/// The list of the visitor's tickets.
#[component]
pub fn TicketList(tickets: Tickets) -> impl IntoView {
    let body = move || match tickets.list.get() {
        Load::Loading => view! { <p class="hint">{t("tickets-loading")}</p> }.into_any(),
        Load::Failed(reason) => {
            view! { <Problem message=reason.text() retry=Callback::new(move |()| tickets.refresh_list()) /> }.into_any()
        }
        Load::Ready(list) if list.is_empty() => view! { <p class="hint">{t("tickets-empty")}</p> }.into_any(),
        Load::Ready(list) => view! { <ul class="tickets">{list.into_iter().map(row).collect_view()}</ul> }.into_any(),
    };
    view! {
        <div class="screen">
            // Focus lands on the heading, so screen readers say where the visitor is.
            <h2 class="screen-title" tabindex="-1" data-autofocus>
                {t("tickets-title")}
            </h2>
            {move || body()}
        </div>
    }
}

/// One ticket.
fn row(ticket: WidgetTicket) -> impl IntoView {
    let status = t(status_words(&ticket));
    let due = ticket.response_due_at.map(|at| view! { <p class="ticket-due">{format::reply_by(at)}</p> });
    view! {
        <li class="ticket">
            <p class="ticket-subject">
                <span class="ticket-number">{t_with("tickets-number", &[("number", ticket.number.to_string().as_str().into())])}</span>
                " "
                {ticket.subject}
            </p>
            <p class="ticket-status">{status}</p>
            {due}
        </li>
    }
}

/// Where a ticket is, as the visitor would say it (a message id).
fn status_words(ticket: &WidgetTicket) -> &'static str {
    if ticket.needs_email {
        return "ticket-status-needs-email";
    }
    match ticket.status {
        TicketStatus::New => "ticket-status-new",
        TicketStatus::Open => "ticket-status-open",
        TicketStatus::Pending => "ticket-status-pending",
        TicketStatus::Resolved => "ticket-status-resolved",
        TicketStatus::Closed => "ticket-status-closed",
    }
}
