//! A short name for the visitor's browser ("Firefox 128 on Windows"), shown under the
//! "Email us" form among what is attached automatically. The server takes the full user
//! agent from the request itself; this is only what the visitor reads.

use crate::l10n::{t, t_with};

/// Browsers by the user-agent token that carries their version, most specific first:
/// Edge, Opera and Samsung Internet also say "Chrome", and every iOS browser "Safari".
const BROWSERS: [(&str, &str); 8] = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Version/", "Safari"),
];

/// Operating systems by a token of the user agent, most specific first: iOS also says
/// "Mac OS X", Android also says "Linux".
const SYSTEMS: [(&str, &str); 7] = [
    ("iPhone", "iOS"),
    ("iPad", "iPadOS"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Mac OS X", "macOS"),
    ("Linux", "Linux"),
];

/// Unrecognised user agents are shown cut to this many characters.
const RAW_CHARS: usize = 60;

/// The browser's `navigator.userAgent`; empty when it will not say.
pub fn user_agent() -> String {
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &"navigator".into())
        .and_then(|navigator| js_sys::Reflect::get(&navigator, &"userAgent".into()))
        .ok()
        .and_then(|agent| agent.as_string())
        .unwrap_or_default()
}

/// What the visitor reads about their browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    /// A browser we recognise with its major version ("Chrome 126"), and its operating
    /// system when we recognise that too.
    Known { browser: String, system: Option<&'static str> },
    /// The start of a user agent we do not recognise.
    Raw(String),
    /// The browser does not say.
    Unknown,
}

impl Summary {
    /// "Chrome 126 on Windows", "Firefox 128", "Not known", in the visitor's language.
    pub fn text(&self) -> String {
        match self {
            Self::Known { browser, system: Some(system) } => {
                t_with("ticket-browser-on-system", &[("browser", browser.into()), ("system", (*system).into())])
            }
            Self::Known { browser, system: None } | Self::Raw(browser) => browser.clone(),
            Self::Unknown => t("ticket-browser-unknown"),
        }
    }
}

/// Chrome 126 on Windows, Safari 17 on iOS, Firefox 128; the start of the raw string
/// when no browser is recognised.
pub fn summary(user_agent: &str) -> Summary {
    let browser = BROWSERS
        .iter()
        .find_map(|(token, name)| major_version_after(user_agent, token).map(|version| format!("{name} {version}")));
    let system = SYSTEMS.iter().find(|(token, _)| user_agent.contains(token)).map(|(_, name)| *name);
    match browser {
        Some(browser) => Summary::Known { browser, system },
        None if user_agent.trim().is_empty() => Summary::Unknown,
        None => Summary::Raw(user_agent.trim().chars().take(RAW_CHARS).collect()),
    }
}

/// The digits right after `token`, if it occurs and a number follows.
fn major_version_after<'a>(user_agent: &'a str, token: &str) -> Option<&'a str> {
    let rest = &user_agent[user_agent.find(token)? + token.len()..];
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    (digits > 0).then(|| &rest[..digits])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_browsers_get_a_short_name() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                      Chrome/126.0.0.0 Safari/537.36";
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                    Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87";
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        let safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) \
                       Chrome/126.0.6478.122 Mobile Safari/537.36";
        let known = |browser: &str, system| Summary::Known { browser: browser.to_owned(), system };
        assert_eq!(summary(chrome), known("Chrome 126", Some("Windows")));
        assert_eq!(summary(edge), known("Edge 126", Some("Windows")));
        assert_eq!(summary(firefox), known("Firefox 128", Some("Linux")));
        assert_eq!(summary(safari), known("Safari 17", Some("iOS")));
        assert_eq!(summary(android), known("Chrome 126", Some("Android")));
        assert_eq!(summary("Firefox/128.0"), known("Firefox 128", None));
    }

    #[test]
    fn unknown_agents_show_their_start() {
        let raw = |text: &str| Summary::Raw(text.to_owned());
        assert_eq!(summary(""), Summary::Unknown);
        assert_eq!(summary("curl/8.5.0"), raw("curl/8.5.0"));
        assert_eq!(summary(&"x".repeat(200)), raw(&"x".repeat(RAW_CHARS)));
        assert_eq!(summary("Something Version/ Safari"), raw("Something Version/ Safari"));
    }
}
