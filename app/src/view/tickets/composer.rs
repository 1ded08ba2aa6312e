//! The ticket composer: one text box and three ways to send it — a public reply, an
//! internal note, or a request for more information that sets the ticket pending.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::ticket_part;
use crate::api::Post;
use crate::refusal::field_message;
use crate::tickets::Tickets;
use crate::view::field::{FieldMessage, described_by};

/// The "Reply" box with "Send reply", "Add internal note" and "Ask for more info".
/// What was typed stays until the server has it.
#[component]
pub fn TicketComposer() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let (reply, busy, refusal) = (tickets.reply, tickets.busy, tickets.refusals.composer);
    let email = ticket_part(tickets, |detail| detail.ticket.requester.email.clone());
    let empty = Memo::new(move |_| reply.with(|text| text.trim().is_empty()));
    let blocked = move || busy.get() || empty.get();
    let body_error = field_message(refusal, "body");

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tickets.post(Post::Reply);
    };
    let hint = move || match email.get() {
        Some(email) if !email.is_empty() => {
            format!("Replies are emailed to {email}. Internal notes are seen by agents only.")
        }
        _ => "Replies are emailed once the requester gives an address. Internal notes are seen by agents only."
            .to_owned(),
    };

    view! {
        <form class="settings-card ticket-composer" on:submit=on_submit>
            <label class="field-label" for="ticket-reply">"Reply"</label>
            <p class="hint" id="ticket-reply-hint">{hint}</p>
            <textarea
                id="ticket-reply"
                class="field composer-input"
                rows="5"
                aria-describedby=described_by("ticket-reply", true, body_error)
                aria-invalid=move || body_error.with(Option::is_some).then_some("true")
                prop:value=reply
                on:input=move |event| tickets.reply_changed(event_target_value(&event))
            ></textarea>
            <FieldMessage id="ticket-reply" error=body_error />
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=blocked>
                    "Send reply"
                </button>
                <button class="button" type="button" disabled=blocked on:click=move |_| tickets.post(Post::Note)>
                    "Add internal note"
                </button>
                <button
                    class="button"
                    type="button"
                    disabled=blocked
                    on:click=move |_| tickets.post(Post::RequestInfo)
                >
                    "Ask for more info"
                </button>
            </div>
            <div class="form-feedback" aria-live="polite">
                {move || {
                    refusal.get().map(|refusal| view! { <p class="form-error" role="alert">{refusal.message}</p> })
                }}
            </div>
        </form>
    }
}
