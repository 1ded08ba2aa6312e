//! The console's refusals in the language its requests ask for (`Accept-Language`,
//! which the console sets to the language it speaks): a brand colour, an article, an
//! agent's capacity, a report's dates, a saved reply's shortcut and variables, and
//! overlapping business hours are refused in German when asked in German and in
//! English otherwise, and so is the messenger's page for a workspace that does not
//! exist, whose `lang` says which it is.

use e2e::{ADMIN_EMAIL, AgentClient, Backend, TestApp};
use protocol::ErrorBody;
use protocol::limits::CSRF_HEADER;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A console request by `agent`, in `language` when given.
async fn send(
    app: &TestApp,
    agent: &AgentClient,
    language: Option<&str>,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = agent.http.request(method, app.url(path)).header(CSRF_HEADER, &agent.session.csrf_token);
    if let Some(language) = language {
        request = request.header("accept-language", language);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("console request")
}

/// The refusal's body, after checking its status.
async fn refused(response: reqwest::Response, status: StatusCode) -> ErrorBody {
    assert_eq!(response.status(), status);
    response.json().await.expect("error body")
}

/// The message the refusal gives `field`.
fn field<'a>(body: &'a ErrorBody, name: &str) -> &'a str {
    body.fields
        .iter()
        .find(|field| field.field == name)
        .map(|field| field.message.as_str())
        .unwrap_or_else(|| panic!("no message for {name} in {body:?}"))
}

/// The refusals this file checks, with the messages they get in one language.
struct Expected {
    brand_colour: &'static str,
    title_too_long: &'static str,
    slug_taken: &'static str,
    capacity: &'static str,
    report_too_long: &'static str,
    shortcut_taken: &'static str,
    shortcut_characters: &'static str,
    unknown_variable: &'static str,
    overlapping_hours: &'static str,
    lang: &'static str,
    no_workspace: &'static str,
}

