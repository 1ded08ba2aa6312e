//! "Your tickets": the visitor's tickets with their number, subject, status in plain
//! words and, while an answer is owed, when it is due.

use leptos::prelude::*;
use protocol::tickets::{TicketStatus, WidgetTicket};

use crate::format;
use crate::help::Load;
use crate::tickets::Tickets;
use crate::view::help::Problem;

/// The list of the visitor's tickets.
#[component]
pub fn TicketList(tickets: Tickets) -> impl IntoView {
    let body = move || match tickets.list.get() {
        Load::Loading => view! { <p class="hint">"Loading your tickets…"</p> }.into_any(),
        Load::Failed(reason) => {
            view! { <Problem message=reason retry=Callback::new(move |()| tickets.refresh_list()) /> }.into_any()
        }
        Load::Ready(list) if list.is_empty() => view! { <p class="hint">"You have no tickets yet."</p> }.into_any(),
        Load::Ready(list) => view! { <ul class="tickets">{list.into_iter().map(row).collect_view()}</ul> }.into_any(),
    };
    view! {
        <div class="screen">
            // Focus lands on the heading, so screen readers say where the visitor is.
            <h2 class="screen-title" tabindex="-1" data-autofocus>
                "Your tickets"
            </h2>
            {body}
        </div>
    }
}

/// One ticket.
fn row(ticket: WidgetTicket) -> impl IntoView {
    let status = status_words(&ticket);
    let due = ticket.response_due_at.map(|at| view! { <p class="ticket-due">{format::reply_by(at)}</p> });
    view! {
        <li class="ticket">
            <p class="ticket-subject">
                <span class="ticket-number">{format!("#{}", ticket.number)}</span>
                " "
                {ticket.subject}
            </p>
            <p class="ticket-status">{status}</p>
            {due}
        </li>
    }
}

/// Where a ticket is, as the visitor would say it.
fn status_words(ticket: &WidgetTicket) -> &'static str {
    if ticket.needs_email {
        return "Waiting for your email address";
    }
    match ticket.status {
        TicketStatus::New => "Received",
        TicketStatus::Open => "In progress",
        TicketStatus::Pending => "Waiting for your reply",
        TicketStatus::Resolved => "Solved",
        TicketStatus::Closed => "Closed",
    }
}
