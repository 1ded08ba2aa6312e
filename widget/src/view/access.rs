//! "Support access": the verified user lets support see (view only) or act on their
//! account for an hour, a day or a week, answers agents' requests, sees and revokes the
//! active grant, and reads what support did under their grants. A visitor who is not
//! verified is told why they cannot grant access. The home's entry says when access is
//! on.

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use protocol::access::{AccessLevel, AccessRequest, AuditEntry, GRANT_HOURS, Grant, MyAccess};

use super::help::Problem;
use super::tickets::Errors;
use crate::access::Access;
use crate::chat::Chat;
use crate::format;
use crate::help::{Help, Load, Screen};
use crate::l10n::{t, t_with};
use crate::tickets::Sending;

/// The home's way into the screen, with what is on: a request, or an active grant. It
/// shows for a verified user, and for a visitor the host identified (the screen then
/// says what is missing).
#[component]
pub fn AccessEntry(chat: Chat, help: Help) -> impl IntoView {
    let status = move || {
        let brief = chat.access.get()?;
        let words = if brief.requests > 0 {
            t("access-entry-requested")
        } else if brief.level.is_some() && brief.until > client::web::dom::now_ms() {
            t_with("access-entry-on-until", &[("time", (&format::clock_time(brief.until)).into())])
        } else {
            return None;
        };
        Some(view! { <span class="badge">{words}</span> })
    };
    let offered = move || {
        chat.access.with(Option::is_some)
            || chat.identity.with(|identity| identity.as_ref().is_some_and(|who| who.user_id.is_some()))
    };
    move || {
        offered().then(|| {
            view! {
                <button
                    type="button"
                    class="text-button"
                    data-focus-key="access"
                    on:click=handler(move |_| help.open(Screen::Access))
                >
                    {t("access-title")}
                    {move || status()}
                </button>
            }
        })
    }
}

/// The screen.
#[component]
pub fn AccessView(access: Access) -> impl IntoView {
    let body = move || match access.state.get() {
        Load::Loading => view! { <p class="hint">{t("access-loading")}</p> }.into_any(),
        Load::Failed(reason) => {
            view! { <Problem message=reason.text() retry=Callback::new(move |()| access.refresh()) /> }.into_any()
        }
        Load::Ready(MyAccess { verified: false, .. }) => {
            view! { <p class="hint">{t("access-unverified")}</p> }.into_any()
        }
        Load::Ready(MyAccess { grants, requests, actions, .. }) => {
            let current = match grants.into_iter().next() {
                Some(grant) => view! { <ActiveGrant access grant /> }.into_any(),
                None => view! { <GrantForm access /> }.into_any(),
            };
            view! {
                {requests.into_iter().map(|request| view! { <RequestCard access request /> }).collect_view()}
                {current}
                <Errors messages=Signal::derive(move || access.sending.with(|sending| sending.general_errors(&[]))) />
                <Actions actions />
            }
            .into_any()
        }
    };
    view! {
        <div class="screen">
            <h2 class="screen-title" tabindex="-1" data-autofocus>
                {t("access-title")}
            </h2>
            {move || body()}
        </div>
    }
}

/// What a level lets support do, in plain words.
fn explain(level: AccessLevel) -> String {
    t(match level {
        AccessLevel::View => "access-level-view-explained",
        AccessLevel::Act => "access-level-act-explained",
    })
}

fn level_name(level: AccessLevel) -> String {
    t(match level {
        AccessLevel::View => "access-level-view",
        AccessLevel::Act => "access-level-act",
    })
}

/// How long a grant lasts: whole days once it is longer than a day ("7 days"), hours
/// until then ("1 hour", "24 hours").
fn duration(hours: u32) -> String {
    if hours > 24 && hours.is_multiple_of(24) {
        t_with("access-days", &[("count", (hours / 24).into())])
    } else {
        t_with("access-hours", &[("count", hours.into())])
    }
}

/// The active grant: who, how far, until when, and Revoke.
#[component]
fn ActiveGrant(access: Access, grant: Grant) -> impl IntoView {
    let id = grant.id;
    view! {
        <section class="card access-grant" aria-labelledby="access-on">
            <h3 id="access-on">{t("access-active-title")}</h3>
            <dl class="access-facts">
                <dt>{t("access-active-who")}</dt>
                <dd>{t("access-active-who-value")}</dd>
                <dt>{t("access-active-level")}</dt>
                <dd>{level_name(grant.level)} <span class="hint">{explain(grant.level)}</span></dd>
                <dt>{t("access-active-until")}</dt>
                <dd>{format::full_time(grant.expires_at)}</dd>
            </dl>
            <button
                type="button"
                class="send"
                disabled=move || access.sending.with(Sending::is_busy)
                on:click=handler(move |_| access.revoke(id))
            >
                {t("access-revoke")}
            </button>
        </section>
    }
}

