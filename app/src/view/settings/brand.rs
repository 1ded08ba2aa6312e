//! The host's brand in the "Messenger appearance" card: the brand colour (with a preview
//! of the launcher in it and the readable text colour derived from it), the launcher's
//! side, its logo, and the workspace's own words per language (launcher label, greeting,
//! away message). Each change goes through the card's `save` (or `logo`), with the rest
//! of the appearance as it stands.

use client::web::dom::handler;
use leptos::prelude::*;
use protocol::api::{Appearance, LocaleTexts};
use protocol::brand::{LauncherPosition, Palette, Rgb};
use wasm_bindgen::JsCast;

use crate::l10n::t;

#[component]
pub fn BrandSettings(
    current: Appearance,
    save: Callback<Appearance>,
    /// Uploads a new logo, or removes it.
    logo: Callback<Option<web_sys::File>>,
    busy: RwSignal<bool>,
    /// The language whose words are being edited; the card keeps it across saves.
    language: RwSignal<String>,
) -> impl IntoView {
    let colour = RwSignal::new(current.brand_color.clone());
    let palette = move || Palette::from_brand(Rgb::parse(&colour.get()).unwrap_or(Rgb(0x3b, 0x5b, 0xdb)));

    let with_colour = {
        let current = current.clone();
        move |event| {
            let brand_color = event_target_value(&event);
            colour.set(brand_color.clone());
            save.run(Appearance { brand_color, ..current.clone() });
        }
    };
    let with_position = {
        let current = current.clone();
        move |event| {
            let launcher_position =
                if event_target_value(&event) == "left" { LauncherPosition::Left } else { LauncherPosition::Right };
            save.run(Appearance { launcher_position, ..current.clone() });
        }
    };
    let position = current.launcher_position;
    let on_logo = move |event: leptos::ev::Event| {
        let picked = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(image) = picked {
            logo.run(Some(image));
        }
    };
    let current_logo = current.logo.clone().map(|src| {
        view! {
            <img class="logo-preview" src=src alt=t("brand-logo-current") />
            <button class="button" type="button" disabled=busy on:click=handler(move |_| logo.run(None))>
                {t("brand-logo-remove")}
            </button>
        }
    });

    let texts_of = {
        let texts = current.texts.clone();
        move |tag: &str| texts.iter().find(|texts| texts.locale == tag).cloned().unwrap_or_default()
    };
    let label = RwSignal::new(String::new());
    let greeting = RwSignal::new(String::new());
    let away = RwSignal::new(String::new());
    let fill = move |texts: LocaleTexts| {
        label.set(texts.launcher_label);
        greeting.set(texts.greeting);
        away.set(texts.away_message);
    };
    fill(texts_of(&language.get_untracked()));
    let with_language = {
        let texts_of = texts_of.clone();
        move |event| {
            let tag = event_target_value(&event);
            fill(texts_of(&tag));
            language.set(tag);
        }
    };
    let save_words = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let locale = language.get_untracked();
        let mut texts: Vec<LocaleTexts> =
            current.texts.iter().filter(|texts| texts.locale != locale).cloned().collect();
        texts.push(LocaleTexts {
            locale,
            launcher_label: label.get_untracked(),
            greeting: greeting.get_untracked(),
            away_message: away.get_untracked(),
        });
        save.run(Appearance { texts, ..current.clone() });
    };
    let languages = crate::l10n::LANGUAGES
        .iter()
        .map(|(locale, name)| {
            let tag = locale.tag();
            view! { <option value=tag prop:selected=move || language.get() == tag>{*name}</option> }
        })
        .collect_view();

    view! {
        <label class="field-label" for="brand-colour">{t("brand-colour")}</label>
        <p class="hint" id="brand-colour-hint">
            {t("brand-colour-hint")}
        </p>
        <div class="brand-row">
            <input
                id="brand-colour"
                type="color"
                class="colour-field"
                aria-describedby="brand-colour-hint"
                prop:value=move || colour.get()
                disabled=busy
                on:change=handler(with_colour)
            />
            <span
                class="brand-preview"
                style:background-color=move || palette().brand
                style:color=move || palette().on_brand
                aria-hidden="true"
            >
                {t("brand-preview")}
            </span>
            <code>{move || colour.get()}</code>
        </div>
        <label class="field-label" for="logo">{t("brand-logo")}</label>
        <p class="hint" id="logo-hint">{t("brand-logo-hint")}</p>
        <div class="brand-row">
            {current_logo}
            <input
                id="logo"
                type="file"
                accept="image/png,image/jpeg,image/gif,image/webp"
                aria-describedby="logo-hint"
                disabled=busy
                on:change=handler(on_logo)
            />
        </div>
        <label class="field-label" for="launcher-position">{t("brand-position")}</label>
        <select id="launcher-position" class="field" disabled=busy on:change=handler(with_position)>
            <option value="right" prop:selected=position == LauncherPosition::Right>
                {t("brand-position-right")}
            </option>
            <option value="left" prop:selected=position == LauncherPosition::Left>
                {t("brand-position-left")}
            </option>
        </select>
        <form class="brand-words" on:submit=handler(save_words)>
            <h4>{t("brand-words")}</h4>
            <p class="hint">{t("brand-words-hint")}</p>
            <label class="field-label" for="words-language">{t("brand-words-language")}</label>
            <select id="words-language" class="field" on:change=handler(with_language)>
                {languages}
            </select>
            <label class="field-label" for="launcher-label">{t("brand-launcher-label")}</label>
            <input
                id="launcher-label"
                class="field"
                maxlength="40"
                prop:value=move || label.get()
                on:input=handler(move |event| label.set(event_target_value(&event)))
            />
            <label class="field-label" for="greeting">{t("brand-greeting")}</label>
            <textarea
                id="greeting"
                class="field"
                rows="2"
                maxlength="300"
                prop:value=move || greeting.get()
                on:input=handler(move |event| greeting.set(event_target_value(&event)))
            ></textarea>
            <label class="field-label" for="away-message">{t("brand-away-message")}</label>
            <textarea
                id="away-message"
                class="field"
                rows="2"
                maxlength="300"
                prop:value=move || away.get()
                on:input=handler(move |event| away.set(event_target_value(&event)))
            ></textarea>
            <button class="button" type="submit" disabled=busy>
                {t("brand-words-save")}
            </button>
        </form>
    }
}
