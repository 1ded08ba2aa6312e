//! What the iframe's address says: which workspace to join (`app_id`), which page
//! embeds the messenger (`host`), and whether the host asked to start over with a new
//! visitor (`reset=1`, after `Helpline('reset')`), as in
//! `/messenger?app_id=APP&host=HOST_ORIGIN`.

use leptos::prelude::window;
use web_sys::{Url, UrlSearchParams};

/// The messenger's launch parameters.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The workspace's public app id; never empty.
    pub app_id: String,
    /// The host page's origin, normalised (`https://example.com`). `None` when it is
    /// missing or not an http(s) origin; the messenger then talks to no parent at all.
    pub host_origin: Option<String>,
    /// The host called `Helpline('reset')`: forget this browser's visitor first.
    pub reset: bool,
}

impl Launch {
    /// Reads the parameters from `location.search`; `None` when there is no app id.
    pub fn from_location() -> Option<Self> {
        let params = search_params()?;
        let app_id = params.get("app_id").map(|value| value.trim().to_owned()).filter(|value| !value.is_empty())?;
        let host_origin = params.get("host").as_deref().and_then(origin_of);
        let reset = params.get("reset").as_deref() == Some("1");
        Some(Self { app_id, host_origin, reset })
    }
}

/// The `host` parameter alone, for when the app id is missing.
pub fn host_origin_from_location() -> Option<String> {
    search_params()?.get("host").as_deref().and_then(origin_of)
}

fn search_params() -> Option<UrlSearchParams> {
    let search = window().location().search().ok()?;
    UrlSearchParams::new_with_str(&search).ok()
}

/// The origin of an http(s) URL, in the form `MessageEvent.origin` uses, so the two
/// compare as plain strings.
fn origin_of(value: &str) -> Option<String> {
    let url = Url::new(value).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.origin())
}
