//! Mail in the requester's language and time zone, on both databases, through a real
//! SMTP server: the messenger's "Email us" form says which language it spoke and the
//! visitor's time zone; the acknowledgement, an agent's reply, the satisfaction request
//! and the rating and confirmation pages then speak that language, with times in that
//! zone. Without them, the workspace's default language and its business hours' zone.
//! Malformed values are refused beside their field; values we do not know fall back.

use e2e::Backend;
use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{ADMIN_EMAIL, AGENT_EMAIL};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};

fn form(extra: Value) -> Value {
    let mut body = bug_report("priya.raman@example.com", "Export schlägt fehl");
    for (key, value) in extra.as_object().expect("an object") {
        body[key] = value.clone();
    }
    body
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_german_visitor_in_new_york_gets_german_mail_with_times_in_new_york(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    // The workspace works in Berlin; the visitor is in New York.
    let admin = app.login(ADMIN_EMAIL).await;
    let weekly = ["09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""];
    let hours =
        json!({ "time_zone": "Europe/Berlin", "weekly": weekly, "holidays": [], "reminder_days": 3, "close_days": 7 });
    let saved = agent_send(&app, &admin, reqwest::Method::PUT, "/api/v1/workspace/support", hours).await;
    assert_eq!(saved.status(), StatusCode::OK, "{}", saved.text().await.unwrap_or_default());
    let visitor = app.create_visitor().await;

    let extra = json!({ "locale": "de-DE", "time_zone": "America/New_York" });
    let response = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(extra)).await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, 1001).await;
    let due = detail.ticket.first_response_due_at.expect("a medium ticket owes a first response");
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.subject, "[#1001] Ihre Anfrage", "the address is not proven: nothing typed in the subject");
    assert!(ack.text.starts_with("Hallo,\n\nWir haben Ihre Anfrage #1001 an "), "{}", ack.text);
    let promise = format!("Wie es weitergeht: Wir möchten Ihnen bis {} antworten.", in_german(due, "America/New_York"));
    assert!(ack.text.contains(&promise), "expected «{promise}» in:\n{}", ack.text);
    assert!(!ack.text.contains("Europe/Berlin"), "the requester's zone, not the workspace's:\n{}", ack.text);
    // The confirmation link opens a page in German that asks before proving anything.
    let confirm = ack.text.lines().map(str::trim).find(|line| line.contains("/confirm/")).expect("a confirmation link");
    let page = reqwest::get(confirm).await.expect("open").text().await.expect("page");
    assert!(page.contains("<html lang=\"de\" dir=\"ltr\">"), "{page}");
    assert!(page.contains(">Meine Adresse bestätigen</button>"), "{page}");

    // An agent's reply and the satisfaction request speak German too; the rating page
    // the link opens asks in German.
    let reply = json!({ "body": "Bitte laden Sie die Seite neu." });
    let sent = agent_send(&app, &agent, reqwest::Method::POST, "/api/v1/tickets/1001/replies", reply).await;
    assert_eq!(sent.status(), StatusCode::CREATED, "{}", sent.text().await.unwrap_or_default());
    let resolved = json!({ "status": "resolved" });
    let changed = agent_send(&app, &agent, reqwest::Method::PATCH, "/api/v1/tickets/1001", resolved).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let mail = smtp.wait_for_messages(3, WAIT).await;
    let reply = parse(&mail[1]);
    assert_eq!(reply.subject, "Re: [#1001] Ihre Anfrage");
    assert!(reply.text.starts_with("Hallo,\n\nBitte laden Sie die Seite neu."), "{}", reply.text);
    let rating = parse(&mail[2]);
    assert!(rating.text.contains("Wie bewerten Sie unseren Support?"), "{}", rating.text);
    assert!(rating.text.contains("Die Links sind 30 Tage gültig."), "{}", rating.text);
    let link = rating
        .text
        .lines()
        .find_map(|line| line.trim().strip_prefix("4 - Gut: "))
        .expect("a link for rating 4")
        .to_owned();
    let page = reqwest::get(&link).await.expect("open").text().await.expect("page");
    assert!(page.contains("<html lang=\"de\" dir=\"ltr\">"), "{page}");
    assert!(page.contains("Ticket #1001 mit 4 bewerten") && page.contains(">Bestätigen</button>"), "{page}");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn without_a_language_or_zone_we_know_mail_uses_the_workspace_default(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let appearance = json!({ "default_locale": "es", "theme": "auto" });
    let saved = agent_send(&app, &admin, reqwest::Method::PUT, "/api/v1/workspace/appearance", appearance).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let settings = admin.http.get(app.url("/api/v1/workspace/support")).send().await.expect("get settings");
    let settings: Value = settings.json().await.expect("settings json");
    let zone = settings["time_zone"].as_str().expect("a zone").to_owned();
    let visitor = app.create_visitor().await;

    // French is not shipped and Olympus Mons has no time zone: both fall back.
    let extra = json!({ "locale": "fr-FR", "time_zone": "Mars/Olympus_Mons" });
    let response = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(extra)).await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.subject, "[#1001] Su solicitud");
    assert!(ack.text.contains("Hemos recibido su solicitud #1001"), "{}", ack.text);
    assert!(ack.text.contains(&format!("({zone})")), "the workspace's zone, {zone}:\n{}", ack.text);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_malformed_language_or_zone_is_refused_beside_its_field_and_opens_nothing(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;

    for (field, extra) in [
        ("locale", json!({ "locale": "x".repeat(36) })),
        ("time_zone", json!({ "time_zone": format!("Europe/{}", "B".repeat(64)) })),
    ] {
        let refused = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(extra)).await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
        let body: Value = refused.json().await.expect("error json");
        assert_eq!(body["fields"][0]["field"], field, "{body}");
    }
    assert!(app.state.store.tickets_of_visitor(visitor.id, 10).await.expect("tickets").is_empty());
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_acknowledgement_to_a_proven_address_shows_the_request_but_not_the_teams_words(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let now = app.state.clock.now();
    let store = &app.state.store;
    let address = "priya.raman@example.com";
    store.verify_address(app.workspace.id, address, server::store::VerifiedBy::Link, now).await.expect("verify");
    let visitor = app.create_visitor().await;

    let response = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(json!({ "locale": "de" }))).await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.subject, "[#1001] Export schlägt fehl");
    assert!(ack.text.starts_with("Hallo Priya Raman,\n\nVielen Dank, dass Sie sich an "), "{}", ack.text);
    assert!(ack.text.contains("Betreff: Export schlägt fehl\n"), "{}", ack.text);
    assert!(ack.text.contains("Sie schrieben:\n> The CSV export button does nothing."), "{}", ack.text);
    for internal in ["Type:", "Priority:", "Bug", "Medium"] {
        assert!(!ack.text.contains(internal), "the team's words stay out: {internal}\n{}", ack.text);
    }
}
