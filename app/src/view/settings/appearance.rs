//! The "Messenger appearance" settings: the language the messenger speaks when neither
//! the host nor the visitor's browser names one Helpline ships, and its colours. Each
//! choice is saved when it changes.

use client::web::dom::handler;
use leptos::prelude::*;
use leptos::task::spawn_local;
use protocol::api::{Appearance, Theme};

use super::brand::BrandSettings;
use crate::api;
use crate::console::Console;
use crate::l10n::t;

/// The languages the messenger ships, by tag, each named in itself.
const LANGUAGES: [(&str, &str); 4] = [("en", "English"), ("de", "Deutsch"), ("es", "Español"), ("ar", "العربية")];

const THEMES: [(Theme, &str, &str); 3] = [
    (Theme::Auto, "auto", "appearance-theme-auto"),
    (Theme::Light, "light", "appearance-theme-light"),
    (Theme::Dark, "dark", "appearance-theme-dark"),
];

/// One change the card sends.
enum ChangeRequest {
    Appearance(Appearance),
    /// A new logo, or none.
    Logo(Option<web_sys::File>),
}

#[component]
pub fn AppearanceSettings() -> impl IntoView {
    let console = expect_context::<Console>();
    let settings = RwSignal::new(None::<Appearance>);
    let load_error = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<String>);
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let language = RwSignal::new("en".to_owned());

    let load = move || console.load_into(settings, load_error, api::appearance());
    load();

    // Runs one change (a new appearance, or a logo) and shows its outcome.
    let change = move |request: ChangeRequest| {
        if busy.get_untracked() {
            return;
        }
        let csrf_token = console.csrf_token();
        busy.set(true);
        failure.set(None);
        saved.set(false);
        spawn_local(async move {
            let result = match request {
                ChangeRequest::Appearance(change) => api::update_appearance(&csrf_token, &change).await,
                ChangeRequest::Logo(Some(image)) => api::upload_logo(&csrf_token, &image).await,
                ChangeRequest::Logo(None) => api::delete_logo(&csrf_token).await,
            };
            if busy.is_disposed() {
                return;
            }
            busy.set(false);
            match result {
                Ok(stored) => {
                    settings.set(Some(stored));
                    saved.set(true);
                }
                Err(error) => failure.set(Some(console.explain(&error))),
            }
        });
    };
    let save = Callback::new(move |appearance: Appearance| change(ChangeRequest::Appearance(appearance)));
    let logo = Callback::new(move |image: Option<web_sys::File>| change(ChangeRequest::Logo(image)));

    let body = move || {
        if let Some(message) = load_error.get() {
            return view! {
                <p class="form-error" role="alert">{message}</p>
                <button class="button" type="button" on:click=handler(move |_| load())>
                    {t("try-again")}
                </button>
            }
            .into_any();
        }
        let Some(current) = settings.get() else {
            return view! { <p class="muted">{t("loading")}</p> }.into_any();
        };
        let (locale, theme) = (current.default_locale.clone(), current.theme);
        let languages = LANGUAGES
            .iter()
            .map(|(tag, name)| view! { <option value=*tag prop:selected=locale == *tag>{*name}</option> })
            .collect_view();
        let themes = THEMES
            .iter()
            .map(|(option, value, name)| view! { <option value=*value prop:selected=theme == *option>{t(name)}</option> })
            .collect_view();
        let with_language = {
            let current = current.clone();
            move |event| save.run(Appearance { default_locale: event_target_value(&event), ..current.clone() })
        };
        let brand = view! { <BrandSettings current=current.clone() save logo busy language /> };
        let with_theme = move |event| {
            let chosen =
                THEMES.iter().find(|(_, value, _)| *value == event_target_value(&event)).map(|(theme, ..)| *theme);
            if let Some(theme) = chosen {
                save.run(Appearance { theme, ..current.clone() });
            }
        };
        view! {
            <label class="field-label" for="default-locale">{t("appearance-language")}</label>
            <p class="hint" id="default-locale-hint">
                {t("appearance-language-hint")}
            </p>
            <select
                id="default-locale"
                class="field"
                aria-describedby="default-locale-hint"
                disabled=busy
                on:change=handler(with_language)
            >
                {languages}
            </select>
            <label class="field-label" for="messenger-theme">{t("appearance-theme")}</label>
            <select id="messenger-theme" class="field" disabled=busy on:change=handler(with_theme)>
                {themes}
            </select>
            {brand}
        }
        .into_any()
    };

    view! {
        <section class="settings-card" aria-labelledby="appearance-title">
            <h3 id="appearance-title">{t("appearance-title")}</h3>
            {move || body()}
            <div class="form-feedback" aria-live="polite">
                {move || saved.get().then(|| view! { <p class="form-success">{t("saved")}</p> })}
                {move || failure.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            </div>
        </section>
    }
}
