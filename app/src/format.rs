//! Turning wire values into short human text in the console's language: times, ages
//! and due times (counted by the shared client), user-agent summaries and file sizes.

use client::time::{Age, Due, Span};
pub use client::web::time::iso;
use client::web::time::{clock_time_in, date_in, date_time_in, document_locale};
use protocol::Millis;

use crate::l10n::{t, t_with};

/// "14:05" or "2:05 PM", as the console's language writes a time of day.
pub fn clock_time(at: Millis) -> String {
    clock_time_in(&document_locale(), at)
}

/// The full local date and time.
pub fn date_time(at: Millis) -> String {
    date_time_in(&document_locale(), at)
}

/// How long ago `then` was, e.g. "5 min ago"; the local date once it is a month old.
pub fn relative_time(then: Millis, now: Millis) -> String {
    let count = |id: &str, count: i64| t_with(id, &[("count", (count as f64).into())]);
    match client::time::age(now.saturating_sub(then)) {
        Some(Age::JustNow) => t("age-just-now").to_owned(),
        Some(Age::Minutes(minutes)) => count("age-minutes", minutes),
        Some(Age::Hours(hours)) => count("age-hours", hours),
        Some(Age::Yesterday) => t("age-yesterday").to_owned(),
        Some(Age::Days(days)) => count("age-days", days),
        None => date_in(&document_locale(), then),
    }
}

/// When a response is due: "due in 3 h", "overdue by 2 h".
pub fn due(due_at: Millis, now: Millis) -> String {
    let (id, span) = match client::time::due(due_at, now) {
        Due::In(span) => ("due-in", span),
        Due::Overdue(span) => ("overdue-by", span),
    };
    let (unit, count) = match span {
        Span::Minutes(count) => ("minutes", count),
        Span::Hours(count) => ("hours", count),
        Span::Days(count) => ("days", count),
    };
    t_with(id, &[("unit", unit.into()), ("count", (count as f64).into())])
}

/// A file size in the unit that reads best: "812 bytes", "15 KB", "2.4 MB".
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1_000;
    const MB: u64 = 1_000_000;
    match bytes {
        0..KB => t_with("file-size-bytes", &[("count", (bytes as f64).into())]),
        KB..MB => t_with("file-size-kilobytes", &[("count", (bytes.div_ceil(KB) as f64).into())]),
        _ => {
            let size = crate::l10n::decimal((bytes / 100_000) as f64 / 10.0, 1);
            t_with("file-size-megabytes", &[("size", (&size).into())])
        }
    }
}

/// A short description of a browser from its user agent, e.g. "Chrome 126 on Linux".
pub fn summarize_user_agent(user_agent: &str) -> String {
    match identify_user_agent(user_agent) {
        (Some(browser), Some(system)) => {
            t_with("browser-on-system", &[("browser", (&browser).into()), ("system", system.into())])
        }
        (Some(browser), None) => browser,
        (None, Some(system)) => t_with("browser-unknown-on-system", &[("system", system.into())]),
        (None, None) => t("browser-unknown").to_owned(),
    }
}

/// The browser (with its major version) and the system a user agent names.
///
/// Plain substring checks, in an order that handles browsers that also claim to be
/// others (Edge and Opera say "Chrome", Chrome says "Safari").
fn identify_user_agent(user_agent: &str) -> (Option<String>, Option<&'static str>) {
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
    (browser, system)
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
                (Some("Chrome 156"), Some("Linux")),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87",
                (Some("Edge 126"), Some("Windows")),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0",
                (Some("Firefox 128"), Some("macOS")),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                (Some("Safari 17"), Some("iOS")),
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
                (Some("Chrome 126"), Some("Android")),
            ),
            ("curl/8.0", (None, None)),
        ];
        for (user_agent, (browser, system)) in cases {
            assert_eq!(identify_user_agent(user_agent), (browser.map(str::to_owned), system), "{user_agent}");
        }
    }
}
