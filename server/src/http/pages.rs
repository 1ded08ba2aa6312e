//! The HTML documents the server renders: the messenger (inside the host page's
//! iframe), the agent console, and the demo host page, compressed for browsers that
//! accept brotli or gzip.

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::header::{ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_SECURITY_POLICY, COOKIE, HOST};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use protocol::api::Theme;
use protocol::brand::{MessengerLook, Palette};
use protocol::limits::CONSOLE_LOCALE_COOKIE;
use serde::Deserialize;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::assets::Assets;
use crate::language::say;
use crate::origin::Origin;
use crate::state::AppState;

/// How hard the documents are compressed: each is made per request, and brotli at 4
/// takes the messenger's (mostly its language catalog) from about 12 kB to 4 kB in well
/// under a millisecond; the highest levels cost tens of milliseconds for little more.
const DOCUMENT_QUALITY: CompressionLevel = CompressionLevel::Precise(4);

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(root))
        .route("/messenger", get(messenger))
        // Every console address gets the same document; the console reads the path and
        // shows the page, or its own "not found". Assets are named by absolute paths,
        // so they resolve from any depth.
        .route("/console", get(console))
        .route("/console/", get(console))
        .route("/console/{*address}", get(console))
        .route("/demo", get(demo))
        .layer(CompressionLayer::new().br(true).gzip(true).quality(DOCUMENT_QUALITY))
}

async fn root(State(state): State<AppState>) -> Redirect {
    if state.demo_app_id.is_some() { Redirect::to("/demo") } else { Redirect::to("/console") }
}

#[derive(Debug, Deserialize)]
struct MessengerQuery {
    app_id: String,
    /// The origin of the host page, where the loader runs.
    host: String,
    /// The language the host asked for (`Helpline('boot' | 'identify', { locale })`).
    #[serde(default)]
    locale: Option<String>,
}

/// The messenger document. Only origins the workspace allows may frame it
/// (`frame-ancestors`), and the host it will talk to must be one of them.
async fn messenger(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<MessengerQuery>, QueryRejection>,
) -> Response {
    let Ok(Query(query)) = query else {
        return page_error(StatusCode::BAD_REQUEST, "The messenger needs app_id and host.");
    };
    let refuse = |status, message: &str| messenger_refused(crate::language::current(), status, message, &query.host);
    let workspace = match state.store.workspace_by_app_id(&query.app_id).await {
        Ok(Some(workspace)) => workspace,
        Ok(None) => return refuse(StatusCode::NOT_FOUND, &say("messenger-no-workspace")),
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "load workspace for messenger");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, &say("messenger-internal"));
        }
    };
    let host_allowed = Origin::parse(&query.host)
        .is_ok_and(|host| workspace.allowed_origins.iter().any(|allowed| allowed == host.as_str()));
    if !host_allowed {
        return refuse(StatusCode::FORBIDDEN, &say("messenger-not-allowed"));
    }
    if !state.assets.is_built() {
        // For whoever runs the server, so in English.
        return messenger_refused(i18n::Locale::En, StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT, &query.host);
    }
    let appearance = match state.store.appearance(workspace.id).await {
        Ok(appearance) => appearance,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "load workspace appearance for messenger");
            return refuse(StatusCode::INTERNAL_SERVER_ERROR, &say("messenger-internal"));
        }
    };
    let browser = headers.get(ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let locale = i18n::negotiate(query.locale.as_deref().into_iter().chain(i18n::accept_language(browser)))
        .unwrap_or(appearance.default_locale);
    let ancestors = workspace.allowed_origins.join(" ");
    let csp = format!("{APP_CSP} frame-ancestors {ancestors}");
    let logo = match state.store.logo_digest(workspace.id).await {
        Ok(digest) => digest.map(|digest| super::appearance::logo_path(&workspace.app_id, &digest)),
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "load workspace logo for messenger");
            None
        }
    };
    let look = data_block(&messenger_look(&appearance, locale, logo));
    let document = Document {
        title: "Support messenger",
        locale,
        theme: appearance.theme,
        catalog: Some(catalog(i18n::Domain::Messenger, locale)),
        look: Some(&look),
        app: "widget",
        assets: &state.assets,
    };
    with_csp(document.render(), &csp)
}

