//! Turning wire values into short human text: times, ages and due times (from the
//! shared client), user-agent summaries and file sizes.

pub use client::time::due;
pub use client::web::time::{clock_time, date_time, iso, relative_time};

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

pub use client::size::file_size;

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
}