/// Choosing a level and a duration, then confirming.
#[component]
fn GrantForm(access: Access) -> impl IntoView {
    let level = RwSignal::new(AccessLevel::View);
    let hours = RwSignal::new(GRANT_HOURS[0]);
    let confirming = RwSignal::new(false);
    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        if confirming.get_untracked() {
            access.grant(level.get_untracked(), hours.get_untracked());
        } else {
            confirming.set(true);
        }
    };
    let levels = [AccessLevel::View, AccessLevel::Act].into_iter().map(|choice| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="access-level"
                    checked=move || level.get() == choice
                    on:change=handler(move |_| {
                        level.set(choice);
                        confirming.set(false);
                    })
                />
                <span>
                    <strong>{level_name(choice)}</strong>
                    <span class="hint">{explain(choice)}</span>
                </span>
            </label>
        }
    });
    let durations = GRANT_HOURS.into_iter().map(|choice| {
        view! {
            <label class="choice">
                <input
                    type="radio"
                    name="access-hours"
                    checked=move || hours.get() == choice
                    on:change=handler(move |_| {
                        hours.set(choice);
                        confirming.set(false);
                    })
                />
                {duration(choice)}
            </label>
        }
    });
    let question = move || {
        confirming.get().then(|| {
            view! {
                <p class="access-confirm" role="status">
                    // The sentence names the level in its own words: the catalog selects
                    // them by the level's wire name, `view` or `act`.
                    {t_with(
                        "access-grant-confirm",
                        &[("level", level.get().as_str().into()), ("duration", (&duration(hours.get())).into())],
                    )}
                </p>
            }
        })
    };
    view! {
        <form class="access-form" on:submit=handler(on_submit)>
            <p class="hint">{t("access-grant-intro")}</p>
            <fieldset>
                <legend>{t("access-grant-level")}</legend>
                {levels.collect_view()}
            </fieldset>
            <fieldset>
                <legend>{t("access-grant-duration")}</legend>
                {durations.collect_view()}
            </fieldset>
            {move || question()}
            <button type="submit" class="send" disabled=move || access.sending.with(Sending::is_busy)>
                {move || t(if confirming.get() { "access-grant-confirm-button" } else { "access-grant-button" })}
            </button>
        </form>
    }
}

/// An agent's request, with Allow and Decline.
#[component]
fn RequestCard(access: Access, request: AccessRequest) -> impl IntoView {
    let id = request.id;
    let busy = move || access.sending.with(Sending::is_busy);
    let hours = request.hours;
    view! {
        <section class="card access-request" aria-label=t("access-request-label")>
            <p>
                {t_with(
                    "access-request",
                    &[
                        ("agent", (&request.agent).into()),
                        ("level", request.level.as_str().into()),
                        ("duration", (&duration(hours)).into()),
                    ],
                )}
                <span class="hint">{explain(request.level)}</span>
            </p>
            <div class="access-answer">
                <button type="button" class="send" disabled=busy on:click=handler(move |_| access.answer(id, true))>
                    {t("access-request-allow")}
                </button>
                <button type="button" class="pill" disabled=busy on:click=handler(move |_| access.answer(id, false))>
                    {t("access-request-decline")}
                </button>
            </div>
        </section>
    }
}

/// What support did under the user's grants, newest first.
#[component]
fn Actions(actions: Vec<AuditEntry>) -> impl IntoView {
    (!actions.is_empty()).then(|| {
        let items = actions.into_iter().map(|entry| {
            view! {
                <li>
                    {t_with(
                        "access-action",
                        &[
                            ("summary", (&entry.summary).into()),
                            ("actor", (&entry.actor).into()),
                            ("time", (&format::full_time(entry.at)).into()),
                        ],
                    )}
                </li>
            }
        });
        view! {
            <section class="section" aria-labelledby="access-actions">
                <h3 class="section-title" id="access-actions">
                    {t("access-actions-title")}
                </h3>
                <ul class="access-actions">{items.collect_view()}</ul>
            </section>
        }
    })
}
