//! Wire times in the user's locale and local time zone, through the browser's `Date`
//! and `Intl`. Times a `Date` cannot hold (see [`crate::time::in_date_range`]) format
//! as empty text rather than throwing.

use protocol::Millis;
use wasm_bindgen::JsValue;

use super::dom;
use crate::time::{self, ReplyBy};

/// "14:05" or "2:05 PM", as the user's locale writes a time of day.
pub fn clock_time(at: Millis) -> String {
    localized(at, &[("hour", "numeric"), ("minute", "2-digit")])
}

/// The full local date and time, e.g. "3/14/2026, 9:26:53 AM".
pub fn date_time(at: Millis) -> String {
    date(at).map(|date| String::from(date.to_locale_string(&dom::locale(), &JsValue::UNDEFINED))).unwrap_or_default()
}

/// The machine-readable time for `<time datetime>`.
pub fn iso(at: Millis) -> String {
    date(at).map(|date| String::from(date.to_iso_string())).unwrap_or_default()
}

/// How long ago `then` was, e.g. "5 min ago"; the local date once it is a month old.
pub fn relative_time(then: Millis, now: Millis) -> String {
    time::age(now.saturating_sub(then)).unwrap_or_else(|| {
        date(then)
            .map(|date| String::from(date.to_locale_date_string(&dom::locale(), &JsValue::UNDEFINED)))
            .unwrap_or_default()
    })
}

/// "We'll reply by Mon 10:00": when an answer is due, in local time. The weekday gives
/// way to the date more than six days ahead; a deadline already past promises nothing
/// it cannot keep.
pub fn reply_by(at: Millis) -> String {
    let when = match ReplyBy::of(at, dom::now_ms()) {
        ReplyBy::AsSoonAsPossible => return "We'll reply as soon as we can".to_owned(),
        ReplyBy::Weekday => localized(at, &[("weekday", "short"), ("hour", "numeric"), ("minute", "2-digit")]),
        ReplyBy::Date => {
            localized(at, &[("day", "numeric"), ("month", "short"), ("hour", "numeric"), ("minute", "2-digit")])
        }
    };
    format!("We'll reply by {when}")
}

fn date(at: Millis) -> Option<js_sys::Date> {
    time::in_date_range(at).then(|| js_sys::Date::new(&JsValue::from_f64(at as f64)))
}

/// `at` in the user's locale, showing only the parts named in `parts`
/// (`Intl.DateTimeFormat` options).
fn localized(at: Millis, parts: &[(&str, &str)]) -> String {
    let Some(date) = date(at) else {
        return String::new();
    };
    let options = js_sys::Object::new();
    for (part, style) in parts {
        let _ = js_sys::Reflect::set(&options, &(*part).into(), &(*style).into());
    }
    date.to_locale_string(&dom::locale(), &options).into()
}
