//! The bar across the top: product name, the sections (inbox, tickets, help center,
//! and reports and the audit log for admins), the signed-in agent, their language,
//! settings and sign-out.

use client::web::dom::handler;
use leptos::prelude::*;

use protocol::inbox::AgentStatus;
use web_sys::NotificationPermission;

use crate::console::Console;
use crate::l10n::{self, t};
use crate::sections::Sections;
use crate::state::Page;

/// The "Inbox", "Tickets", "Help center" and admin-only "Reports" and "Audit log"
/// sections, who is signed in, the admin-only "Settings" button and "Sign out".
#[component]
pub fn TopBar() -> impl IntoView {
    let console = expect_context::<Console>();
    let sections = expect_context::<Sections>();
    let page = console.page;
    let section = move |target: Page, label: &'static str| {
        let label = t(label);
        view! {
            <button
                class="button ghost"
                type="button"
                aria-current=move || (page.get() == target).then_some("page")
                on:click=handler(move |_| page.set(target))
            >
                {label}
            </button>
        }
    };
    let reports = console.is_admin().then(|| section(Page::Reports, "nav-reports"));
    let audit = console.is_admin().then(|| section(Page::Audit, "nav-audit"));
    let settings = console.is_admin().then(|| section(Page::Settings, "nav-settings"));
    // Switching pages keeps an article being written; signing out throws it away, so
    // that asks first.
    let sign_out = move |_| {
        if sections.help_if_made().is_none_or(|help| help.may_discard()) {
            console.sign_out();
        }
    };
    view! {
        <header class="top-bar">
            <h1 class="brand">"Helpline"</h1>
            <nav class="sections" aria-label=t("nav-label")>
                {section(Page::Inbox, "nav-inbox")}
                {section(Page::Tickets, "nav-tickets")}
                {section(Page::HelpCenter, "nav-help-center")}
                {reports}
                {audit}
            </nav>
            <span class="top-bar-spacer"></span>
            <AlertControls />
            <LanguagePicker />
            <span class="agent-name">{console.agent_name()}</span>
            {settings}
            <button class="button ghost" type="button" on:click=handler(sign_out)>
                {t("sign-out")}
            </button>
        </header>
    }
}

/// The agent's status, the notification permission and the sound.
#[component]
fn AlertControls() -> impl IntoView {
    let console = expect_context::<Console>();
    let alerts = console.alerts;
    let on_status = move |event: leptos::ev::Event| {
        if let Ok(status) = event_target_value(&event).parse::<AgentStatus>() {
            alerts.set_status(console, status);
        }
    };
    let status_option = move |status: AgentStatus, label: &'static str| {
        let label = t(label);
        view! { <option value=status.as_str() selected=move || alerts.status.get() == status>{label}</option> }
    };
    let ask = move || {
        (alerts.permission.get() == NotificationPermission::Default).then(|| {
            view! {
                <button class="button ghost small" type="button" on:click=handler(move |_| alerts.ask_permission())>
                    {t("notifications-enable")}
                </button>
            }
        })
    };
    view! {
        <label class="inline-field top-bar-status">
            <select class="field small" aria-label=t("status-label") on:change=handler(on_status)>
                {status_option(AgentStatus::Online, "status-online")}
                {status_option(AgentStatus::Away, "status-away")}
                {status_option(AgentStatus::DoNotDisturb, "status-do-not-disturb")}
            </select>
        </label>
        {move || ask()}
        <label class="inline-field">
            <input
                type="checkbox"
                prop:checked=move || alerts.sound.get()
                on:change=handler(move |event| alerts.set_sound(event_target_checked(&event)))
            />
            " "
            {t("sound")}
        </label>
    }
}

/// The language the console speaks for this agent; picking one keeps it in a cookie
/// and reloads the console in it.
#[component]
fn LanguagePicker() -> impl IntoView {
    let current = l10n::locale();
    let on_change = move |event: leptos::ev::Event| {
        if let Some(picked) = l10n::Locale::from_tag(&event_target_value(&event)).filter(|picked| *picked != current) {
            l10n::pick(picked);
        }
    };
    view! {
        <label class="inline-field">
            <select class="field small language-picker" aria-label=t("language-label") on:change=handler(on_change)>
                {l10n::LANGUAGES
                    .into_iter()
                    .map(|(locale, name)| {
                        view! {
                            <option value=locale.tag() lang=locale.tag() selected=locale == current>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