/// Sends every refusal in `language` to a new workspace and compares its words.
async fn refusals_read(language: Option<&str>, expected: Expected) {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let admin = app.login(ADMIN_EMAIL).await;

    let appearance = json!({ "default_locale": "de", "theme": "auto", "brand_color": "red" });
    let response = send(&app, &admin, language, Method::PUT, "/api/v1/workspace/appearance", Some(appearance)).await;
    let body = refused(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(field(&body, "brand_color"), expected.brand_colour);

    let long_title = json!({ "title": "x".repeat(201), "body": "x", "status": "draft" });
    let response = send(&app, &admin, language, Method::POST, "/api/v1/articles", Some(long_title)).await;
    assert_eq!(refused(response, StatusCode::BAD_REQUEST).await.message, expected.title_too_long);
    let article = json!({ "title": "How do I get a refund?", "body": "x", "status": "draft" });
    let first = send(&app, &admin, language, Method::POST, "/api/v1/articles", Some(article.clone())).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = send(&app, &admin, language, Method::POST, "/api/v1/articles", Some(article)).await;
    assert_eq!(refused(again, StatusCode::CONFLICT).await.message, expected.slug_taken);

    let path = format!("/api/v1/agents/{}", admin.session.agent.id);
    let response = send(&app, &admin, language, Method::PATCH, &path, Some(json!({ "capacity": 101 }))).await;
    let body = refused(response, StatusCode::BAD_REQUEST).await;
    assert_eq!((body.message.as_str(), field(&body, "capacity")), (expected.capacity, expected.capacity));

    let path = "/api/v1/reports?from=2026-01-01&to=2027-01-02";
    let body = refused(send(&app, &admin, language, Method::GET, path, None).await, StatusCode::BAD_REQUEST).await;
    assert_eq!(field(&body, "to"), expected.report_too_long);

    let reply = json!({ "shortcut": "/refund", "title": "Refund", "body": "Refunded." });
    let first = send(&app, &admin, language, Method::POST, "/api/v1/saved-replies", Some(reply.clone())).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let again = send(&app, &admin, language, Method::POST, "/api/v1/saved-replies", Some(reply)).await;
    assert_eq!(refused(again, StatusCode::CONFLICT).await.message, expected.shortcut_taken);
    let bad = json!({ "shortcut": "Refund!", "title": "Refund", "body": "Hi {{customer.name}}" });
    let body = refused(
        send(&app, &admin, language, Method::POST, "/api/v1/saved-replies", Some(bad)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(field(&body, "shortcut"), expected.shortcut_characters);
    assert!(field(&body, "body").starts_with(expected.unknown_variable), "{body:?}");

    let weekly = ["09:00-12:00,11:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""];
    let hours =
        json!({ "time_zone": "Europe/Berlin", "weekly": weekly, "holidays": [], "reminder_days": 3, "close_days": 7 });
    let response = send(&app, &admin, language, Method::PUT, "/api/v1/workspace/support", Some(hours)).await;
    let body = refused(response, StatusCode::BAD_REQUEST).await;
    assert_eq!(field(&body, "weekly.0"), expected.overlapping_hours);

    // The messenger's page for an app id no workspace has, as a browser asks for it.
    let mut page = reqwest::Client::new().get(app.url("/messenger?app_id=nobody&host=https://host.example"));
    if let Some(language) = language {
        page = page.header("accept-language", language);
    }
    let page = page.send().await.expect("messenger page");
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let html = page.text().await.expect("html");
    assert!(html.contains(expected.lang), "{html}");
    assert!(html.contains(expected.no_workspace), "{html}");
}

#[tokio::test]
async fn console_refusals_asked_in_german_are_german() {
    refusals_read(
        Some("de-DE,de;q=0.9,en;q=0.5"),
        Expected {
            brand_colour: "schreiben Sie die Farbe als #rrggbb, zum Beispiel #0b7285",
            title_too_long: "ein Titel hat 1 bis 200 Zeichen",
            slug_taken: "ein anderer Artikel verwendet den Slug „how-do-i-get-a-refund“ bereits",
            capacity: "die Kapazität liegt zwischen 0 und 100 offenen Chats",
            report_too_long: "ein Bericht umfasst höchstens 366 Tage; dieser Zeitraum hat 367",
            shortcut_taken: "eine andere gespeicherte Antwort verwendet das Kürzel /refund bereits",
            shortcut_characters: "verwenden Sie im Kürzel nur Kleinbuchstaben, Ziffern, - und _, etwa refund-policy",
            unknown_variable: "{{customer.name}} ist keine Variable; verwenden Sie {{visitor.name}}",
            overlapping_hours: "Montag: die Öffnungszeiten 09:00-12:00 und 11:00-17:00 überschneiden sich",
            lang: "<html lang=\"de\" dir=\"ltr\">",
            no_workspace: "Es gibt keinen Arbeitsbereich mit dieser App-ID.",
        },
    )
    .await;
}

#[tokio::test]
async fn console_refusals_asked_in_no_language_are_english() {
    refusals_read(
        None,
        Expected {
            brand_colour: "write the colour as #rrggbb, for example #0b7285",
            title_too_long: "a title has 1 to 200 characters",
            slug_taken: "another article already uses the slug \"how-do-i-get-a-refund\"",
            capacity: "capacity is 0 to 100 open chats",
            report_too_long: "a report covers at most 366 days; this range has 367",
            shortcut_taken: "another saved reply already uses the shortcut /refund",
            shortcut_characters: "use only lowercase letters, digits, - and _ in a shortcut, such as refund-policy",
            unknown_variable: "{{customer.name}} is not a variable; use {{visitor.name}}",
            overlapping_hours: "Monday: opening hours 09:00-12:00 and 11:00-17:00 overlap",
            lang: "<html lang=\"en\" dir=\"ltr\">",
            no_workspace: "There is no workspace with this app id.",
        },
    )
    .await;
}
