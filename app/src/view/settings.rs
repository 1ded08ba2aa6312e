//! Workspace settings for admins: the embed snippet, the origins allowed to embed the
//! widget, the messenger's default language and colours, the team (roles, capacity, teams, invitations), identity verification, the
//! support hours tickets are measured in, API keys for host backends, and saved replies.

mod api_keys;
mod appearance;
mod brand;
mod identity;
mod saved_replies;
mod support_hours;
mod team;

use client::web::dom::handler;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::{UpdateOrigins, Workspace};

use crate::api;
use crate::console::Console;
use crate::dom;
use crate::l10n::{t, t_with};
use crate::state::Page;
use api_keys::ApiKeys;
use appearance::AppearanceSettings;
use identity::IdentityVerification;
use saved_replies::SavedRepliesSettings;
use support_hours::SupportHours;
use team::TeamCard;

/// The outcome of the last save, shown under the form.
#[derive(Debug, Clone, PartialEq)]
enum Feedback {
    Saved,
    Failed(String),
}

/// The settings page: workspace facts, the snippet to paste, the allowed origins,
/// support hours, API keys and saved replies.
#[component]
pub fn Settings() -> impl IntoView {
    let console = expect_context::<Console>();
    let workspace = RwSignal::new(None::<Workspace>);
    let load_error = RwSignal::new(None::<String>);
    let origins = RwSignal::new(String::new());
    let feedback = RwSignal::new(None::<Feedback>);
    let saving = RwSignal::new(false);

    let load = move || {
        load_error.set(None);
        spawn_local(async move {
            match api::workspace().await {
                Ok(loaded) => {
                    origins.set(loaded.allowed_origins.join("\n"));
                    workspace.set(Some(loaded));
                }
                Err(error) => load_error.set(Some(console.explain(&error))),
            }
        });
    };
    load();

    let save = move |event: SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let body = UpdateOrigins { allowed_origins: parse_origins(&origins.get_untracked()) };
        let csrf_token = console.csrf_token();
        saving.set(true);
        feedback.set(None);
        spawn_local(async move {
            match api::update_origins(&csrf_token, &body).await {
                Ok(saved) => {
                    origins.set(saved.allowed_origins.join("\n"));
                    workspace.set(Some(saved));
                    feedback.set(Some(Feedback::Saved));
                }
                Err(error) => feedback.set(Some(Feedback::Failed(console.explain(&error)))),
            }
            saving.set(false);
        });
    };

    let details = move || {
        workspace.get().map(|workspace| {
            // `data-look` lets the launcher wear the brand before any request.
            let snippet = format!(
                r#"<script src="{}/helpline.js" data-app-id="{}" data-look="{}" async></script>"#,
                dom::origin(),
                workspace.app_id,
                workspace.launcher_look
            );
            view! {
                <section class="settings-card" aria-labelledby="workspace-title">
                    <h3 id="workspace-title">{t("settings-workspace")}</h3>
                    <dl class="facts">
                        <dt>{t("fact-name")}</dt>
                        <dd>{workspace.name}</dd>
                        <dt>{t("settings-app-id")}</dt>
                        <dd>
                            <code>{workspace.app_id}</code>
                        </dd>
                    </dl>
                </section>
                <section class="settings-card" aria-labelledby="snippet-title">
                    <h3 id="snippet-title">{t("settings-snippet")}</h3>
                    <p class="hint">{t_with("settings-snippet-hint", &[("tag", "</body>".into())])}</p>
                    <pre class="snippet"><code>{snippet}</code></pre>
                </section>
            }
        })
    };

    let feedback_line = move || {
        feedback.get().map(|feedback| match feedback {
            Feedback::Saved => view! { <p class="form-success">{t("saved")}</p> }.into_any(),
            Feedback::Failed(message) => view! { <p class="form-error" role="alert">{message}</p> }.into_any(),
        })
    };

    view! {
        <main id="main-content" class="settings" tabindex="-1">
            <div class="settings-head">
                <h2 class="pane-title">{t("settings-title")}</h2>
                <button class="button ghost" type="button" on:click=handler(move |_| console.page.set(Page::Inbox))>
                    {t("settings-back")}
                </button>
            </div>
            {move || {
                load_error
                    .get()
                    .map(|message| {
                        view! {
                            <div class="settings-card">
                                <p class="form-error" role="alert">{message}</p>
                                <button class="button" type="button" on:click=handler(move |_| load())>
                                    {t("try-again")}
                                </button>
                            </div>
                        }
                    })
            }}
            {move || details()}
            <form class="settings-card" on:submit=handler(save)>
                <label class="field-label" for="allowed-origins">{t("settings-origins")}</label>
                <p class="hint" id="allowed-origins-hint">
                    {t("settings-origins-hint")}
                </p>
                <textarea
                    id="allowed-origins"
                    class="field"
                    rows="6"
                    spellcheck="false"
                    aria-describedby="allowed-origins-hint"
                    prop:value=move || origins.get()
                    on:input=handler(move |event| {
                        origins.set(event_target_value(&event));
                        feedback.set(None);
                    })
                ></textarea>
                <div class="form-actions">
                    <button class="button primary" type="submit" disabled=move || saving.get()>
                        {t("save")}
                    </button>
                    <div class="form-feedback" aria-live="polite">
                        {move || feedback_line()}
                    </div>
                </div>
            </form>
            <AppearanceSettings />
            <TeamCard />
            <IdentityVerification />
            <SupportHours />
            <ApiKeys />
            <SavedRepliesSettings />
        </main>
    }
}

/// One origin per non-blank line, trimmed; the server validates each.
fn parse_origins(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::parse_origins;

    #[test]
    fn origins_are_read_one_per_line_ignoring_blanks() {
        assert_eq!(
            parse_origins(" https://a.example \n\n\thttp://b.example:8080\r\n"),
            ["https://a.example", "http://b.example:8080"]
        );
    }
}