/// The agent console, at `/console` and every path under it, in the language the agent
/// picked (the console keeps it in a cookie), else the browser's, else English.
async fn console(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !state.assets.is_built() {
        return not_built();
    }
    let locale = console_locale(&headers);
    let csp = format!("{APP_CSP} frame-ancestors 'none'");
    let document = Document {
        title: &console_title(locale),
        locale,
        theme: Theme::Auto,
        catalog: Some(catalog(i18n::Domain::Console, locale)),
        look: None,
        app: "console",
        assets: &state.assets,
    };
    with_csp(document.render(), &csp)
}

/// The console's language: the agent's pick (`CONSOLE_LOCALE_COOKIE`), then the
/// browser's `Accept-Language`, then English.
fn console_locale(headers: &HeaderMap) -> i18n::Locale {
    let picked = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == CONSOLE_LOCALE_COOKIE)
        .map(|(_, value)| value);
    let browser = headers.get(ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok()).unwrap_or_default();
    i18n::negotiate(picked.chain(i18n::accept_language(browser))).unwrap_or(i18n::Locale::En)
}

/// A host page for trying Helpline: an imaginary product with the real snippet.
async fn demo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(app_id) = state.demo_app_id.as_deref() else {
        return page_error(StatusCode::NOT_FOUND, "The demo is off. Start the server with --demo.");
    };
    let server = match (&state.public_origin, headers.get(HOST).and_then(|h| h.to_str().ok())) {
        (Some(origin), _) => origin.to_string(),
        (None, Some(host)) => format!("http://{host}"),
        (None, None) => return page_error(StatusCode::BAD_REQUEST, "The request has no Host header."),
    };
    // The snippet as the console shows it, with the workspace's look for the launcher.
    let appearance = match state.store.workspace_by_app_id(app_id).await {
        Ok(Some(workspace)) => state.store.appearance(workspace.id).await.map(Some),
        Ok(None) => Ok(None),
        Err(error) => Err(error),
    };
    // Without it the launcher is Helpline blue until the messenger has run once.
    let appearance = appearance.unwrap_or_else(|error| {
        tracing::warn!(error = format!("{error:#}"), "the demo page's snippet goes without the workspace's look");
        None
    });
    let look = appearance.map(|appearance| protocol::brand::launcher_look(appearance.brand, appearance.position));
    let look = look.map(|look| format!(r#" data-look="{}""#, escape(&look))).unwrap_or_default();
    let snippet = format!(
        r#"<script src="{}/helpline.js" data-app-id="{}"{look} async></script>"#,
        escape(&server),
        escape(app_id)
    );
    Html(DEMO_PAGE.replace("{{SNIPPET}}", &snippet).replace("{{SNIPPET_TEXT}}", &escape(&snippet))).into_response()
}

/// The workspace's look for the messenger in `locale`: its palette, the launcher's side,
/// its own words in that language where it wrote any, and its logo's address.
fn messenger_look(appearance: &crate::store::Appearance, locale: i18n::Locale, logo: Option<String>) -> MessengerLook {
    let texts = appearance.texts_in(locale);
    let own =
        |pick: fn(&crate::store::LocaleTexts) -> &String| texts.map(pick).filter(|text| !text.is_empty()).cloned();
    MessengerLook {
        palette: Palette::from_brand(appearance.brand),
        position: appearance.position,
        launcher_label: own(|texts| &texts.launcher_label),
        greeting: own(|texts| &texts.greeting),
        away_message: own(|texts| &texts.away_message),
        logo,
    }
}

/// JSON that can sit in an HTML data block: `<` is escaped, so no text in it can end
/// the element.
fn data_block(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned()).replace('<', "\\u003c")
}

