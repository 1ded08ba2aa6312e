//! The messenger's language and colours at the boundary: the document the server renders
//! speaks the host's language, else the browser's, else the workspace's default, with
//! `lang`, `dir`, the theme and that language's catalog in it; admins set the default
//! and the theme, and nothing else is accepted, on both databases.

use e2e::{AgentClient, Backend, HOST_ORIGIN, TestApp};
use i18n::{Domain, Locale};
use protocol::ErrorBody;
use protocol::api::{Appearance, Theme};
use protocol::limits::CSRF_HEADER;
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

/// The messenger document for a browser asking for `languages`, with the host's
/// `locale` when given.
async fn messenger(app: &TestApp, languages: &str, locale: Option<&str>) -> String {
    let mut url = format!("/messenger?app_id={}&host={HOST_ORIGIN}", app.workspace.app_id);
    if let Some(locale) = locale {
        url.push_str(&format!("&locale={locale}"));
    }
    let page = reqwest::Client::new()
        .get(app.url(&url))
        .header("accept-language", languages)
        .send()
        .await
        .expect("messenger document");
    assert_eq!(page.status(), StatusCode::OK);
    page.text().await.expect("body")
}

/// The opening `<html …>` tag of a document.
fn html_tag(document: &str) -> &str {
    let start = document.find("<html").expect("an html element");
    let end = start + document[start..].find('>').expect("the tag ends");
    &document[start..=end]
}

fn speaks(document: &str, locale: Locale) {
    let dir = locale.dir().as_str();
    assert!(html_tag(document).contains(&format!(r#"lang="{locale}" dir="{dir}""#)), "{}", html_tag(document));
    let catalog = format!(
        r#"<script type="application/json" id="helpline-catalog">{}</script>"#,
        i18n::browser_catalog(Domain::Messenger, locale).expect("compiles")
    );
    assert!(document.contains(&catalog), "the {locale} catalog is in the document");
}

async fn put_appearance(client: &AgentClient, app: &TestApp, body: serde_json::Value) -> reqwest::Response {
    client
        .http
        .put(app.url("/api/v1/workspace/appearance"))
        .header(CSRF_HEADER, &client.session.csrf_token)
        .json(&body)
        .send()
        .await
        .expect("put appearance")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_messenger_speaks_the_hosts_then_the_browsers_then_the_workspaces_language(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // The browser's first language we ship, whatever its region or rank.
    speaks(&messenger(&app, "fr-FR, de-AT;q=0.8, en;q=0.5", None).await, Locale::De);
    speaks(&messenger(&app, "es-MX,es;q=0.9", None).await, Locale::Es);
    // The host's choice comes first.
    speaks(&messenger(&app, "de-DE", Some("ar-EG")).await, Locale::Ar);
    // A host locale we do not ship falls through to the browser's.
    speaks(&messenger(&app, "es", Some("fr")).await, Locale::Es);
    // Neither: the workspace's default, English until an admin changes it.
    let french = messenger(&app, "fr-FR, it;q=0.5", None).await;
    speaks(&french, Locale::En);
    assert!(!html_tag(&french).contains("data-theme"), "the theme follows the system by default");

    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let saved = put_appearance(&admin, &app, json!({ "default_locale": "ar", "theme": "dark" })).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Appearance = saved.json().await.expect("appearance");
    assert_eq!(saved, Appearance { default_locale: "ar".to_owned(), theme: Theme::Dark });

    let french = messenger(&app, "fr-FR", None).await;
    speaks(&french, Locale::Ar);
    assert!(html_tag(&french).contains(r#"data-theme="dark""#), "{}", html_tag(&french));
    // The browser's language still comes before the default.
    speaks(&messenger(&app, "en-GB", None).await, Locale::En);

    // Every agent can read it.
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let read: Appearance =
        agent.http.get(app.url("/api/v1/workspace/appearance")).send().await.expect("get").json().await.expect("json");
    assert_eq!(read, saved);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn only_admins_change_the_appearance_and_only_to_what_ships(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;
    for (body, field) in [
        (json!({ "default_locale": "fr", "theme": "light" }), Some("default_locale")),
        (json!({ "default_locale": "es-MX", "theme": "light" }), Some("default_locale")),
        (json!({ "default_locale": "", "theme": "light" }), Some("default_locale")),
        (json!({ "default_locale": "de", "theme": "purple" }), None),
        (json!({ "default_locale": "de" }), None),
        (json!({ "default_locale": 7, "theme": "dark" }), None),
    ] {
        let refused = put_appearance(&admin, &app, body.clone()).await;
        assert!(refused.status().is_client_error(), "{body}: {}", refused.status());
        let error: ErrorBody = refused.json().await.expect("a JSON error body");
        if let Some(field) = field {
            assert!(error.fields.iter().any(|refused| refused.field == field), "{body}: {error:?}");
        }
    }
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let forbidden = put_appearance(&agent, &app, json!({ "default_locale": "de", "theme": "dark" })).await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);

    // Nothing refused was stored.
    let unchanged: Appearance =
        admin.http.get(app.url("/api/v1/workspace/appearance")).send().await.expect("get").json().await.expect("json");
    assert_eq!(unchanged, Appearance { default_locale: "en".to_owned(), theme: Theme::Auto });
    speaks(&messenger(&app, "fr", None).await, Locale::En);
}
