//! The "Email us" screen: the form (with the details a bug or a configuration question
//! needs, and what is attached automatically), then the sent ticket's confirmation.

use client::web::dom::handler;
use client::web::lazy;
use leptos::ev::{DragEvent, SubmitEvent};
use leptos::prelude::*;
use protocol::tickets::{TicketType, WidgetTicket};

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use super::Errors;
use super::field::{FormField, Kind};
use crate::chat::{Chat, is_sendable};
use crate::format;
use crate::l10n::{t, t_with};
use crate::tickets::{self, Field, Sending, Tickets};
use crate::view::attachments;
use crate::view::screenshot::{self, Editing};

/// The types a visitor can choose, with their `<option>` values (the wire names) and
/// the ids of their names.
const TYPES: [(TicketType, &str, &str); 4] = [
    (TicketType::Question, "question", "ticket-type-question"),
    (TicketType::Configuration, "configuration", "ticket-type-configuration"),
    (TicketType::Bug, "bug", "ticket-type-bug"),
    (TicketType::FeatureRequest, "feature_request", "ticket-type-feature-request"),
];

/// The "Email us" screen.
#[component]
pub fn TicketForm(chat: Chat, tickets: Tickets) -> impl IntoView {
    let sent = Memo::new(move |_| {
        tickets.sent.with(|sent| match sent {
            Sending::Done(ticket) => Some(ticket.clone()),
            Sending::Idle | Sending::Busy | Sending::Failed(_) => None,
        })
    });
    view! {
        <div class="screen">
            {move || match sent.get() {
                Some(ticket) => view! { <Confirmation ticket /> }.into_any(),
                None => view! { <Form chat tickets /> }.into_any(),
            }}
        </div>
    }
}

/// The form itself. Every input writes the draft as it is typed, so nothing is lost when
/// the server refuses it or the messenger closes.
#[component]
fn Form(chat: Chat, tickets: Tickets) -> impl IntoView {
    let ticket_type = Memo::new(move |_| tickets.draft.with(tickets::ticket_type));
    let busy = move || tickets.sent.with(Sending::is_busy);
    let field = move |field: Field| {
        let (label, kind) = describe(field, ticket_type.get_untracked());
        view! {
            <FormField
                id=field.id().to_owned()
                label=t(label)
                kind
                value=Signal::derive(move || tickets.draft.with(|draft| field.read(draft).to_owned()))
                on_input=Callback::new(move |text| tickets.edit(field, text))
                error=Signal::derive(move || tickets.sent.with(|sent| sent.field_error(field.wire_name())))
            />
        }
    };
    let details = move || {
        let shown = tickets::detail_fields(ticket_type.get());
        shown.iter().map(|detail| field(*detail)).collect_view()
    };
    let general = Signal::derive(move || {
        let shown: Vec<&str> = tickets::shown_fields(ticket_type.get()).map(Field::wire_name).collect();
        tickets.sent.with(|sent| sent.general_errors(&shown))
    });
    let on_change = move |event| {
        let value = event_target_value(&event);
        if let Some((chosen, ..)) = TYPES.iter().find(|(_, wire, _)| *wire == value) {
            tickets.choose_type(*chosen);
        }
    };
    let chosen = ticket_type.get_untracked();
    let options = TYPES
        .into_iter()
        .map(|(option, wire, label)| {
            view! {
                <option value=wire prop:selected=option == chosen>
                    {t(label)}
                </option>
            }
        })
        .collect_view();
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tickets.submit();
    };
    let promise = move || tickets.reply_expected_by().map(|at| view! { <p class="hint">{format::reply_by(at)}</p> });
    view! {
        // Focus lands on the heading, so screen readers say where the visitor is.
        <h2 class="screen-title" tabindex="-1" data-autofocus>
            {t("ticket-form-title")}
        </h2>
        {move || promise()}
        <form class="ticket-form" novalidate on:submit=handler(on_submit)>
            {field(Field::Email)}
            {field(Field::Name)}
            <div class="form-field">
                <label class="form-label" for="ticket-type">
                    {t("ticket-form-type")}
                </label>
                <select id="ticket-type" class="field" on:change=handler(on_change)>
                    {options}
                </select>
            </div>
            {field(Field::Subject)}
            {field(Field::Description)}
            {move || details()}
            <FormFiles chat tickets />
            <Attached chat />
            <PageErrors chat tickets />
            <Errors messages=general />
            <button
                type="submit"
                class="send"
                disabled=move || busy() || tickets.attachments.sending()
                aria-busy=move || busy().then_some("true")
            >
                {t("ticket-form-send")}
            </button>
        </form>
    }
}

