//! Text for display: message times and answer deadlines (wire times are UTC
//! milliseconds; the visitor sees their local time) and the composer's character counter.

use protocol::Millis;
use wasm_bindgen::JsValue;

/// Further ahead than this, a deadline names its date rather than its weekday.
const WEEKDAY_HORIZON: Millis = 6 * 24 * 60 * 60 * 1000;

/// "14:05" or "2:05 PM", as the visitor's locale writes a time of day.
pub fn clock_time(at: Millis) -> String {
    localized(at, &[("hour", "numeric"), ("minute", "2-digit")])
}

/// "We'll reply by Mon 10:00": when an answer is due, in the visitor's local time and
/// locale. The weekday gives way to the date more than six days ahead; a deadline
/// already past promises nothing it cannot keep.
pub fn reply_by(at: Millis) -> String {
    let now = js_sys::Date::now() as Millis;
    if at <= now {
        return "We'll reply as soon as we can".to_owned();
    }
    let when = if at - now > WEEKDAY_HORIZON {
        localized(at, &[("day", "numeric"), ("month", "short"), ("hour", "numeric"), ("minute", "2-digit")])
    } else {
        localized(at, &[("weekday", "short"), ("hour", "numeric"), ("minute", "2-digit")])
    };
    format!("We'll reply by {when}")
}

/// The full local date and time, for a tooltip.
pub fn full_time(at: Millis) -> String {
    js_sys::Date::new(&JsValue::from_f64(at as f64)).to_locale_string("default", &JsValue::UNDEFINED).into()
}

/// The machine-readable time for `<time datetime>`.
pub fn iso_time(at: Millis) -> String {
    js_sys::Date::new(&JsValue::from_f64(at as f64)).to_iso_string().into()
}

/// `at` in the visitor's locale, showing only the parts named in `parts`
/// (`Intl.DateTimeFormat` options).
fn localized(at: Millis, parts: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
    let options = js_sys::Object::new();
    for (part, style) in parts {
        let _ = js_sys::Reflect::set(&options, &(*part).into(), &(*style).into());
    }
    // "default" asks for the browser's own locale.
    date.to_locale_string("default", &options).into()
}

/// The counter under the composer: `None` until the draft nears the limit (90%).
pub fn counter(chars: usize, limit: usize) -> Option<String> {
    if chars.saturating_mul(10) < limit.saturating_mul(9) {
        return None;
    }
    Some(if chars > limit {
        let over = chars - limit;
        format!("{over} {} over the limit", plural(over))
    } else {
        let left = limit - chars;
        format!("{left} {} left", plural(left))
    })
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "character" } else { "characters" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_appears_near_the_limit() {
        assert_eq!(counter(10, 100), None);
        assert_eq!(counter(89, 100), None);
        assert_eq!(counter(90, 100).as_deref(), Some("10 characters left"));
        assert_eq!(counter(99, 100).as_deref(), Some("1 character left"));
        assert_eq!(counter(100, 100).as_deref(), Some("0 characters left"));
        assert_eq!(counter(103, 100).as_deref(), Some("3 characters over the limit"));
    }
}
