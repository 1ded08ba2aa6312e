//! Who holds the open chat and where it stands: the assignee and team pickers, and
//! Resolve, Reopen and Snooze. Each change goes to the server, which records it in the
//! chat's history and tells every console.

use client::web::dom::handler;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::inbox::{ConversationStatus, SetAssignment, SetStatus};
use protocol::tickets::Team;

use crate::api;
use crate::console::Console;
use crate::dom;
use crate::l10n::{t, t_with};
use crate::state::Detail;
use crate::tickets::Choice;

const HOUR_MS: i64 = 60 * 60 * 1000;

/// Snooze choices: label (a message id) and length.
const SNOOZES: [(&str, i64); 3] =
    [("snooze-hour", HOUR_MS), ("snooze-day", 24 * HOUR_MS), ("snooze-week", 7 * 24 * HOUR_MS)];

/// The ownership bar of conversation `id`.
#[component]
pub fn Ownership(id: i64) -> impl IntoView {
    let console = expect_context::<Console>();
    let summary = Memo::new(move |_| {
        console.detail.with(|detail| match detail {
            Detail::Ready(open) => Some((open.summary.assignee_id, open.summary.team, open.summary.status)),
            _ => None,
        })
    });
    let busy = RwSignal::new(false);
    let apply = move |summary: Result<protocol::api::ConversationSummary, api::ApiError>| match summary {
        Ok(summary) => console.summary_changed(summary),
        Err(error) => console.show_notice(console.explain(&error)),
    };
    let assign = move |assignee_id: Option<i64>, team: Team| {
        let token = console.csrf_token();
        busy.set(true);
        spawn_local(async move {
            let result = api::set_assignment(&token, id, &SetAssignment { assignee_id, team }).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            apply(result);
        });
    };
    let set_status = move |status: ConversationStatus, snoozed_until: Option<i64>| {
        let token = console.csrf_token();
        busy.set(true);
        spawn_local(async move {
            let result = api::set_status(&token, id, &SetStatus { status, snoozed_until }).await;
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            apply(result);
        });
    };
    let on_assignee = move |event: leptos::ev::Event| {
        let Some((_, team, _)) = summary.get_untracked() else { return };
        assign(event_target_value(&event).parse().ok(), team);
    };
    let on_team = move |event: leptos::ev::Event| {
        let Ok(team) = event_target_value(&event).parse::<Team>() else { return };
        // A transfer to another team leaves the chat in that team's queue.
        assign(None, team);
    };
    let on_snooze = move |event: leptos::ev::Event| {
        let Ok(index) = event_target_value(&event).parse::<usize>() else { return };
        if let Some((_, length)) = SNOOZES.get(index) {
            set_status(ConversationStatus::Snoozed, Some(dom::now_ms() + length));
        }
    };
    move || {
        let (assignee_id, team, status) = summary.get()?;
        let agents = console.agents.get();
        let options = agents
            .into_iter()
            .filter(|agent| !agent.deactivated || Some(agent.id) == assignee_id)
            .map(|agent| {
                let selected = Some(agent.id) == assignee_id;
                let label =
                    if agent.online { agent.name } else { t_with("agent-offline", &[("name", (&agent.name).into())]) };
                view! { <option value=agent.id.to_string() selected=selected>{label}</option> }
            })
            .collect_view();
        let teams = Team::ALL
            .iter()
            .map(|choice| {
                view! { <option value=choice.as_str() selected=*choice == team>{choice.label()}</option> }
            })
            .collect_view();
        let status_button = match status {
            ConversationStatus::Open => view! {
                <button class="button small" type="button" disabled=move || busy.get()
                    on:click=handler(move |_| set_status(ConversationStatus::Resolved, None))>{t("resolve")}</button>
            }
            .into_any(),
            ConversationStatus::Snoozed | ConversationStatus::Resolved => view! {
                <button class="button small" type="button" disabled=move || busy.get()
                    on:click=handler(move |_| set_status(ConversationStatus::Open, None))>{t("reopen")}</button>
            }
            .into_any(),
        };
        Some(view! {
            <div class="ownership" role="group" aria-label=t("ownership")>
                <label class="inline-field">
                    {t("assignee")}
                    " "
                    <select class="field small" on:change=handler(on_assignee) disabled=move || busy.get()>
                        <option value="" selected=assignee_id.is_none()>{t("unassigned")}</option>
                        {options}
                    </select>
                </label>
                <label class="inline-field">
                    {t("team")}
                    " "
                    <select class="field small" on:change=handler(on_team) disabled=move || busy.get()>{teams}</select>
                </label>
                <span class="status-badge" data-status=status.as_str()>{status_label(status)}</span>
                {status_button}
                <label class="inline-field">
                    <span class="visually-hidden">{t("snooze")}</span>
                    <select class="field small" on:change=handler(on_snooze) disabled=move || busy.get()>
                        <option value="" selected=true>{t("snooze-choose")}</option>
                        {SNOOZES
                            .iter()
                            .enumerate()
                            .map(|(index, (label, _))| view! { <option value=index.to_string()>{t(label)}</option> })
                            .collect_view()}
                    </select>
                </label>
            </div>
        })
    }
}

/// How a status reads.
pub fn status_label(status: ConversationStatus) -> &'static str {
    t(match status {
        ConversationStatus::Open => "chat-status-open",
        ConversationStatus::Snoozed => "chat-status-snoozed",
        ConversationStatus::Resolved => "chat-status-resolved",
    })
}
