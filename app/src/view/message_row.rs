//! One message in the log, with its files, its delivery status and, when it failed, a
//! retry button.

use leptos::prelude::*;
use protocol::api::AuthorKind;
use protocol::files::FileRef;
use protocol::inbox::{AssignReason, ConversationChange, ConversationStatus};

use crate::console::Console;
use crate::format;
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
        LineStatus::Sending => "Sending…".to_owned(),
        LineStatus::Failed(_) => "Failed".to_owned(),
    };
    let failure = match line.status.clone() {
        LineStatus::Failed(reason) => {
            let client_id = line.client_id.clone();
            Some(view! {
                <span class="message-error">{reason}</span>
                <button class="button small" type="button" on:click=move |_| console.retry(&client_id)>
                    "Retry"
                </button>
            })
        }
        _ => None,
    };
    let note = line.internal.then(|| view! { <span class="note-label">"Note · only agents see this"</span> });
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
    let name = |id: i64| console.agent_name_of(id).unwrap_or_else(|| format!("Agent #{id}"));
    let actor = |by: Option<i64>| by.map_or_else(|| "Helpline".to_owned(), name);
    match change {
        ConversationChange::Assigned { assignee_id, team, by, reason } => {
            let team = team.label();
            let target = match assignee_id {
                Some(id) => format!("{} ({team})", name(*id)),
                None => format!("the {team} queue"),
            };
            match reason {
                AssignReason::Manual => format!("{} assigned this chat to {target}", actor(*by)),
                AssignReason::Routed => format!("Routed to {target}"),
                AssignReason::AssigneeOffline => format!("Returned to {target}: the assignee was offline"),
                AssignReason::AssigneeDeactivated => format!("Returned to {target}: the assignee was deactivated"),
            }
        }
        ConversationChange::Status { status, snoozed_until, by } => match (status, snoozed_until) {
            (ConversationStatus::Snoozed, Some(until)) => {
                format!("{} snoozed this chat until {}", actor(*by), format::date_time(*until))
            }
            (ConversationStatus::Resolved, _) => format!("{} resolved this chat", actor(*by)),
            (_, _) if by.is_none() => "The chat opened again".to_owned(),
            _ => format!("{} reopened this chat", actor(*by)),
        },
        ConversationChange::Emailed { to, replies } => {
            let replies = if *replies == 1 { "1 reply".to_owned() } else { format!("{replies} replies") };
            format!("The visitor was away: {replies} emailed to {to}")
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
