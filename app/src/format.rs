//! Turning wire values into short human text: times, ages, due times and user-agent summaries.

use wasm_bindgen::JsValue;

use crate::dom;

/// The largest distance from the epoch a JavaScript `Date` accepts; beyond it date
/// methods such as `toISOString` throw.
const MAX_DATE_MS: i64 = 8_640_000_000_000_000;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

fn date(ms: i64) -> Option<js_sys::Date> {
    (ms.abs() <= MAX_DATE_MS).then(|| js_sys::Date::new(&JsValue::from_f64(ms as f64)))
}

/// A full local date and time, e.g. "3/14/2026, 9:26:53 AM" in the user's locale.
pub fn date_time(ms: i64) -> String {
    date(ms).map(|date| String::from(date.to_locale_string(&dom::locale(), &JsValue::UNDEFINED))).unwrap_or_default()
}

/// The time of day as HH:MM, for message rows.
pub fn clock_time(ms: i64) -> String {
    date(ms).map(|date| format!("{:02}:{:02}", date.get_hours(), date.get_minutes())).unwrap_or_default()
}

/// The machine-readable form for a `<time datetime>` attribute.
pub fn iso(ms: i64) -> String {
    date(ms).map(|date| String::from(date.to_iso_string())).unwrap_or_default()
}

/// How long ago `then` was, e.g. "5 min ago"; a date once it is a month old.
pub fn relative_time(then: i64, now: i64) -> String {
    age(now.saturating_sub(then)).unwrap_or_else(|| {
        date(then)
            .map(|date| String::from(date.to_locale_date_string(&dom::locale(), &JsValue::UNDEFINED)))
            .unwrap_or_default()
    })
}

/// The age text for an elapsed time, or None when a calendar date reads better.
fn age(elapsed: i64) -> Option<String> {
    // Clocks disagree a little between server and browser; a small negative age is "now".
    Some(match elapsed {
        elapsed if elapsed < MINUTE => "just now".to_owned(),
        elapsed if elapsed < HOUR => format!("{} min ago", elapsed / MINUTE),
        elapsed if elapsed < DAY => format!("{} h ago", elapsed / HOUR),
        elapsed if elapsed < 30 * DAY => {
            let days = elapsed / DAY;
            if days == 1 { "yesterday".to_owned() } else { format!("{days} days ago") }
        }
        _ => return None,
    })
}

/// When a response is due relative to `now`: "due in 3 h", "overdue by 2 h".
pub fn due(due_at: i64, now: i64) -> String {
    let left = due_at.saturating_sub(now);
    if left >= 0 { format!("due in {}", span(left)) } else { format!("overdue by {}", span(left.saturating_neg())) }
}

/// A length of time in its largest sensible unit, rounded down but never "0 min".
fn span(ms: i64) -> String {
    match ms {
        ms if ms < HOUR => format!("{} min", (ms / MINUTE).max(1)),
        ms if ms < 2 * DAY => format!("{} h", ms / HOUR),
        ms => format!("{} days", ms / DAY),
    }
}

/// A short description of a browser from its user agent, e.g. "Chrome 126 on Linux".
///
/// Plain substring checks, in an order that handles browsers that also claim to be
/// others (Edge and Opera say "Chrome", Chrome says "Safari").
pub fn summarize_user_agent(user_agent: &str) -> String {
    const BROWSERS: [(&str, &str); 8] = [
        ("Edg/", "Edge"),
        ("EdgA/", "Edge"),
        ("OPR/", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"),
        ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"),
        ("Chrome/", "Chrome"),
    ];
    let browser = BROWSERS
        .iter()
        .find_map(|(token, name)| version_after(user_agent, token).map(|version| format!("{name} {version}")))
        .or_else(|| {
            user_agent
                .contains("Safari/")
                .then(|| version_after(user_agent, "Version/").map_or("Safari".to_owned(), |v| format!("Safari {v}")))
        });
    let system = [
        ("Windows", "Windows"),
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("CrOS", "ChromeOS"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .iter()
    .find(|(token, _)| user_agent.contains(token))
    .map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} on {system}"),
        (Some(browser), None) => browser,
        (None, Some(system)) => format!("A browser on {system}"),
        (None, None) => "Unknown browser".to_owned(),
    }
}

/// The major version number that follows `token`, if the token is present.
fn version_after<'a>(user_agent: &'a str, token: &str) -> Option<&'a str> {
    let start = user_agent.find(token)? + token.len();
    let rest = &user_agent[start..];
    let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents_are_summarised_by_browser_and_system() {
        let cases = [
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
                "Chrome 156 on Linux",
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
                "Edge 126 on Windows",
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Firefox 128 on macOS",
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                "Safari 17 on iOS",
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
                "Chrome 126 on Android",
            ),
            ("curl/8.0", "Unknown browser"),
        ];
        for (user_agent, expected) in cases {
            assert_eq!(summarize_user_agent(user_agent), expected, "{user_agent}");
        }
    }

    #[test]
    fn due_times_read_as_time_left_or_overdue() {
        assert_eq!(due(3 * HOUR + 20 * MINUTE, 0), "due in 3 h");
        assert_eq!(due(0, 2 * HOUR + MINUTE), "overdue by 2 h");
        assert_eq!(due(10_000, 0), "due in 1 min");
        assert_eq!(due(45 * MINUTE, 0), "due in 45 min");
        assert_eq!(due(30 * HOUR, 0), "due in 30 h");
        assert_eq!(due(0, 3 * DAY + HOUR), "overdue by 3 days");
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age(-5_000).as_deref(), Some("just now"));
        assert_eq!(age(5 * MINUTE).as_deref(), Some("5 min ago"));
        assert_eq!(age(3 * HOUR).as_deref(), Some("3 h ago"));
        assert_eq!(age(DAY + HOUR).as_deref(), Some("yesterday"));
        assert_eq!(age(4 * DAY).as_deref(), Some("4 days ago"));
        assert_eq!(age(40 * DAY), None);
    }
}