/// A field's label (a message id) and kind; what `expected` asks depends on the type.
fn describe(field: Field, ticket_type: TicketType) -> (&'static str, Kind) {
    match field {
        Field::Email => ("ticket-field-email", Kind::Email),
        Field::Name => ("ticket-field-name", Kind::Name),
        Field::Subject => ("ticket-field-subject", Kind::Line),
        Field::Description => ("ticket-field-description", Kind::Lines),
        Field::Expected if ticket_type == TicketType::Configuration => ("ticket-field-goal", Kind::Lines),
        Field::Expected => ("ticket-field-expected", Kind::Lines),
        Field::Actual => ("ticket-field-actual", Kind::Lines),
        Field::ErrorMessage => ("ticket-field-error-message", Kind::Lines),
        Field::Since => ("ticket-field-since", Kind::Line),
    }
}

/// Screenshots and logs for the request: a picker (pasting and dropping onto the form
/// work too), and the files attached so far.
#[component]
fn FormFiles(chat: Chat, tickets: Tickets) -> impl IntoView {
    let uploads = tickets.attachments;
    let editing: Editing = RwSignal::new_local(None);
    let on_pick = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        attachments::attach(chat, uploads, input.files());
        input.set_value("");
    };
    view! {
        <div
            class="form-field form-files"
            on:drop=handler(move |event: DragEvent| {
                if attachments::attach(chat, uploads, event.data_transfer().and_then(|data| data.files())) {
                    event.prevent_default();
                }
            })
            on:dragover=handler(|event: DragEvent| event.prevent_default())
        >
            <label class="form-label" for="ticket-files">
                {t("ticket-form-files")}
            </label>
            <input id="ticket-files" class="field" type="file" multiple on:change=handler(on_pick) />
            <button
                type="button"
                class="text-action shoot"
                on:click=handler(move |_| {
                    let asked = screenshot::ask();
                    screenshot::take(chat, editing, "ticket-files", asked)
                })
            >
                {t("screenshot-take")}
            </button>
            <Show when=move || editing.with(Option::is_some)>
                {lazy::view(move || screenshot::editor(chat, uploads, editing))}
            </Show>
            <Show when=move || uploads.any()>{lazy::view(move || attachments::tray(chat, uploads))}</Show>
        </div>
    }
}

/// What goes with the ticket without the visitor typing it: the host page (sent in the
/// body) and the browser (which the server reads from the request).
#[component]
fn Attached(chat: Chat) -> impl IntoView {
    let page = move || {
        chat.page_url.get().filter(|url| is_sendable(url)).map(|url| {
            view! {
                <dt>{t("ticket-attached-page")}</dt>
                <dd>{url}</dd>
            }
        })
    };
    let browser = tickets::browser_summary(&tickets::user_agent()).text();
    let viewport = move || {
        chat.viewport.get().map(|size| {
            view! {
                <dt>{t("ticket-attached-screen")}</dt>
                <dd>{size}</dd>
            }
        })
    };
    view! {
        <section class="attached" aria-labelledby="attached-title">
            <h3 class="section-title" id="attached-title">
                {t("ticket-attached-title")}
            </h3>
            <dl class="attached-list">
                {move || page()}
                <dt>{t("ticket-attached-browser")}</dt>
                <dd>{browser}</dd>
                {move || viewport()}
            </dl>
        </section>
    }
}

/// The host page's recent errors, when the host lets the loader keep them: listed for
/// the visitor to read, and sent only if they tick the box.
#[component]
fn PageErrors(chat: Chat, tickets: Tickets) -> impl IntoView {
    let errors = chat.page_errors;
    move || {
        let count = errors.with(Vec::len);
        (count > 0).then(|| {
            let label = t_with("ticket-page-errors", &[("count", count.into())]);
            view! {
                <section class="attached page-errors">
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || tickets.send_errors.get()
                            on:change=handler(move |event| tickets.send_errors.set(event_target_checked(&event)))
                        />
                        {label}
                    </label>
                    <details>
                        <summary>{t("ticket-page-errors-details")}</summary>
                        <ul class="error-list">
                            {move || errors.get().into_iter().map(|error| view! { <li><pre>{error}</pre></li> }).collect_view()}
                        </ul>
                    </details>
                </section>
            }
        })
    }
}

/// The sent ticket: its number, where the confirmation went, and when to expect an
/// answer.
#[component]
fn Confirmation(ticket: WidgetTicket) -> impl IntoView {
    let promise = ticket.response_due_at.map(|at| view! { <p>{format::reply_by(at)}</p> });
    view! {
        <section class="confirmation" aria-labelledby="ticket-sent-title">
            <h2 class="screen-title" id="ticket-sent-title" tabindex="-1" data-autofocus>
                {t_with("ticket-sent-title", &[("number", ticket.number.to_string().as_str().into())])}
            </h2>
            <p>{t_with("ticket-sent-email", &[("email", (&ticket.email).into())])}</p>
            {promise}
        </section>
    }
}
