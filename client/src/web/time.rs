//! Wire times in the user's locale and local time zone, through the browser's `Date`
//! and `Intl`. Times a `Date` cannot hold (see [`crate::time::in_date_range`]) format
//! as empty text rather than throwing.
//!
//! The plain functions write in the browser's locale. The `_in` ones take the locale,
//! for a page that speaks a language of its own: the messenger passes
//! [`document_locale`], so its dates speak the language of its text.

use protocol::Millis;
use wasm_bindgen::JsValue;

use super::dom;
use crate::time::{self, ReplyBy};

/// "14:05" or "2:05 PM", as the user's locale writes a time of day.
pub fn clock_time(at: Millis) -> String {
    clock_time_in(&dom::locale(), at)
}

/// [`clock_time`] in `locale`, a BCP 47 tag.
pub fn clock_time_in(locale: &str, at: Millis) -> String {
    localized(locale, at, &[("hour", "numeric"), ("minute", "2-digit")])
}

/// The full local date and time, e.g. "3/14/2026, 9:26:53 AM".
pub fn date_time(at: Millis) -> String {
    date_time_in(&dom::locale(), at)
}

/// [`date_time`] in `locale`, a BCP 47 tag.
pub fn date_time_in(locale: &str, at: Millis) -> String {
    date(at).map(|date| String::from(date.to_locale_string(locale, &JsValue::UNDEFINED))).unwrap_or_default()
}

/// The machine-readable time for `<time datetime>`.
pub fn iso(at: Millis) -> String {
    date(at).map(|date| String::from(date.to_iso_string())).unwrap_or_default()
}

/// `then`'s local date, for an age of a month or more (see [`crate::time::age`]).
pub fn date_in(locale: &str, then: Millis) -> String {
    date(then).map(|date| String::from(date.to_locale_date_string(locale, &JsValue::UNDEFINED))).unwrap_or_default()
}

/// The "Mon 10:00" of "We'll reply by Mon 10:00": when an answer is due, in `locale` and
/// local time. The weekday gives way to the date more than six days ahead; `None` for a
/// deadline already past, which promises nothing it cannot keep ("as soon as we can").
pub fn reply_deadline(locale: &str, at: Millis) -> Option<String> {
    match ReplyBy::of(at, dom::now_ms()) {
        ReplyBy::AsSoonAsPossible => None,
        ReplyBy::Weekday => {
            Some(localized(locale, at, &[("weekday", "short"), ("hour", "numeric"), ("minute", "2-digit")]))
        }
        ReplyBy::Date => Some(localized(
            locale,
            at,
            &[("day", "numeric"), ("month", "short"), ("hour", "numeric"), ("minute", "2-digit")],
        )),
    }
}

/// The locale the page's own text is in: the language of its `<html lang>`, in the
/// browser's variant of it when the browser prefers the same language (see
/// [`time::date_locale`]); the browser's locale when the page declares none.
pub fn document_locale() -> String {
    time::date_locale(declared_language().as_deref(), &dom::locale())
}

/// The browser's IANA time zone (`Europe/Berlin`), as `Intl` resolves it; None where
/// the browser does not say.
pub fn time_zone() -> Option<String> {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    let options = format.resolved_options();
    js_sys::Reflect::get(&options, &JsValue::from_str("timeZone")).ok()?.as_string().filter(|zone| !zone.is_empty())
}

/// `document.documentElement.lang`, read without the web-sys `Element` binding.
fn declared_language() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let html = js_sys::Reflect::get(&document, &JsValue::from_str("documentElement")).ok()?;
    js_sys::Reflect::get(&html, &JsValue::from_str("lang")).ok()?.as_string()
}

fn date(at: Millis) -> Option<js_sys::Date> {
    time::in_date_range(at).then(|| js_sys::Date::new(&JsValue::from_f64(at as f64)))
}

/// `at` in `locale`, showing only the parts named in `parts` (`Intl.DateTimeFormat`
/// options).
fn localized(locale: &str, at: Millis, parts: &[(&str, &str)]) -> String {
    let Some(date) = date(at) else {
        return String::new();
    };
    let options = js_sys::Object::new();
    for (part, style) in parts {
        let _ = js_sys::Reflect::set(&options, &(*part).into(), &(*style).into());
    }
    date.to_locale_string(locale, &options).into()
}
