//! The open ticket's Status, Priority, Type and Assignee selects and its Tags; each
//! change is sent at once, and a refused one shows its reason and the stored value again.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::tickets::{TicketChanges, TicketPriority, TicketStatus, TicketType};

use super::ticket_part;
use crate::l10n::{t, t_with};
use crate::tickets::{Choice, Tickets};

/// The four selects in a row, with the server's answer to the last change beside them.
#[component]
pub fn TicketFields() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let (busy, revision, refusal) = (tickets.busy, tickets.revision, tickets.refusals.fields);
    let fields = ticket_part(tickets, |detail| {
        let ticket = &detail.ticket;
        (ticket.status, ticket.priority, ticket.ticket_type, ticket.assignee_id, ticket.assignee_name.clone())
    });
    // Read through the revision, so a refused change puts the stored value back.
    let stored = move || {
        revision.track();
        fields.get()
    };
    let status = Signal::derive(move || stored().map(|fields| fields.0));
    let priority = Signal::derive(move || stored().map(|fields| fields.1));
    let ticket_type = Signal::derive(move || stored().map(|fields| fields.2));
    let assignee = Signal::derive(move || stored().map(|fields| (fields.3, fields.4)));
    let tag_list = ticket_part(tickets, |detail| detail.ticket.tags.join(", "));
    let tags = move || {
        revision.track();
        tag_list.get().unwrap_or_default()
    };

    // Nothing leaves closed and nothing returns to new; the server refuses both.
    let status_allowed = move |to: TicketStatus| match status.get() {
        Some(TicketStatus::Closed) => to == TicketStatus::Closed,
        Some(from) => to != TicketStatus::New || from == TicketStatus::New,
        None => false,
    };

    let assignee_options = move || {
        let (current_id, current_name) = assignee.get().unwrap_or((None, None));
        let mut agents: Vec<(i64, String)> =
            tickets.agents.get().unwrap_or_default().into_iter().map(|agent| (agent.id, agent.name)).collect();
        // Until the agents are fetched (or if the assignee has left), still show who it is.
        if let Some(id) = current_id
            && !agents.iter().any(|(known, _)| *known == id)
        {
            agents.push((
                id,
                current_name.unwrap_or_else(|| t_with("ticket-agent-number", &[("id", (&id.to_string()).into())])),
            ));
        }
        let unassigned = view! { <option value="" prop:selected=current_id.is_none()>{t("unassigned")}</option> };
        let named = agents
            .into_iter()
            .map(|(id, name)| {
                view! {
                    <option value=id.to_string() prop:selected=current_id == Some(id)>
                        {name}
                    </option>
                }
            })
            .collect_view();
        view! {
            {unassigned}
            {named}
        }
    };

    view! {
        <div class="ticket-fields settings-card">
            <div class="field-row">
                <div>
                    <label class="field-label" for="ticket-status">{t("inbox-status")}</label>
                    <ChoiceSelect
                        id="ticket-status"
                        current=status
                        allowed=status_allowed
                        pick=move |status| tickets.change(TicketChanges { status: Some(status), ..Default::default() })
                    />
                </div>
                <div>
                    <label class="field-label" for="ticket-priority">{t("field-priority")}</label>
                    <ChoiceSelect
                        id="ticket-priority"
                        current=priority
                        allowed=|_: TicketPriority| true
                        pick=move |priority| {
                            tickets.change(TicketChanges { priority: Some(priority), ..Default::default() })
                        }
                    />
                </div>
                <div>
                    <label class="field-label" for="ticket-type">{t("field-type")}</label>
                    <ChoiceSelect
                        id="ticket-type"
                        current=ticket_type
                        allowed=|_: TicketType| true
                        pick=move |ticket_type| {
                            tickets.change(TicketChanges { ticket_type: Some(ticket_type), ..Default::default() })
                        }
                    />
                </div>
                <div>
                    <label class="field-label" for="ticket-assignee">{t("assignee")}</label>
                    // The options are set again on every answer, so the stored assignee
                    // is the one selected even after a refused change.
                    <select
                        id="ticket-assignee"
                        class="field"
                        disabled=busy
                        on:change=handler(move |event| {
                            let assignee_id = event_target_value(&event).parse::<i64>().ok();
                            tickets.change(TicketChanges { assignee_id: Some(assignee_id), ..Default::default() });
                        })
                    >
                        {move || assignee_options()}
                    </select>
                </div>
            </div>
            <div class="ticket-tags">
                <label class="field-label" for="ticket-tags">{t("field-tags")}</label>
                <input
                    id="ticket-tags"
                    class="field"
                    type="text"
                    placeholder=t("ticket-tags-placeholder")
                    prop:value=tags
                    disabled=busy
                    on:change=handler(move |event| {
                        let tags = event_target_value(&event)
                            .split(',')
                            .map(|tag| tag.trim().to_owned())
                            .filter(|tag| !tag.is_empty())
                            .collect();
                        tickets.change(TicketChanges { tags: Some(tags), ..Default::default() });
                    })
                />
            </div>
            <div class="form-feedback" aria-live="polite">
                {move || {
                    refusal.get().map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> })
                }}
            </div>
        </div>
    }
}

/// A select of every value of a ticket enum, showing `current`; `pick` runs with the
/// value chosen. Disabled while a change is out.
#[component]
fn ChoiceSelect<T, A, P>(id: &'static str, current: Signal<Option<T>>, allowed: A, pick: P) -> impl IntoView
where
    T: Choice,
    A: Fn(T) -> bool + Copy + Send + Sync + 'static,
    P: Fn(T) + Copy + Send + Sync + 'static,
{
    let tickets = expect_context::<Tickets>();
    let options = T::ALL
        .iter()
        .map(|&choice| {
            view! {
                <option
                    value=choice.value()
                    prop:selected=move || current.get() == Some(choice)
                    disabled=move || !allowed(choice)
                >
                    {choice.label()}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            id=id
            class="field"
            disabled=tickets.busy
            on:change=handler(move |event| {
                if let Some(choice) = T::from_value(&event_target_value(&event)) {
                    pick(choice);
                }
            })
        >
            {options}
        </select>
    }
}
