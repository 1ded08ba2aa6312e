//! The inbox: one link per conversation, newest activity first, updated live, with the
//! view (mine, unassigned, all, a team), the status and a search to narrow it, and a
//! button for the next page.

use std::cell::Cell;

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::api::{AuthorKind, ConversationSummary};
use protocol::inbox::{ConversationStatus, InboxView};
use protocol::tickets::Team;

use crate::console::Console;
use crate::format;
use crate::l10n::{t, t_with};
use crate::route::Route;
use crate::tickets::Choice;
use crate::view::link::in_place;
use crate::view::ownership::status_label;

/// The `nav` listing conversations; each is a link to it, opening it beside the list.
#[component]
pub fn Inbox() -> impl IntoView {
    let console = expect_context::<Console>();
    let (inbox, inbox_error) = (console.inbox, console.inbox_error);
    let rows = move || inbox.get().unwrap_or_default();
    let state_line = move || {
        if let Some(message) = inbox_error.get() {
            return Some(view! { <p class="pane-note form-error" role="alert">{message}</p> }.into_any());
        }
        match inbox.with(|inbox| inbox.as_ref().map(Vec::is_empty)) {
            None => Some(view! { <p class="pane-note">{t("inbox-loading")}</p> }.into_any()),
            Some(true) => Some(view! { <p class="pane-note empty">{t("inbox-empty")}</p> }.into_any()),
            Some(false) => None,
        }
    };
    let filter = console.filter;
    let on_view = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        console.set_filter(|filter| match value.split_once(':') {
            Some(("team", team)) => {
                filter.view = InboxView::Team;
                filter.team = team.parse().unwrap_or(Team::FirstLine);
            }
            _ => filter.view = value.parse().unwrap_or(InboxView::All),
        });
    };
    let view_value = move || {
        filter.with(|filter| match filter.view {
            InboxView::Team => format!("team:{}", filter.team.as_str()),
            view => view.as_str().to_owned(),
        })
    };
    let status_tab = move |status: ConversationStatus| {
        view! {
            <button
                class="inbox-status"
                type="button"
                aria-pressed=move || if filter.with(|filter| filter.status == status) { "true" } else { "false" }
                on:click=handler(move |_| console.set_filter(|filter| filter.status = status))
            >
                {status_label(status)}
            </button>
        }
    };
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
    };
    view! {
        <nav class="inbox" aria-label=t("nav-inbox")>
            <h2 class="pane-title">{t("inbox-title")}</h2>
            <div class="inbox-filters">
                <label class="inline-field">
                    {t("inbox-show")}
                    " "
                    <select class="field small" prop:value=view_value on:change=handler(on_view)>
                        <option value="all">{t("inbox-view-all")}</option>
                        <option value="mine">{t("inbox-view-mine")}</option>
                        <option value="unassigned">{t("unassigned")}</option>
                        {Team::ALL
                            .iter()
                            .map(|team| {
                                view! { <option value=format!("team:{}", team.as_str())>{t_with("inbox-view-team", &[("team", team.label().into())])}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <div class="inbox-statuses" role="group" aria-label=t("inbox-status")>
                    {status_tab(ConversationStatus::Open)}
                    {status_tab(ConversationStatus::Snoozed)}
                    {status_tab(ConversationStatus::Resolved)}
                </div>
                <form role="search" on:submit=handler(on_search)>
                    <input
                        class="field small"
                        type="search"
                        aria-label=t("inbox-search")
                        placeholder=t("inbox-search-placeholder")
                        on:change=handler(move |event| {
                            let text = event_target_value(&event);
                            console.set_filter(|filter| filter.search = text);
                        })
                    />
                </form>
            </div>
            {move || state_line()}
            <ul class="conversation-list">
                <For
                    each=rows
                    // Rows are redrawn when their content changes; moving keeps the DOM.
                    key=|summary| (summary.id, summary.last_seq, summary.assignee_id, summary.status)
                    children=move |summary| view! { <ConversationRow summary /> }
                />
            </ul>
            {move || {
                console.inbox_more.get().then(|| view! {
                    <button class="button small load-more" type="button" on:click=handler(move |_| console.load_more())>
                        {t("show-more")}
                    </button>
                })
            }}
        </nav>
    }
}

thread_local! {
    /// The conversation whose row last had the keyboard focus, until the focus moved to
    /// something else. A row is redrawn when its conversation changes (a new message, an
    /// assignment), which drops the focus; the new row takes it back, so a keyboard user
    /// about to press Enter is not thrown back to the top of the page.
    static FOCUSED_ROW: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Whether the row of conversation `id` had the focus and nothing has it now.
fn lost_focus_of(id: i64) -> bool {
    let nothing_focused = document().active_element().is_none_or(|element| element.tag_name() == "BODY");
    nothing_focused && FOCUSED_ROW.get() == Some(id)
}

/// One inbox entry: visitor name, when it last changed and the newest message's start.
#[component]
fn ConversationRow(summary: ConversationSummary) -> impl IntoView {
    let console = expect_context::<Console>();
    let link = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| {
        if let Some(link) = link.get()
            && lost_focus_of(summary.id)
        {
            let _ = link.focus();
        }
    });
    let (selected, now) = (console.selected, console.now);
    let id = summary.id;
    let updated_at = summary.updated_at;
    let awaiting_reply = summary.last_author == Some(AuthorKind::Visitor);
    let preview = if summary.preview.is_empty() { t("inbox-no-messages").to_owned() } else { summary.preview };
    let holder = match summary.assignee_id {
        Some(id) if id == console.my_id() => t("you").to_owned(),
        Some(id) => console.agent_name_or_number(id),
        None => t("unassigned").to_owned(),
    };
    view! {
        <li>
            <a
                class="conversation-item"
                class:awaiting=awaiting_reply
                href=Route::Inbox(Some(id)).path()
                aria-current=move || (selected.get() == Some(id)).then_some("page")
                on:click=handler(in_place(move || console.select(id)))
                node_ref=link
                on:focus=handler(move |_| FOCUSED_ROW.set(Some(id)))
                // A row being removed loses the focus to nothing; anything else is a move.
                on:blur=handler(move |event: leptos::ev::FocusEvent| {
                    if event.related_target().is_some() {
                        FOCUSED_ROW.set(None);
                    }
                })
            >
                <span class="conversation-name">{summary.visitor_name}</span>
                <time class="conversation-time" datetime=format::iso(updated_at) title=format::date_time(updated_at)>
                    {move || format::relative_time(updated_at, now.get())}
                </time>
                <span class="conversation-preview">{preview}</span>
                <span class="conversation-holder">{holder}</span>
            </a>
        </li>
    }
}
