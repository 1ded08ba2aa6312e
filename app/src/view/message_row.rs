//! One message in the log, with its delivery status and, when it failed, a retry button.

use leptos::prelude::*;
use protocol::api::AuthorKind;

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
            <p class="message-body">{line.body}</p>
            <span class="message-meta">
                <time datetime=format::iso(line.created_at)>{meta}</time>
            </span>
            {failure}
        </li>
    }
}