/// The console's title in `locale` (the console keeps it, with the count of chats
/// waiting in front, once it runs).
fn console_title(locale: i18n::Locale) -> String {
    i18n::shipped(i18n::Domain::Console, locale).text("console-title")
}

/// An app's catalog in `locale`, compiled for the browser once per process. A test of
/// the i18n crate compiles every shipped catalog, so the empty fallback (every text
/// shows its message id) is for a broken build only, and says so in the log.
fn catalog(domain: i18n::Domain, locale: i18n::Locale) -> &'static str {
    type Compiled = Vec<(i18n::Domain, i18n::Locale, String)>;
    static COMPILED: std::sync::LazyLock<Compiled> = std::sync::LazyLock::new(|| {
        // The mail catalog is formatted on the server and never sent to a browser.
        [i18n::Domain::Messenger, i18n::Domain::Console]
            .into_iter()
            .flat_map(|domain| i18n::Locale::ALL.into_iter().map(move |locale| (domain, locale)))
            .map(|(domain, locale)| {
                let json = i18n::browser_catalog(domain, locale).unwrap_or_else(|error| {
                    tracing::error!(domain = domain.name(), %locale, %error, "a catalog does not compile");
                    "{}".to_owned()
                });
                (domain, locale, json)
            })
            .collect()
    });
    COMPILED
        .iter()
        .find(|(compiled_domain, compiled_locale, _)| *compiled_domain == domain && *compiled_locale == locale)
        .map_or("{}", |(_, _, json)| json.as_str())
}

/// The policy of the documents that run our WebAssembly: our own scripts and styles
/// only, no inline code, network only to ourselves. Images may come from any https
/// origin, because help articles show screenshots hosted wherever their authors keep
/// them, and from `blob:`, because the messenger shows a conversation's pictures from
/// the bytes it fetched with the visitor's token; an image cannot run code.
const APP_CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     connect-src 'self'; img-src 'self' data: blob: https:; font-src 'self'; base-uri 'none'; form-action 'none';";

/// A document that runs one of our WebAssembly apps.
struct Document<'a> {
    title: &'a str,
    /// Its language and direction, on `<html>` before the first paint.
    locale: i18n::Locale,
    /// `light` or `dark` forces the colours; `auto` leaves them to the visitor's system.
    theme: Theme,
    /// The app's catalog in `locale`, compiled for the browser (JSON with `<` escaped),
    /// carried in the document as a data block that never runs (so the CSP allows it)
    /// for the app to read.
    catalog: Option<&'static str>,
    /// The workspace's look ([`MessengerLook`]), as JSON in a data block like the catalog.
    look: Option<&'a str>,
    /// Whose assets it loads: `widget` or `console`.
    app: &'static str,
    assets: &'a Assets,
}

impl Document<'_> {
    fn render(&self) -> String {
        let theme = match self.theme {
            Theme::Auto => String::new(),
            forced => format!(" data-theme=\"{}\"", forced.as_str()),
        };
        let catalog = self
            .catalog
            .map(|json| format!("<script type=\"application/json\" id=\"helpline-catalog\">{json}</script>"))
            .unwrap_or_default();
        let look = self
            .look
            .map(|json| format!("<script type=\"application/json\" id=\"helpline-look\">{json}</script>"))
            .unwrap_or_default();
        let asset = |suffix: &str| escape(&self.assets.url(&format!("{}{suffix}", self.app)));
        // The boot script imports the glue, the glue imports the split link script, and
        // only then does it fetch the WebAssembly: three round trips one after another.
        // Announcing all of them here fetches them side by side while the page parses
        // (on a 150 ms link, about half a second sooner). The wasm's preload matches the
        // glue's `fetch` (CORS, same-origin credentials), so the browser uses it.
        format!(
            "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\"{theme}><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
             <title>{title}</title><link rel=\"stylesheet\" href=\"{css}\">\
             <link rel=\"modulepreload\" href=\"{glue}\"><link rel=\"modulepreload\" href=\"{link}\">\
             <link rel=\"preload\" href=\"{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
             <script type=\"module\" src=\"{boot}\"></script>{catalog}{look}</head><body></body></html>\n",
            lang = self.locale.tag(),
            dir = self.locale.dir().as_str(),
            title = escape(self.title),
            css = asset(".css"),
            glue = asset(".js"),
            link = asset("-split.js"),
            wasm = asset(".wasm"),
            boot = asset("-boot.js"),
        )
    }
}

