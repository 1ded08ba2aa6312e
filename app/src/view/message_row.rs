//! One message in the log, with its files, its delivery status and, when it failed, a
//! retry button.

use leptos::prelude::*;
use protocol::api::AuthorKind;
use protocol::files::FileRef;

use crate::console::Console;
use crate::format;
use crate::state::{Line, LineStatus};

/// An `li.message` with `from-*` and `data-status` for styling and tests.
#[component]
pub fn MessageRow(line: Line) -> impl IntoView {
    let console = expect_context::<Console>();
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
    view! {
        <li class=format!("message {from}") data-status=line.status.as_attr()>
            {author}
            {(!line.body.is_empty()).then(|| view! { <p class="message-body">{line.body}</p> })}
            {(!line.files.is_empty()).then(|| view! { <ul class="message-files">{line.files.iter().map(file_item).collect_view()}</ul> })}
            <span class="message-meta">
                <time datetime=format::iso(line.created_at)>{meta}</time>
            </span>
            {failure}
        </li>
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
