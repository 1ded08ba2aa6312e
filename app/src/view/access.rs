//! The visitor panel's "Support access" section: the visitor's active grant or none, a
//! request waiting for their answer, the newest actions recorded under their grants,
//! and the form an agent asks for access with. It reads the access again whenever an
//! `access` frame may concern the visitor, and after a reconnect, so a grant revoked in
//! the messenger disappears here within seconds.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::access::{AccessLevel, GRANT_HOURS, MyAccess, RequestInput};

use crate::access::{self, ACTIONS_SHOWN};
use crate::api;
use crate::console::Console;
use crate::format;
use crate::l10n::{t, t_with};
use crate::state::Link;

/// The section for the visitor of conversation `conversation_id`, proved as host user
/// `user_id` when their proof names one.
#[component]
pub fn SupportAccess(conversation_id: i64, user_id: Option<String>) -> impl IntoView {
    let console = expect_context::<Console>();
    let mine = RwSignal::new(None::<MyAccess>);
    let error = RwSignal::new(None::<String>);
    // Bumped per read, so a slow, older answer cannot overwrite a newer one.
    let generation = StoredValue::new(0_u64);
    let load = move || {
        let Some(current) = generation.try_update_value(|generation| {
            *generation += 1;
            *generation
        }) else {
            return;
        };
        spawn_local(async move {
            let result = api::conversation_access(conversation_id).await;
            if generation.try_with_value(|generation| *generation) != Some(current) {
                return;
            }
            match result {
                Ok(loaded) => {
                    error.set(None);
                    mine.set(Some(loaded));
                }
                Err(failure) => error.set(Some(console.explain(&failure))),
            }
        });
    };
    load();
    // Frames missed while the socket was down are not sent again: a reconnect reads anew.
    Effect::new(move |previous: Option<Link>| {
        let link = console.link.get();
        let changed = console.access_changed.get();
        if let Some(previous) = previous {
            let reconnected = previous != Link::Open && link == Link::Open;
            let concerns = previous == link
                && changed.as_deref().is_some_and(|changed| access::concerns(user_id.as_deref(), changed));
            if reconnected || concerns {
                load();
            }
        }
        link
    });

    let verified = Memo::new(move |_| mine.with(|mine| mine.as_ref().map(|mine| mine.verified)));
    view! {
        <section class="support-access" aria-labelledby="support-access-title">
            <h3 id="support-access-title">
                {t("access-title")}
            </h3>
            {move || error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            {move || match verified.get() {
                None => view! { <p class="hint">{t("loading")}</p> }.into_any(),
                Some(false) => {
                    view! {
                        <p class="access-state">
                            {t("access-unavailable")}
                        </p>
                    }
                        .into_any()
                }
                Some(true) => {
                    view! {
                        {move || mine.get().map(|mine| view! { <AccessState mine /> })}
                        <RequestForm conversation_id on_requested=load />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// The active grant or "No access", a waiting request, and the newest actions.
#[component]
fn AccessState(mine: MyAccess) -> impl IntoView {
    let state = match mine.grants.first() {
        Some(grant) => t_with(
            "access-granted-until",
            &[
                ("level", (&access::level_words(grant.level)).into()),
                ("until", (&format::date_time(grant.expires_at)).into()),
            ],
        ),
        None => t("access-none").to_owned(),
    };
    let request = mine.requests.first().map(|request| {
        let asked = t_with(
            "access-asked",
            &[
                ("level", (&access::level_words(request.level)).into()),
                ("duration", (&access::duration_words(request.hours)).into()),
                ("agent", (&request.agent).into()),
            ],
        );
        view! {
            <p class="access-request-state">{t("access-requested")}</p>
            <p class="hint">{asked}</p>
        }
    });
    let actions = (!mine.actions.is_empty()).then(|| {
        let rows = mine
            .actions
            .into_iter()
            .take(ACTIONS_SHOWN)
            .map(|entry| {
                let by = t_with("access-action-by", &[("actor", (&entry.actor).into())]);
                view! {
                    <li>
                        <span class="access-action-summary">{entry.summary}</span>
                        <span class="hint">
                            {by}
                            " "
                            <time datetime=format::iso(entry.at)>{format::date_time(entry.at)}</time>
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4>{t("access-recent")}</h4>
            <ul class="access-actions">{rows}</ul>
        }
    });
    view! {
        <p class="access-state">{state}</p>
        {request}
        {actions}
    }
}

/// The level and duration to ask for, the "Request access" button, and the server's
/// refusal, if any.
#[component]
fn RequestForm(conversation_id: i64, on_requested: impl Fn() + Copy + 'static) -> impl IntoView {
    let console = expect_context::<Console>();
    let level = RwSignal::new(AccessLevel::View);
    let hours = RwSignal::new(GRANT_HOURS[0]);
    let refusal = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let input = RequestInput { level: level.get_untracked(), hours: hours.get_untracked() };
        let csrf_token = console.csrf_token();
        sending.set(true);
        refusal.set(None);
        spawn_local(async move {
            let result = api::request_access(&csrf_token, conversation_id, &input).await;
            if sending.is_disposed() {
                return;
            }
            sending.set(false);
            match result {
                Ok(_) => on_requested(),
                Err(failure) => refusal.set(Some(console.explain(&failure))),
            }
        });
    };
    let level_option = move |option: AccessLevel| {
        view! {
            <option value=option.as_str() selected=move || level.get() == option>
                {access::level_words(option)}
            </option>
        }
    };
    let hours_options = access::durations()
        .map(|(option, words)| {
            view! { <option value=option.to_string() selected=move || hours.get() == option>{words}</option> }
        })
        .collect_view();
    view! {
        <form class="access-request" aria-label=t("access-request") on:submit=handler(submit)>
            <label class="field-label" for="access-level">
                {t("access-level")}
            </label>
            <select
                id="access-level"
                class="field small"
                on:change=handler(move |event| {
                    if let Ok(chosen) = event_target_value(&event).parse::<AccessLevel>() {
                        level.set(chosen);
                    }
                })
            >
                {level_option(AccessLevel::View)}
                {level_option(AccessLevel::Act)}
            </select>
            <label class="field-label" for="access-hours">
                {t("access-for")}
            </label>
            <select
                id="access-hours"
                class="field small"
                on:change=handler(move |event| {
                    if let Ok(chosen) = event_target_value(&event).parse::<u32>() {
                        hours.set(chosen);
                    }
                })
            >
                {hours_options}
            </select>
            <button class="button primary small" type="submit" disabled=move || sending.get()>
                {t("access-request")}
            </button>
            <div aria-live="polite">
                {move || refusal.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            </div>
        </form>
    }
}
