//! The open ticket's thread and history in order: replies, customer messages and
//! internal notes as distinct blocks, changes as one-line sentences with their time,
//! and failed deliveries as warnings.

use leptos::html::Section;
use leptos::prelude::*;
use protocol::tickets::{MailAttachment, TicketEvent, TicketEventKind};

use super::ticket_part;
use crate::format;
use crate::l10n::{t, t_with};
use crate::tickets::{self, Tickets};

/// The events of the open ticket, oldest first.
#[component]
pub fn TicketThread() -> impl IntoView {
    let tickets = expect_context::<Tickets>();
    let events = ticket_part(tickets, |detail| (detail.ticket.number, detail.events.clone()));
    // Opening a ticket moves the focus here, past the queue and the ticket's fields.
    let thread = NodeRef::<Section>::new();
    Effect::new(move |_| {
        if let Some(thread) = thread.get()
            && tickets.take_thread_focus()
        {
            let _ = thread.focus();
        }
    });
    view! {
        <section id="ticket-thread" class="ticket-thread" aria-labelledby="thread-title" tabindex="-1" node_ref=thread>
            <h4 id="thread-title" class="section-title">{t("thread-title")}</h4>
            <ol class="events">
                <For
                    each=move || {
                        events.get().map(|(number, events)| {
                            events.into_iter().map(|event| (number, event)).collect::<Vec<_>>()
                        }).unwrap_or_default()
                    }
                    key=|(number, event)| (*number, event.seq)
                    children=|(number, event)| event_row(number, event)
                />
            </ol>
        </section>
    }
}

/// One event, drawn by its kind. Mail kept as received links to its original.
fn event_row(number: i64, event: TicketEvent) -> AnyView {
    let original_href = event.has_original.then(|| format!("/api/v1/tickets/{number}/events/{}/original", event.seq));
    let original = move || {
        original_href
            .clone()
            .map(|href| view! { <a class="event-original" href=href download>{t("thread-show-original")}</a> })
    };
    let from = event.author_email.clone();
    let files = event.attachments.clone();
    let attachments = move || {
        (!files.is_empty()).then(|| {
            let items = files.iter().map(attachment_item).collect_view();
            view! {
                <div class="event-attachments">
                    <p class="muted">{t("thread-attached")}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    let line = tickets::history_line(&event);
    let who = tickets::who(&event);
    let at = event.created_at;
    let time = move || {
        view! {
            <time class="event-time" datetime=format::iso(at)>
                {format::date_time(at)}
            </time>
        }
    };
    let body = event.body.filter(|body| !body.trim().is_empty());
    let message = |class: &'static str, tag: &'static str, body: String| {
        let tag = t(tag);
        view! {
            <li class=format!("event message-event {class}")>
                <div class="event-head">
                    <span class="event-author">{who.clone()}</span>
                    {from.clone().map(|email| view! { <span class="event-from">{email}</span> })}
                    <span class="event-tag">{tag}</span>
                    {time()}
                    {original()}
                </div>
                <p class="event-body">{body}</p>
                {attachments()}
            </li>
        }
        .into_any()
    };
    match (event.kind, body) {
        (TicketEventKind::PublicReply, Some(body)) => message("public-reply", "thread-public-reply", body),
        (TicketEventKind::CustomerReply, Some(body)) => message("customer-reply", "thread-customer", body),
        (TicketEventKind::InternalNote, Some(body)) => message("internal-note", "thread-internal-note", body),
        // The request itself, when the ticket was opened with a description.
        (TicketEventKind::Created, Some(body)) => message("customer-reply", "thread-new-ticket", body),
        (TicketEventKind::DeliveryFailed | TicketEventKind::DeliveryDeferred, body) => view! {
            <li class="event warning">
                <p>
                    <strong>{line}</strong>
                    " · "
                    {time()}
                </p>
                {body.map(|reason| view! { <p class="event-body">{reason}</p> })}
            </li>
        }
        .into_any(),
        (TicketEventKind::AutoReply, Some(body)) => view! {
            <li class="event history">
                <span>{line}</span>
                " · "
                {time()}
                <details class="auto-reply">
                    <summary>{t("thread-show-auto-reply")}</summary>
                    <p class="event-body">{body}</p>
                </details>
                {original()}
            </li>
        }
        .into_any(),
        (_, body) => view! {
            <li class="event history">
                <span>{line}</span>
                " · "
                {time()}
                {body.map(|text| view! { <p class="event-comment">{text}</p> })}
            </li>
        }
        .into_any(),
    }
}

/// One file of a customer's mail: kept images shown, other kept files as downloads,
/// refused ones with the reason (they are still in the original).
fn attachment_item(file: &MailAttachment) -> impl IntoView + use<> {
    let facts = format!("{} · {}", file.content_type, format::file_size(file.size));
    let name = file.name.clone();
    let body = match (file.file_id, &file.refused) {
        (Some(id), _) if file.content_type.starts_with("image/") => {
            let href = format!("/api/v1/files/{id}");
            let src = href.clone();
            let alt = name.clone();
            view! {
                <a href=href target="_blank" rel="noopener">
                    <img class="attached-image" src=src alt=alt loading="lazy" />
                    <span class="file-name">{name}</span>
                </a>
            }
            .into_any()
        }
        (Some(id), _) => {
            let href = format!("/api/v1/files/{id}");
            view! { <a class="file-name" href=href download>{name}</a> }.into_any()
        }
        (None, refused) => {
            let why = refused.clone().map(|why| t_with("thread-file-not-kept", &[("reason", (&why).into())]));
            view! {
                <span class="file-name">{name}</span>
                " "
                <span class="claim-mark">{why}</span>
            }
            .into_any()
        }
    };
    view! {
        <li>
            {body}
            " "
            <span class="muted">{facts}</span>
        </li>
    }
}
