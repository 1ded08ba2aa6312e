//! The messenger's words. The server chose the locale (the host's choice, else the
//! browser's languages, else the workspace's default), wrote it in `<html lang dir>`, and
//! put that locale's catalog, compiled for the browser, in the document (`<script
//! type="application/json" id="helpline-catalog">`), so the first paint is already in
//! the visitor's language and the WebAssembly carries neither text nor Fluent's runtime:
//! plural forms and numbers come from the browser's `Intl` (see `i18n::compiled`).

use i18n::compiled::{Messages, Plurals};
use i18n::{Arg, Dir, Locale};
use js_sys::{Array, Function, Object};
use leptos::prelude::document;
use wasm_bindgen::JsValue;

struct Catalog {
    locale: Locale,
    messages: Messages,
    intl: Intl,
}

/// The browser's plural rules and number formatting for the locale.
struct Intl {
    rules: js_sys::Intl::PluralRules,
    numbers: Function,
}

impl Plurals for Intl {
    fn category(&self, number: f64) -> String {
        self.rules.select(number).into()
    }

    fn number(&self, number: f64) -> String {
        self.numbers
            .call1(&JsValue::NULL, &JsValue::from_f64(number))
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default()
    }
}

thread_local! {
    static CATALOG: Catalog = load();
}

fn load() -> Catalog {
    let document = document();
    let locale = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|tag| Locale::from_tag(&tag))
        .unwrap_or(Locale::En);
    let messages = document
        .get_element_by_id("helpline-catalog")
        .and_then(|element| element.text_content())
        .and_then(|json| client::json::from_str(&json))
        .unwrap_or_default();
    let locales = Array::of1(&JsValue::from_str(locale.tag()));
    let intl = Intl {
        rules: js_sys::Intl::PluralRules::new(&locales, &Object::new()),
        numbers: js_sys::Intl::NumberFormat::new(&locales, &Object::new()).format(),
    };
    Catalog { locale, messages, intl }
}

/// The message `id` in the visitor's language.
pub fn t(id: &str) -> String {
    t_with(id, &[])
}

/// The message `id` with its variables, e.g. `t_with("unread", &[("count", 3.into())])`.
/// Numbers are quantities, written as the locale writes them ("1,002", "١٬٠٠٢"); pass
/// identifiers such as ticket numbers as text.
pub fn t_with(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    CATALOG.with(|catalog| catalog.messages.format(id, args, &catalog.intl, catalog.locale.dir() == Dir::Rtl))
}

/// The language the messenger speaks, for `Intl` formatting and the host.
pub fn locale() -> Locale {
    CATALOG.with(|catalog| catalog.locale)
}
