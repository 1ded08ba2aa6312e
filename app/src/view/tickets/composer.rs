//! The ticket composer: one text box (where `/shortcut` offers saved replies), files
//! to attach to a reply (each uploading at once, with its progress, a way to cancel it
//! and to retry a failed one), and three ways to send it — a public reply, an internal
//! note, or a request for more information that sets the ticket pending.

use client::web::dom::handler;
use client::web::http::Auth;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use super::ticket_part;
use crate::api::Post;
use crate::format;
use crate::l10n::{t, t_with};
use crate::refusal::field_message;
use crate::tickets::{Attached, Tickets, UploadState, Uploads};
use crate::view::field::{FieldMessage, described_by};
use crate::view::reply_picker::{Picker, ReplyBox, reply_picker};

/// The "Reply" box with "Send reply", "Add internal note" and "Ask for more info".
/// What was typed stays until the server has it.
#[component]
pub fn TicketComposer() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let (reply, busy, refusal) = (tickets.reply, tickets.busy, tickets.refusals.composer);
    let email = ticket_part(tickets, |detail| detail.ticket.requester.email.clone());
    let empty = Memo::new(move |_| reply.with(|text| text.trim().is_empty()));
    let uploads = tickets.uploads;
    let blocked = move || busy.get() || empty.get();
    // A reply waits for its files; a note does not carry them.
    let reply_blocked = move || blocked() || uploads.sending();
    let body_error = field_message(refusal, "body");

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        tickets.post(Post::Reply);
    };
    let hint = move || match email.get() {
        Some(email) if !email.is_empty() => t_with("ticket-reply-hint", &[("email", (&email).into())]),
        _ => t("ticket-reply-hint-no-address").to_owned(),
    };

    view! {
        <form class="settings-card ticket-composer" on:submit=handler(on_submit)>
            <label class="field-label" for="ticket-reply">{t("composer-reply")}</label>
            <p class="hint" id="ticket-reply-hint">{move || hint()}</p>
            {reply_picker(ReplyBox::Ticket, Picker::new(), reply)}
            <textarea
                id="ticket-reply"
                class="field composer-input"
                rows="5"
                aria-describedby=described_by("ticket-reply", true, body_error)
                aria-invalid=move || body_error.with(Option::is_some).then_some("true")
                prop:value=reply
                on:input=handler(move |event| tickets.reply_changed(event_target_value(&event)))
            ></textarea>
            <FieldMessage id="ticket-reply" error=body_error />
            <ReplyFiles />
            <div class="form-actions">
                <button class="button primary" type="submit" disabled=reply_blocked>
                    {t("ticket-send-reply")}
                </button>
                <button class="button" type="button" disabled=blocked on:click=handler(move |_| tickets.post(Post::Note))>
                    {t("ticket-add-note")}
                </button>
                <button
                    class="button"
                    type="button"
                    disabled=reply_blocked
                    on:click=handler(move |_| tickets.post(Post::RequestInfo))
                >
                    {t("ticket-ask-info")}
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

/// The reply's files: a picker, and each file with its progress or state and what can
/// be done about it.
#[component]
fn ReplyFiles() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let uploads = tickets.uploads;
    let console = tickets.console();
    let on_change = move |event: leptos::ev::Event| {
        let Some(input) = event.target().and_then(|target| target.dyn_into::<HtmlInputElement>().ok()) else {
            return;
        };
        if let Some(list) = input.files() {
            let csrf_token = console.csrf_token();
            for index in 0..list.length() {
                if let Some(file) = list.get(index) {
                    uploads.add(file, Auth::Csrf(&csrf_token));
                }
            }
        }
        // The same file can be picked again after a removal.
        input.set_value("");
    };
    view! {
        <div class="reply-files">
            <label class="button" for="ticket-files">{t("attach-files")}</label>
            <input id="ticket-files" class="visually-hidden" type="file" multiple on:change=handler(on_change) />
            <FileRows uploads retry_auth=Callback::new(move |()| console.csrf_token()) />
        </div>
    }
}

/// Attached files, each with its progress or state and what can be done about it.
/// `retry_auth` gives the CSRF token a retried upload sends.
#[component]
pub fn FileRows(uploads: Uploads, retry_auth: Callback<(), String>) -> impl IntoView {
    let row = move |file: Attached| {
        let key = file.key;
        let size = format::file_size(file.size);
        let (status, action) = match file.state {
            UploadState::Sending(percent) => (
                view! {
                    <progress max="100" value=percent.to_string() aria-label=t_with("file-uploading", &[("name", (&file.name).into())])></progress>
                }
                .into_any(),
                view! { <button class="text-button" type="button" on:click=handler(move |_| uploads.remove(key))>{t("cancel")}</button> }
                    .into_any(),
            ),
            UploadState::Ready(_) => (
                view! { <span class="muted">{t("file-ready")}</span> }.into_any(),
                view! { <button class="text-button" type="button" on:click=handler(move |_| uploads.remove(key))>{t("file-remove")}</button> }
                    .into_any(),
            ),
            UploadState::Failed(message) => (
                view! { <span class="form-error" role="alert">{message}</span> }.into_any(),
                view! {
                    <button
                        class="text-button"
                        type="button"
                        on:click=handler(move |_| uploads.retry(key, Auth::Csrf(&retry_auth.run(()))))
                    >
                        {t("retry")}
                    </button>
                    <button class="text-button" type="button" on:click=handler(move |_| uploads.remove(key))>{t("file-remove")}</button>
                }
                .into_any(),
            ),
        };
        view! {
            <li class="reply-file">
                <span class="file-name">{file.name}</span>
                " "
                <span class="muted">{size}</span>
                " "
                {status}
                " "
                {action}
            </li>
        }
    };
    view! {
        <ul class="reply-file-list" aria-label=t("files-attached")>
            <For each=move || uploads.files.get() key=|file| (file.key, file.state.clone()) children=row />
        </ul>
    }
}
