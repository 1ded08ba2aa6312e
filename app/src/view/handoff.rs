//! A live chat's hand-offs: "Escalate to ticket", a small form that turns the chat into
//! an email ticket, and "End chat", which ends it and asks the visitor for a rating.

use client::web::dom::handler;
use client::web::lazy::{self, NotLoaded};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_split::wasm_split;
use protocol::api::{AuthorKind, Message};
use protocol::tickets::{EscalateChat, TicketPriority, TicketType};

use crate::api;
use crate::console::Console;
use crate::dom;
use crate::l10n::{t, t_with};
use crate::refusal::{Refusal, field_message};
use crate::route::{Route, TicketsView};
use crate::sections::Sections;
use crate::state::Page;
use crate::view::field::{ChoiceField, TextField};
use crate::view::link::in_place;

/// The longest subject the form suggests from the chat.
const SUBJECT_CHARS: usize = 80;

/// Asked before a chat is ended (a message id).
const END_QUESTION: &str = "handoff-end-question";

/// The two buttons for conversation `id`, the escalation form while open, and the
/// link to the ticket once created.
#[component]
pub fn ChatActions(id: i64) -> impl IntoView {
    let console = expect_context::<Console>();
    let sections = expect_context::<Sections>();
    let form_open = RwSignal::new(false);
    let created = RwSignal::new(None::<i64>);
    let ending = RwSignal::new(false);

    let end_chat = move |_| {
        if ending.get_untracked() || !dom::confirm(t(END_QUESTION)) {
            return;
        }
        let csrf_token = console.csrf_token();
        ending.set(true);
        spawn_local(async move {
            let result = api::end_chat(&csrf_token, id).await;
            if ending.is_disposed() {
                return;
            }
            ending.set(false);
            match result {
                Ok(()) => console.show_notice(t("handoff-ended").to_owned()),
                Err(error) => console.show_notice(console.explain(&error)),
            }
        });
    };
    let open_ticket = move |number: i64| {
        in_place(move || {
            sections.tickets().open(number);
            console.page.set(Page::Tickets);
        })
    };

    view! {
        <div class="chat-actions">
            <button
                class="button"
                type="button"
                aria-expanded=move || form_open.get().to_string()
                on:click=handler(move |_| form_open.update(|open| *open = !*open))
            >
                {t("handoff-escalate")}
            </button>
            <button class="button ghost" type="button" disabled=ending on:click=handler(end_chat)>
                {t("handoff-end")}
            </button>
        </div>
        {move || {
            created
                .get()
                .map(|number| {
                    view! {
                        <p class="handoff-done form-success" role="status">
                            <a href=Route::Tickets(TicketsView::Ticket(number)).path() on:click=handler(open_ticket(number))>
                                {t_with("handoff-created", &[("number", (&number.to_string()).into())])}
                            </a>
                        </p>
                    }
                })
        }}
        {move || form_open.get().then(|| lazy::view(move || handoff_form(id, form_open, created)))}
    }
}

/// The escalation form, in a module of its own fetched when first opened (`wasm_split`).
#[wasm_split(handoff_form, wasm_split_path = leptos::wasm_split, fallible)]
fn handoff_form(id: i64, form_open: RwSignal<bool>, created: RwSignal<Option<i64>>) -> Result<AnyView, NotLoaded> {
    Ok(view! { <HandoffForm id form_open created /> }.into_any())
}

