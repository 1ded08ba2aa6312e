//! One ticket: its header, fields, thread and composer beside the requester, the
//! engineering details and the context; fetched again while it is shown.

use std::time::Duration;

use client::web::dom::handler;
use leptos::prelude::*;

use super::composer::TicketComposer;
use super::context::{TicketContextPanel, TranscriptPanel};
use super::details::EngineeringDetails;
use super::fields::TicketFields;
use super::queue::StatusBadge;
use super::thread::TicketThread;
use super::ticket_part;
use crate::format;
use crate::l10n::t;
use crate::tickets::{Choice, Opened, Section, Tickets};
use crate::view::not_found::NotFound;

/// How often the open ticket is fetched again while shown and the tab is visible, so
/// customer replies arriving by email show up.
const REFRESH_EVERY: Duration = Duration::from_secs(30);

/// What the ticket view shows; a memo so answers (which replace the ticket) do not
/// rebuild the view and wipe the caret in the reply box.
#[derive(Debug, Clone, PartialEq)]
enum Pane {
    Nothing,
    Loading,
    Failed(i64, String),
    Missing,
    Ready,
}

/// The ticket view: a loading note, an error with retry, or the open ticket.
#[component]
pub fn TicketView() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let opened = tickets.opened;
    let pane = Memo::new(move |_| {
        opened.with(|opened| match opened {
            Opened::Nothing => Pane::Nothing,
            Opened::Loading(_) => Pane::Loading,
            Opened::Failed(number, message) => Pane::Failed(*number, message.clone()),
            Opened::Missing(_) => Pane::Missing,
            Opened::Ready(_) => Pane::Ready,
        })
    });
    let page_visible = tickets.console().page_visible;
    if let Ok(timer) = set_interval_with_handle(
        move || {
            if page_visible.get_untracked() {
                tickets.reload();
            }
        },
        REFRESH_EVERY,
    ) {
        on_cleanup(move || timer.clear());
    }
    let back = move |_| tickets.section.set(Section::Queue);
    move || match pane.get() {
        Pane::Nothing => view! {
            <p class="pane-note">{t("ticket-choose")}</p>
        }
        .into_any(),
        Pane::Loading => view! { <p class="pane-note">{t("ticket-loading")}</p> }.into_any(),
        Pane::Failed(number, message) => view! {
            <div class="settings-card">
                <p class="form-error" role="alert">{message}</p>
                <div class="form-actions">
                    <button class="button" type="button" on:click=handler(move |_| tickets.open(number))>
                        {t("try-again")}
                    </button>
                    <button class="button ghost" type="button" on:click=handler(back)>
                        {t("ticket-back")}
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Pane::Missing => {
            view! { <NotFound heading="not-found-ticket" missing="not-found-ticket-missing" /> }.into_any()
        }
        Pane::Ready => view! { <OpenTicket /> }.into_any(),
    }
}

/// The open ticket's header and its two columns.
#[component]
fn OpenTicket() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let now = tickets.console().now;
    let summary = ticket_part(tickets, |detail| detail.ticket.clone());
    let needs_email = ticket_part(tickets, |detail| detail.needs_email);
    let heading = move || summary.with(|summary| summary.as_ref().map(|t| format!("#{} {}", t.number, t.subject)));
    let badges = move || {
        summary.get().map(|ticket| {
            let breached = ticket.breached;
            let due = ticket.next_response_due_at.map(|at| {
                view! {
                    <time class="due" class:breached=breached datetime=format::iso(at) title=format::date_time(at)>
                        {move || format::due(at, now.get())}
                    </time>
                }
            });
            view! {
                <StatusBadge status=ticket.status />
                <span class=format!("priority priority-{}", ticket.priority.value())>{ticket.priority.label()}</span>
                {due}
                {ticket.breached.then(|| view! { <span class="badge breached">{t("tickets-breached")}</span> })}
            }
        })
    };
    view! {
        <div class="editor-head">
            <button class="button ghost" type="button" on:click=handler(move |_| tickets.section.set(Section::Queue))>
                {t("ticket-back")}
            </button>
            <h3 class="editor-title">{move || heading()}</h3>
            {move || badges()}
        </div>
        {move || {
            (needs_email.get() == Some(true))
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            {t("ticket-needs-email")}
                        </p>
                    }
                })
        }}
        <div class="ticket-columns">
            <div class="ticket-main">
                <TicketFields />
                <TicketThread />
                <TicketComposer />
            </div>
            <div class="ticket-side">
                <TicketContextPanel />
                <EngineeringDetails />
                <TranscriptPanel />
            </div>
        </div>
    }
}
