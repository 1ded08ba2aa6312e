//! One message in the log, with its files, its delivery status and, when it failed, a
//! retry button.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::api::AuthorKind;
use protocol::files::FileRef;
use protocol::inbox::{AssignReason, ConversationChange, ConversationStatus};

use crate::console::Console;
use crate::format;
use crate::l10n::{t, t_with};
use crate::state::{Line, LineStatus};
use crate::tickets::Choice;

/// An `li.message` with `from-*` and `data-status` for styling and tests; a note is
/// marked as one, and a history entry is a line of its own.
#[component]
pub fn MessageRow(line: Line) -> impl IntoView {
    let console = expect_context::<Console>();
    if let Some(change) = &line.change {
        let text = describe_change(console, change);
        return view! {
            <li class="message history-entry">
                <span class="message-body">{text}</span>
                " "
                <time class="message-meta" datetime=format::iso(line.created_at)>
                    {format::clock_time(line.created_at)}
                </time>
            </li>
        }
        .into_any();
    }
    let from = match line.author {
        AuthorKind::Visitor => "from-visitor",
        AuthorKind::Agent => "from-agent",
        AuthorKind::System => "from-system",
    };
    let author =
        (line.author != AuthorKind::System).then(|| view! { <span class="message-author">{line.author_name}</span> });
    let meta = match &line.status {
        LineStatus::Sent => format::clock_time(line.created_at),
        LineStatus::Sending => t("message-sending").to_owned(),
        LineStatus::Failed(_) => t("message-failed").to_owned(),
    };
    let failure = match line.status.clone() {
        LineStatus::Failed(reason) => {
            let client_id = line.client_id.clone();
            Some(view! {
                <span class="message-error">{reason}</span>
                <button class="button small" type="button" on:click=handler(move |_| console.retry(&client_id))>
                    {t("retry")}
                </button>
            })
        }
        _ => None,
    };
    let note = line.internal.then(|| view! { <span class="note-label">{t("note-label")}</span> });
    view! {
        <li class=format!("message {from}") class:note=line.internal data-status=line.status.as_attr()>
            {note}
            {author}
            {(!line.body.is_empty()).then(|| view! { <p class="message-body">{line.body}</p> })}
            {(!line.files.is_empty()).then(|| view! { <ul class="message-files">{line.files.iter().map(file_item).collect_view()}</ul> })}
            <span class="message-meta">
                <time datetime=format::iso(line.created_at)>{meta}</time>
            </span>
            {failure}
        </li>
    }
    .into_any()
}

/// A history entry in words: who did what.
fn describe_change(console: Console, change: &ConversationChange) -> String {
    let name = |id: i64| console.agent_name_or_number(id);
    let actor = |by: Option<i64>| by.map_or_else(|| "Helpline".to_owned(), name);
    match change {
        ConversationChange::Assigned { assignee_id, team, by, reason } => {
            let team = team.label();
            let target = match assignee_id {
                Some(id) => t_with("history-target-agent", &[("agent", (&name(*id)).into()), ("team", team.into())]),
                None => t_with("history-target-queue", &[("team", team.into())]),
            };
            let target = ("target", (&target).into());
            match reason {
                AssignReason::Manual => t_with("history-assigned", &[("actor", (&actor(*by)).into()), target]),
                AssignReason::Routed => t_with("history-routed", &[target]),
                AssignReason::AssigneeOffline => t_with("history-returned-offline", &[target]),
                AssignReason::AssigneeDeactivated => t_with("history-returned-deactivated", &[target]),
            }
        }
        ConversationChange::Status { status, snoozed_until, by } => {
            let actor = actor(*by);
            let actor = ("actor", (&actor).into());
            match (status, snoozed_until) {
                (ConversationStatus::Snoozed, Some(until)) => {
                    t_with("history-snoozed", &[actor, ("until", (&format::date_time(*until)).into())])
                }
                (ConversationStatus::Resolved, _) => t_with("history-resolved", &[actor]),
                (_, _) if by.is_none() => t("history-opened-again").to_owned(),
                _ => t_with("history-reopened", &[actor]),
            }
        }
        ConversationChange::Emailed { to, replies } => {
            t_with("history-emailed", &[("count", (*replies).into()), ("to", to.into())])
        }
    }
}

/// One file of a message: pictures shown (opening in full), other files as downloads.
fn file_item(file: &FileRef) -> impl IntoView + use<> {
    let href = format!("/api/v1/files/{}", file.id);
    let facts = format::file_size(file.size);
    let name = file.name.clone();
    let link = if file.is_image() {
        let (src, alt) = (href.clone(), name.clone());
        view! {
            <a href=href target="_blank" rel="noopener">
                <img class="attached-image" src=src alt=alt loading="lazy" />
            </a>
        }
        .into_any()
    } else {
        view! { <a class="file-name" href=href download>{name}</a> }.into_any()
    };
    view! {
        <li>
            {link}
            " "
            <span class="muted">{facts}</span>
        </li>
    }
}