/// Subject, type, priority and the visitor's address; "Create ticket" sends them.
#[component]
fn HandoffForm(id: i64, form_open: RwSignal<bool>, created: RwSignal<Option<i64>>) -> impl IntoView {
    let console = expect_context::<Console>();
    let subject = RwSignal::new(console.messages.with_untracked(|messages| subject_from(messages)));
    let ticket_type = RwSignal::new(TicketType::Question);
    let priority = RwSignal::new(TicketPriority::Medium);
    let email = RwSignal::new(String::new());
    let refusal = RwSignal::new(None::<Refusal>);
    let busy = RwSignal::new(false);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_owned();
        let input = EscalateChat {
            subject: subject.get_untracked().trim().to_owned(),
            ticket_type: ticket_type.get_untracked(),
            priority: priority.get_untracked(),
            email: (!address.is_empty()).then_some(address),
            name: None,
        };
        let csrf_token = console.csrf_token();
        busy.set(true);
        refusal.set(None);
        spawn_local(async move {
            let result = api::escalate_chat(&csrf_token, id, &input).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(detail) => {
                    created.set(Some(detail.ticket.number));
                    form_open.set(false);
                }
                // A 409 (the chat already has an open ticket) says so in its message.
                Err(error) => refusal.set(Some(Refusal::of(console, &error))),
            }
        });
    };

    view! {
        <form class="handoff" on:submit=handler(submit) aria-labelledby="handoff-title">
            <h3 id="handoff-title" class="section-title">{t("handoff-title")}</h3>
            <TextField id="handoff-subject" label=t("field-subject") value=subject error=field_message(refusal, "subject") />
            <div class="field-pair">
                <div>
                    <ChoiceField
                        id="handoff-type"
                        label=t("field-type")
                        value=ticket_type
                        error=field_message(refusal, "ticket_type")
                    />
                </div>
                <div>
                    <ChoiceField
                        id="handoff-priority"
                        label=t("field-priority")
                        value=priority
                        error=field_message(refusal, "priority")
                    />
                </div>
            </div>
            <TextField
                id="handoff-email"
                label=t("handoff-email")
                value=email
                kind="email"
                hint=t("handoff-email-hint")
                error=field_message(refusal, "email")
            />
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=busy>
                    {t("handoff-create")}
                </button>
                <button class="button ghost" type="button" on:click=handler(move |_| form_open.set(false))>
                    {t("cancel")}
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

/// A subject suggested from the chat: the visitor's first message on one line,
/// shortened at a word to at most 80 characters.
fn subject_from(messages: &[Message]) -> String {
    let Some(first) = messages.iter().find(|message| message.author == AuthorKind::Visitor) else {
        return String::new();
    };
    let text = first.body.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SUBJECT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SUBJECT_CHARS - 1).collect();
    // Break at a word unless that would lose more than half of it.
    let cut = match cut.rfind(' ') {
        Some(space) if cut[..space].chars().count() >= SUBJECT_CHARS / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(author: AuthorKind, body: &str) -> Message {
        Message {
            id: 1,
            conversation_id: 1,
            seq: 1,
            author,
            author_name: String::new(),
            body: body.into(),
            client_id: String::new(),
            created_at: 0,
            files: Vec::new(),
            internal: false,
            change: None,
        }
    }

    #[test]
    fn the_subject_is_the_visitors_first_message_on_one_line() {
        let messages = [
            message(AuthorKind::Agent, "Hi!"),
            message(AuthorKind::Visitor, "  Export\nfails  "),
            message(AuthorKind::Visitor, "x"),
        ];
        assert_eq!(subject_from(&messages), "Export fails");
        assert_eq!(subject_from(&[message(AuthorKind::Agent, "Hello")]), "");
    }

    #[test]
    fn a_long_first_message_is_cut_at_a_word_within_80_characters() {
        let long = "When I export my invoices as a PDF the download never finishes and the page shows an error";
        let subject = subject_from(&[message(AuthorKind::Visitor, long)]);
        assert!(subject.chars().count() <= SUBJECT_CHARS, "{subject}");
        assert_eq!(subject, "When I export my invoices as a PDF the download never finishes and the page…");
        let unbroken = "ü".repeat(200);
        assert_eq!(subject_from(&[message(AuthorKind::Visitor, &unbroken)]).chars().count(), SUBJECT_CHARS);
    }
}
