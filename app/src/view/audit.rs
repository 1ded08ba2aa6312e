//! The audit log page, for admins: filters (action, user, dates), the entries newest
//! first a page at a time, and the filtered log as a CSV download.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::Millis;
use protocol::access::AuditEntry;

use crate::access;
use crate::api;
use crate::audit::{self, ACTIONS, AuditFilter, PAGE};
use crate::console::Console;
use crate::format;
use crate::l10n::{t, t_with};
use crate::reports::Day;
use crate::view::field::TextField;

/// The filter form, the entries it found and the CSV link.
#[component]
pub fn AuditPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let action = RwSignal::new(String::new());
    let user_id = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    // The filter the entries shown were found with; the CSV link follows it.
    let applied = RwSignal::new(AuditFilter::default());
    let entries = RwSignal::new(None::<Vec<AuditEntry>>);
    let more = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let loading = RwSignal::new(false);
    // The query of the newest request: an older answer arriving late is not shown.
    let wanted = StoredValue::new(String::new());

    let fetch = move |before: Option<i64>| {
        let query = applied.with_untracked(|filter| filter.query(before));
        wanted.set_value(query.clone());
        loading.set(true);
        spawn_local(async move {
            let result = api::audit(&query).await;
            if entries.is_disposed() || wanted.get_value() != query {
                return;
            }
            match result {
                Ok(page) => {
                    error.set(None);
                    more.set(page.len() >= PAGE);
                    entries.update(|entries| match (entries, before) {
                        (Some(listed), Some(_)) => listed.extend(page),
                        (entries, _) => *entries = Some(page),
                    });
                }
                Err(failure) => error.set(Some(console.explain(&failure))),
            }
            loading.set(false);
        });
    };
    fetch(None);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        let filter = AuditFilter {
            action: action.get_untracked(),
            user_id: user_id.get_untracked(),
            from: from.with_untracked(|text| audit::parse_day(text)).map(local_midnight),
            to: to.with_untracked(|text| audit::parse_day(text)).map(|day| local_midnight(audit::next_day(day))),
        };
        applied.set(filter);
        entries.set(None);
        fetch(None);
    };
    let load_more = move |_| {
        let last = entries.with_untracked(|entries| entries.as_ref().and_then(|entries| entries.last()).map(|e| e.id));
        if let Some(last) = last {
            fetch(Some(last));
        }
    };
    let action_options = ACTIONS
        .into_iter()
        .map(|(label, value)| view! { <option value=value selected=move || action.with(|action| action == value)>{t(label)}</option> })
        .collect_view();

    view! {
        <main id="main-content" class="help audit" tabindex="-1">
            <div class="report-head">
                <h2 class="pane-title" id="audit-title">
                    {t("nav-audit")}
                </h2>
                <a class="button ghost small audit-csv" href=move || applied.with(AuditFilter::csv_address) download="">
                    {t("report-csv")}
                </a>
            </div>
            <form class="settings-card audit-filters" aria-label=t("audit-filters") on:submit=handler(submit)>
                <div class="report-range-fields">
                    <div class="report-range-field">
                        <label class="field-label" for="audit-action">
                            {t("audit-action")}
                        </label>
                        <select
                            id="audit-action"
                            class="field"
                            on:change=handler(move |event| action.set(event_target_value(&event)))
                        >
                            {action_options}
                        </select>
                    </div>
                    <div class="report-range-field">
                        <TextField id="audit-user" label=t("fact-user-id") value=user_id />
                    </div>
                    <div class="report-range-field">
                        <TextField id="audit-from" label=t("field-from") value=from kind="date" />
                    </div>
                    <div class="report-range-field">
                        <TextField id="audit-to" label=t("field-to") value=to kind="date" />
                    </div>
                    <button class="button" type="submit" disabled=move || loading.get()>
                        {t("audit-show")}
                    </button>
                </div>
                {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            </form>
            {move || match entries.get() {
                Some(entries) if entries.is_empty() => {
                    view! { <p class="pane-note">{t("audit-none")}</p> }.into_any()
                }
                Some(entries) => view! { <Entries entries /> }.into_any(),
                None if loading.get() => view! { <p class="pane-note">{t("audit-loading")}</p> }.into_any(),
                None => ().into_any(),
            }}
            {move || {
                more.get()
                    .then(|| {
                        view! {
                            <div class="form-actions">
                                <button class="button ghost" type="button" disabled=move || loading.get() on:click=handler(load_more)>
                                    {t("audit-load-more")}
                                </button>
                            </div>
                        }
                    })
            }}
        </main>
    }
}

/// The entries as a table: time, who, action, user, summary and change.
#[component]
fn Entries(entries: Vec<AuditEntry>) -> impl IntoView {
    let rows = entries
        .into_iter()
        .map(|entry| {
            let who = t_with(
                "audit-who",
                &[("actor", (&entry.actor).into()), ("kind", (&access::actor_kind_words(entry.actor_kind)).into())],
            );
            let change = audit::change(entry.before.as_deref(), entry.after.as_deref());
            let action = entry.action.clone();
            view! {
                <tr class="audit-entry" data-action=action>
                    <td>
                        <time datetime=format::iso(entry.at)>{format::date_time(entry.at)}</time>
                    </td>
                    <td>{who}</td>
                    <td>
                        <code>{entry.action}</code>
                    </td>
                    <td>{entry.user_id}</td>
                    <td>{entry.summary}</td>
                    <td class="muted">{change}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table audit-log" aria-labelledby="audit-title">
            <thead>
                <tr>
                    <th scope="col">{t("audit-col-time")}</th>
                    <th scope="col">{t("audit-col-who")}</th>
                    <th scope="col">{t("audit-action")}</th>
                    <th scope="col">{t("audit-col-user")}</th>
                    <th scope="col">{t("audit-col-summary")}</th>
                    <th scope="col">{t("audit-col-change")}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Midnight at the start of `day` on the browser's clock, in milliseconds: the dates an
/// admin picks are their own days.
fn local_midnight(day: Day) -> Millis {
    let month = i32::try_from(day.month).unwrap_or(1) - 1;
    let date = i32::try_from(day.day).unwrap_or(1);
    let year = u32::try_from(day.year).unwrap_or(1970);
    js_sys::Date::new_with_year_month_day(year, month, date).get_time() as Millis
}