pub(in crate::http) fn with_csp(body: String, csp: &str) -> Response {
    let mut response = Html(body).into_response();
    if let Ok(value) = HeaderValue::from_str(csp) {
        response.headers_mut().insert(CONTENT_SECURITY_POLICY, value);
    }
    // The documents name hashed assets, so they must be revalidated to pick up a new build.
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// A plain page for a person who followed a link from mail (an invitation, an address
/// to confirm): `main` under `title`, in `locale`, posting forms only to Helpline.
pub(in crate::http) fn link_page(locale: i18n::Locale, status: StatusCode, title: &str, main: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{title}</title>\
         </head><body><main>{main}</main></body></html>\n",
        lang = locale.tag(),
        dir = locale.dir().as_str(),
        title = escape(title),
    );
    let csp = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    let mut response = with_csp(body, csp);
    *response.status_mut() = status;
    response
}

const NOT_BUILT: &str = "The widget and console were not built into this binary. Run `cargo xtask dist`, then rebuild.";

fn not_built() -> Response {
    page_error(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT)
}

/// A page for whoever embeds or runs Helpline (a missing query field, a binary built
/// without its apps): in English.
fn page_error(status: StatusCode, message: &str) -> Response {
    (status, Html(error_document(i18n::Locale::En, message, ""))).into_response()
}

/// A messenger that cannot run for this host: the frame shows why, and tells the loader
/// (`refused`) that this is the server's answer, so the loader does not call the server
/// unreachable later. The message goes only to the origin the loader named. The page
/// declares the language of its message (`locale`): for the person looking at the host
/// page, the request's (`crate::language`).
fn messenger_refused(locale: i18n::Locale, status: StatusCode, message: &str, host: &str) -> Response {
    let script = Origin::parse(host)
        .ok()
        .and_then(|host| serde_json::to_string(host.as_str()).ok())
        .map(|target| format!("<script>parent.postMessage({{helpline:1,type:\"refused\"}},{target})</script>"))
        .unwrap_or_default();
    (status, Html(error_document(locale, message, &script))).into_response()
}

fn error_document(locale: i18n::Locale, message: &str, script: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>Helpline</title>\
         {script}</head><body><p role=\"alert\">{}</p></body></html>\n",
        escape(message),
        lang = locale.tag(),
        dir = locale.dir().as_str(),
    )
}

/// Escapes text for HTML content and double-quoted attributes.
pub(in crate::http) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const DEMO_PAGE: &str = include_str!("demo.html");

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(axum::http::HeaderName, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(name, value)| (name.clone(), HeaderValue::from_static(value))).collect()
    }

    #[test]
    fn the_console_speaks_the_agents_pick_then_the_browsers_language_then_english() {
        use i18n::Locale;
        let picked = headers(&[(COOKIE, "theme=x; helpline_console_locale=ar"), (ACCEPT_LANGUAGE, "de")]);
        assert_eq!(console_locale(&picked), Locale::Ar);
        assert_eq!(console_locale(&headers(&[(ACCEPT_LANGUAGE, "fr, es;q=0.8")])), Locale::Es);
        let unknown_pick = headers(&[(COOKIE, "helpline_console_locale=fr"), (ACCEPT_LANGUAGE, "de-AT")]);
        assert_eq!(console_locale(&unknown_pick), Locale::De);
        assert_eq!(console_locale(&headers(&[(COOKIE, "helpline_console_locale=")])), Locale::En);
        assert_eq!(console_locale(&HeaderMap::new()), Locale::En);
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(escape(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
