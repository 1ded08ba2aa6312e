//! The messenger's language and colours at the boundary: the document the server renders
//! speaks the host's language, else the browser's, else the workspace's default, with
//! `lang`, `dir`, the theme and that language's catalog in it; admins set the default
//! and the theme, and nothing else is accepted, on both databases.

use e2e::{AgentClient, Backend, HOST_ORIGIN, TestApp};
use i18n::{Domain, Locale};
use protocol::ErrorBody;
use protocol::api::{Appearance, LocaleTexts, Theme};
use protocol::brand::{LauncherPosition, MessengerLook};
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

/// An appearance with Helpline's own brand and words.
fn plain(locale: &str, theme: Theme) -> Appearance {
    Appearance {
        default_locale: locale.to_owned(),
        theme,
        brand_color: "#3b5bdb".to_owned(),
        launcher_position: LauncherPosition::Right,
        texts: Vec::new(),
        logo: None,
    }
}

/// The workspace's look in a messenger document (`<script … id="helpline-look">`).
fn look(document: &str) -> MessengerLook {
    let start = document.find(r#"id="helpline-look">"#).expect("a look block") + r#"id="helpline-look">"#.len();
    let end = start + document[start..].find("</script>").expect("the block ends");
    serde_json::from_str(&document[start..end]).expect("the look is JSON")
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
    assert_eq!(saved, plain("ar", Theme::Dark));

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
    assert_eq!(unchanged, plain("en", Theme::Auto));
    speaks(&messenger(&app, "fr", None).await, Locale::En);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_brand_colour_side_and_words_reach_the_messenger_document_in_its_language(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let before = look(&messenger(&app, "de", None).await);
    assert_eq!((before.palette.brand.as_str(), before.position), ("#3b5bdb", LauncherPosition::Right));
    assert_eq!((before.launcher_label, before.greeting, before.away_message), (None, None, None));

    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let body = json!({
        "default_locale": "en", "theme": "auto", "brand_color": "#FFD43B", "launcher_position": "left",
        "texts": [
            { "locale": "de", "launcher_label": " Hilfe & Kontakt ", "greeting": "Hallo!\nWie können wir helfen?",
              "away_message": "" },
            { "locale": "es", "launcher_label": "", "greeting": "", "away_message": "" },
        ],
    });
    let saved = put_appearance(&admin, &app, body).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Appearance = saved.json().await.expect("appearance");
    assert_eq!(saved.brand_color, "#ffd43b", "stored lower case");
    let german = LocaleTexts {
        locale: "de".to_owned(),
        launcher_label: "Hilfe & Kontakt".to_owned(),
        greeting: "Hallo!\nWie können wir helfen?".to_owned(),
        away_message: String::new(),
    };
    assert_eq!(saved.texts, [german], "trimmed, and the empty Spanish entry dropped");

    // The German document carries the German words; markup in them cannot end its block.
    let document = messenger(&app, "de", None).await;
    let german = look(&document);
    assert_eq!(german.palette.brand, "#ffd43b");
    assert_eq!(german.palette.on_brand, "#000000", "black is the readable text on light yellow");
    assert_eq!(german.position, LauncherPosition::Left);
    assert_eq!(german.launcher_label.as_deref(), Some("Hilfe & Kontakt"));
    assert_eq!(german.greeting.as_deref(), Some("Hallo!\nWie können wir helfen?"));
    assert_eq!(german.away_message, None, "an empty field keeps the messenger's own words");
    // The Spanish one has the brand but Helpline's words.
    let spanish = look(&messenger(&app, "es", None).await);
    assert_eq!((spanish.palette.brand.as_str(), spanish.launcher_label), ("#ffd43b", None));
    // The console's snippet carries the launcher's look, for a visitor's first page.
    let workspace: protocol::api::Workspace =
        admin.http.get(app.url("/api/v1/workspace")).send().await.expect("get").json().await.expect("workspace");
    assert_eq!(workspace.launcher_look, "#ffd43b #000000 left");

    let script = json!({ "default_locale": "en", "theme": "auto",
        "texts": [{ "locale": "en", "greeting": "</script><script>alert(1)</script>" }] });
    assert_eq!(put_appearance(&admin, &app, script).await.status(), StatusCode::OK);
    let document = messenger(&app, "en", None).await;
    assert!(!document.contains("<script>alert(1)"), "the greeting cannot end the data block");
    assert_eq!(look(&document).greeting.as_deref(), Some("</script><script>alert(1)</script>"));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_wrong_colour_language_or_text_is_refused_field_by_field_and_changes_nothing(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let body = json!({
        "default_locale": "en", "theme": "auto", "brand_color": "yellow",
        "texts": [
            { "locale": "de", "launcher_label": "x".repeat(41) },
            { "locale": "fr", "greeting": "Bonjour" },
            { "locale": "es", "away_message": "a".repeat(301) },
            { "locale": "de", "greeting": "again" },
            { "locale": "ar", "launcher_label": "two\nlines" },
        ],
    });
    let refused = put_appearance(&admin, &app, body).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json().await.expect("a JSON error body");
    let fields: Vec<&str> = error.fields.iter().map(|field| field.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "brand_color",
            "texts.0.launcher_label",
            "texts.1.locale",
            "texts.2.away_message",
            "texts.3.locale",
            "texts.4.launcher_label"
        ]
    );
    let position =
        put_appearance(&admin, &app, json!({ "default_locale": "en", "theme": "auto", "launcher_position": "top" }));
    assert!(position.await.status().is_client_error());
    let unchanged: Appearance =
        admin.http.get(app.url("/api/v1/workspace/appearance")).send().await.expect("get").json().await.expect("json");
    assert_eq!(unchanged, plain("en", Theme::Auto));
}

/// A small PNG made here: a 40×20 logo in the brand's yellow.
fn logo_png() -> Vec<u8> {
    let image = image::RgbImage::from_pixel(40, 20, image::Rgb([0xff, 0xd4, 0x3b]));
    let mut png = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).expect("encode png");
    png
}

async fn put_logo(client: &AgentClient, app: &TestApp, bytes: Vec<u8>) -> reqwest::Response {
    client
        .http
        .put(app.url("/api/v1/workspace/logo"))
        .header(CSRF_HEADER, &client.session.csrf_token)
        .body(bytes)
        .send()
        .await
        .expect("put logo")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_admins_logo_is_in_the_messenger_document_and_served_for_good_and_nothing_else_is_a_logo(
    #[case] backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    assert_eq!(look(&messenger(&app, "en", None).await).logo, None);

    // Not an image, script in an SVG, an HTML page, too large, or not an admin: refused,
    // nothing stored.
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#.to_vec();
    for (bytes, status) in [
        (b"%PDF-1.4 not a logo".to_vec(), StatusCode::BAD_REQUEST),
        (svg, StatusCode::BAD_REQUEST),
        (b"<html><script>alert(1)</script></html>".to_vec(), StatusCode::BAD_REQUEST),
        (Vec::new(), StatusCode::BAD_REQUEST),
        (vec![0x89; 256 * 1024 + 1], StatusCode::PAYLOAD_TOO_LARGE),
    ] {
        let refused = put_logo(&admin, &app, bytes).await;
        assert_eq!(refused.status(), status);
        if status == StatusCode::BAD_REQUEST {
            let error: ErrorBody = refused.json().await.expect("a JSON error body");
            assert_eq!(error.fields[0].field, "logo", "{error:?}");
        }
    }
    assert_eq!(put_logo(&agent, &app, logo_png()).await.status(), StatusCode::FORBIDDEN);
    assert_eq!(look(&messenger(&app, "en", None).await).logo, None, "nothing refused was stored");

    let saved = put_logo(&admin, &app, logo_png()).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Appearance = saved.json().await.expect("appearance");
    let path = saved.logo.expect("the logo's address");
    assert!(path.starts_with(&format!("/messenger/logo/{}/", app.workspace.app_id)), "{path}");
    assert_eq!(look(&messenger(&app, "de", None).await).logo.as_deref(), Some(path.as_str()));

    // Anyone may load it (the messenger runs on host pages), for good, and only as an image.
    let served = reqwest::get(app.url(&path)).await.expect("logo");
    assert_eq!(served.status(), StatusCode::OK);
    let header = |name: &str| served.headers().get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
    assert_eq!(header("content-type").as_deref(), Some("image/png"));
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));
    assert_eq!(header("content-security-policy").as_deref(), Some("sandbox"));
    assert!(header("cache-control").is_some_and(|cache| cache.contains("immutable")));
    let bytes = served.bytes().await.expect("bytes");
    assert_eq!(image::load_from_memory(&bytes).expect("a PNG").width(), 40);
    let (base, _) = path.rsplit_once('/').expect("a digest");
    for wrong in
        [format!("{base}/0000"), format!("/messenger/logo/app_nobody/{}", path.rsplit('/').next().unwrap_or(""))]
    {
        assert_eq!(reqwest::get(app.url(&wrong)).await.expect("logo").status(), StatusCode::NOT_FOUND, "{wrong}");
    }

    // Removed: the document has none, and the old address is gone.
    let removed = admin
        .http
        .delete(app.url("/api/v1/workspace/logo"))
        .header(CSRF_HEADER, &admin.session.csrf_token)
        .send()
        .await
        .expect("delete logo");
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(look(&messenger(&app, "en", None).await).logo, None);
    assert_eq!(reqwest::get(app.url(&path)).await.expect("logo").status(), StatusCode::NOT_FOUND);
}
