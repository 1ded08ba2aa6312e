//! A bug sent through "Email us" carries what engineers act on, on both databases: the
//! browser, page, viewport and the host app's version (from `identify`) fill the
//! environment, and the host page's captured errors, sent only with the visitor's
//! consent, fill the error message after what the visitor typed. Too many or too long
//! errors are refused beside their field and open nothing.

use e2e::identity::{claimed, identify};
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, Backend};
use protocol::tickets::{DetailKey, WidgetTicket};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};

fn bug(page_errors: Value) -> Value {
    json!({
        "email": "priya.raman@example.com", "subject": "Export crashes",
        "description": "The page goes blank when I export.", "ticket_type": "bug",
        "details": { "expected": "Download my invoices", "actual": "A blank page", "error_message": "Something went wrong" },
        "page_url": "https://host.example/billing", "viewport": "1280×720",
        "page_errors": page_errors,
    })
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_bug_report_carries_the_environment_and_the_errors_the_visitor_agreed_to_send(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    let mut identity = claimed("u-7", "priya.raman@example.com");
    identity.attributes = vec![("plan".into(), "pro".into()), ("app_version".into(), "4.2.0".into())];
    identify(&mut socket, identity).await.expect("identity accepted");

    let too_many = vec![Value::from("TypeError: x is undefined"); 21];
    let refused = visitor_post(&app, &visitor, "/api/v1/widget/tickets", bug(Value::from(too_many))).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let body: Value = refused.json().await.expect("error json");
    assert_eq!(body["fields"][0]["field"], "page_errors", "{body}");
    let too_long = vec![Value::from("x".repeat(2_001))];
    let refused = visitor_post(&app, &visitor, "/api/v1/widget/tickets", bug(Value::from(too_long))).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

    let errors = json!([
        "TypeError: Cannot read properties of undefined (reading 'rows')\n    at exportCsv (https://host.example/app.js:120:14)",
        "Unhandled rejection: Error: 502 Bad Gateway",
    ]);
    let response = visitor_post(&app, &visitor, "/api/v1/widget/tickets", bug(errors)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let ticket: WidgetTicket = response.json().await.expect("ticket");

    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, ticket.number).await;
    let environment = detail.details.environment.expect("environment");
    for line in ["Page: https://host.example/billing", "Viewport: 1280×720", "App version: 4.2.0"] {
        assert!(environment.contains(line), "{line} in {environment}");
    }
    let message = detail.details.error_message.expect("error message");
    assert!(message.starts_with("Something went wrong\n\n"), "what the visitor typed comes first: {message}");
    assert!(message.contains("reading 'rows'") && message.contains("502 Bad Gateway"), "{message}");
    assert!(!detail.missing_details.contains(&DetailKey::Environment));
    assert!(!detail.missing_details.contains(&DetailKey::ErrorMessage));
}
