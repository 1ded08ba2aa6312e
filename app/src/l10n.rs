//! The console's words: its catalog (`i18n/locales/<locale>/console.ftl`), which the
//! server compiled into the console's document in the agent's language, read through
//! the shared resolver; the language picker's choice; and errors in words.
//!
//! The agent's choice lives in a cookie (`CONSOLE_LOCALE_COOKIE`) rather than in the
//! app, because the server reads it to render the document, its `lang` and `dir` and the
//! catalog, before any WebAssembly runs.

use client::rest::ApiError;
use protocol::limits::CONSOLE_LOCALE_COOKIE;
use wasm_bindgen::JsValue;

pub use client::web::l10n::{Arg, Dir, Locale, locale, t, t_with};

/// The languages the picker offers, each named in itself, so an agent finds their own
/// whatever the console speaks now.
pub const LANGUAGES: [(Locale, &str); 4] =
    [(Locale::En, "English"), (Locale::De, "Deutsch"), (Locale::Es, "Español"), (Locale::Ar, "العربية")];

/// Keeps `locale` as the agent's language for a year and reloads the console in it.
pub fn pick(locale: Locale) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let cookie = format!("{CONSOLE_LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Strict", locale.tag());
    // `document.cookie` without web-sys's `HtmlDocument` binding.
    if let Some(document) = window.document() {
        let _ = js_sys::Reflect::set(&document, &JsValue::from_str("cookie"), &JsValue::from_str(&cookie));
    }
    let _ = window.location().reload();
}

/// An API error in words for the agent: the console's own for the errors the browser
/// sees (no answer, too many requests, an unreadable answer), the server's message for
/// the rest.
pub fn error_text(error: &ApiError) -> String {
    match error {
        ApiError::Network => t("error-network").to_owned(),
        ApiError::Limited { .. } => t("error-too-many-requests").to_owned(),
        ApiError::Unexpected => t("error-unexpected").to_owned(),
        ApiError::Status { body, .. } => body.message.clone(),
    }
}

/// `items` as a list in a sentence: "a, b, c" ("a، b، c" in Arabic).
pub fn list(items: &[String]) -> String {
    let separator = if locale() == Locale::Ar { "، " } else { ", " };
    items.join(separator)
}

/// `value` with exactly `digits` decimals, as the console's language writes it ("4.5",
/// "4,5").
pub fn decimal(value: f64, digits: u8) -> String {
    let options = js_sys::Object::new();
    for option in ["minimumFractionDigits", "maximumFractionDigits"] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(option), &JsValue::from_f64(f64::from(digits)));
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(locale().tag()));
    js_sys::Intl::NumberFormat::new(&locales, &options)
        .format()
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| format!("{value:.*}", usize::from(digits)))
}

/// The arrow from before to after: "→", or "←" where text runs right to left.
pub fn forward_arrow() -> &'static str {
    if locale().dir() == Dir::Rtl { "←" } else { "→" }
}
