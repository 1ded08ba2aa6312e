//! Text for display: message times and answer deadlines (from the shared client, which
//! formats them with the browser's `Intl` in the messenger's language, its `<html lang>`,
//! and local time), file sizes, the composer's character counter, and [`Sentence`], a
//! sentence chosen now and put in the visitor's words when shown.

pub use client::web::time::iso as iso_time;
use client::web::time::{self, document_locale};
use wasm_bindgen::JsValue;

use crate::l10n::{t, t_with};

thread_local! {
    /// The locale `Intl` writes in: the document's language does not change.
    static LOCALE: String = document_locale();
}

/// A sentence for the visitor: one of the catalog's messages, or the server's own words
/// (its error messages), shown as they are. Which one applies is decided by plain rules
/// (tested natively); the catalog is only read when the sentence is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sentence {
    /// The catalog message with this id.
    Message(&'static str),
    /// Text the server wrote.
    Server(String),
}

impl Sentence {
    /// The sentence in the visitor's language.
    pub fn text(&self) -> String {
        match self {
            Self::Message(id) => t(id),
            Self::Server(text) => text.clone(),
        }
    }
}

/// "14:05" or "2:05 PM", as the messenger's language writes a time of day.
pub fn clock_time(at: protocol::Millis) -> String {
    LOCALE.with(|locale| time::clock_time_in(locale, at))
}

/// The full local date and time.
pub fn full_time(at: protocol::Millis) -> String {
    LOCALE.with(|locale| time::date_time_in(locale, at))
}

/// "We'll reply by Mon 10:00", or "as soon as we can" for a deadline already past.
pub fn reply_by(at: protocol::Millis) -> String {
    match LOCALE.with(|locale| time::reply_deadline(locale, at)) {
        Some(when) => t_with("reply-by", &[("when", (&when).into())]),
        None => t("reply-as-soon-as-possible"),
    }
}

/// A file size in the unit that reads best: "812 bytes", "15 KB", "2.4 MB" (the same
/// units and rounding as the console's `client::size::file_size`).
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1_000;
    const MB: u64 = 1_000_000;
    match bytes {
        0..KB => t_with("file-size-bytes", &[("count", bytes.into())]),
        KB..MB => t_with("file-size-kilobytes", &[("count", bytes.div_ceil(KB).into())]),
        _ => t_with("file-size-megabytes", &[("size", (&tenths((bytes / 100_000) as f64 / 10.0)).into())]),
    }
}

/// A number with one decimal, as the messenger's language writes it ("2.4", "2,4").
fn tenths(number: f64) -> String {
    let options = js_sys::Object::new();
    for (name, value) in [("minimumFractionDigits", JsValue::from(1)), ("maximumFractionDigits", JsValue::from(1))] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(name), &value);
    }
    let _ = js_sys::Reflect::set(&options, &JsValue::from_str("useGrouping"), &JsValue::FALSE);
    let locales = LOCALE.with(|locale| js_sys::Array::of1(&JsValue::from_str(locale)));
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    format.call1(&JsValue::NULL, &JsValue::from_f64(number)).ok().and_then(|text| text.as_string()).unwrap_or_default()
}

/// Where the draft stands against the length limit, once it nears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    /// This many characters may still be typed.
    Left(usize),
    /// The draft is this many characters too long.
    Over(usize),
}

impl Counter {
    /// "10 characters left", "3 characters over the limit".
    pub fn text(self) -> String {
        match self {
            Self::Left(count) => t_with("composer-characters-left", &[("count", count.into())]),
            Self::Over(count) => t_with("composer-characters-over", &[("count", count.into())]),
        }
    }
}

/// The counter under the composer: `None` until the draft nears the limit (90%).
pub fn counter(chars: usize, limit: usize) -> Option<Counter> {
    if chars.saturating_mul(10) < limit.saturating_mul(9) {
        return None;
    }
    Some(if chars > limit { Counter::Over(chars - limit) } else { Counter::Left(limit - chars) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_appears_near_the_limit() {
        assert_eq!(counter(10, 100), None);
        assert_eq!(counter(89, 100), None);
        assert_eq!(counter(90, 100), Some(Counter::Left(10)));
        assert_eq!(counter(99, 100), Some(Counter::Left(1)));
        assert_eq!(counter(100, 100), Some(Counter::Left(0)));
        assert_eq!(counter(103, 100), Some(Counter::Over(3)));
    }
}
