//! The card a handed-off chat shows when its ticket has no address yet: "Where should
//! we send our answer to ticket #1001?", then where the answer goes.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::Errors;
use super::field::{FormField, Kind};
use crate::l10n::{t, t_with};
use crate::tickets::{Sending, Tickets, handoff_input_key, handoff_key};

/// The card of ticket `number`.
#[component]
pub fn HandoffCard(tickets: Tickets, number: i64) -> impl IntoView {
    let answered_at = Memo::new(move |_| {
        tickets.handoff(number).and_then(|handoff| match handoff.state {
            Sending::Done(email) => Some(email),
            Sending::Idle | Sending::Busy | Sending::Failed(_) => None,
        })
    });
    let state = move || tickets.handoff(number).map(|handoff| handoff.state).unwrap_or_default();
    let title_id = format!("handoff-title-{number}");
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tickets.give_email(number);
    };
    let form = move || {
        view! {
            <form class="card" aria-labelledby=title_id.clone() novalidate on:submit=handler(on_submit)>
                <p class="card-title" id=title_id.clone()>
                    {t_with("handoff-question", &[("number", number.to_string().as_str().into())])}
                </p>
                <FormField
                    id=handoff_input_key(number)
                    label=t("ticket-field-email")
                    kind=Kind::Email
                    value=Signal::derive(move || tickets.handoff(number).map(|handoff| handoff.email).unwrap_or_default())
                    on_input=Callback::new(move |email| tickets.edit_handoff(number, email))
                    error=Signal::derive(move || state().field_error("email"))
                />
                <Errors messages=Signal::derive(move || state().general_errors(&["email"])) />
                <button type="submit" class="send" disabled=move || state().is_busy()>
                    {t("handoff-send")}
                </button>
            </form>
        }
    };
    move || match answered_at.get() {
        Some(email) => view! {
            <p class="card card-title" tabindex="-1" data-focus-key=handoff_key(number)>
                {t_with("handoff-answered", &[("email", (&email).into())])}
            </p>
        }
        .into_any(),
        None => form().into_any(),
    }
}
