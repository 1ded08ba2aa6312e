//! Helpers for the email-ticket suites (`tickets`, `ticket_mail`, `ticket_process`): a
//! server wired to the tests' real SMTP server, and one call per ticket endpoint.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::{InboundResult, TicketDetail, WidgetTicket};
use reqwest::StatusCode;
use serde_json::{Value, json};
use server::config::{SmtpConfig, SmtpTlsMode};
use server::mail::InboundMail;

use crate::smtp::SmtpServer;
use crate::{AgentClient, Backend, TestApp, Visitor, WsClient};

/// How long a test waits for mail or frames.
pub const WAIT: Duration = Duration::from_secs(15);
/// The inbound-mail secret `spawn` configures.
pub const INBOUND_SECRET: &str = "inbound-secret-for-tests-only";
const CSRF_HEADER: &str = "x-csrf-token";
/// The receiving mail host `spawn` trusts for `Authentication-Results`, as in the
/// fixtures.
pub const AUTHSERV_ID: &str = "mx.helpline.example";
/// One day, for moving the server clock.
pub const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// A server that sends mail to `smtp`, takes inbound mail with `INBOUND_SECRET` and
/// believes `AUTHSERV_ID`'s `Authentication-Results`.
pub async fn spawn(backend: Backend, smtp: &SmtpServer) -> TestApp {
    let port = smtp.port;
    TestApp::spawn_with(backend, |config| {
        config.mail.from_address = "support@helpline.example".into();
        config.mail.inbound_secret = Some(INBOUND_SECRET.to_owned().into());
        config.mail.authserv_id = Some(AUTHSERV_ID.to_owned());
        config.mail.smtp = Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTlsMode::None,
            username: None,
            password: None,
            timeout_secs: 5,
        });
    })
    .await
}

/// A console request with the agent's cookie and CSRF header.
pub async fn agent_send(
    app: &TestApp,
    agent: &AgentClient,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> reqwest::Response {
    agent
        .http
        .request(method, app.url(path))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .json(&body)
        .send()
        .await
        .expect("agent request")
}

/// `GET /api/v1/tickets/{number}`, which must succeed.
pub async fn ticket_detail(app: &TestApp, agent: &AgentClient, number: i64) -> TicketDetail {
    let response = agent.http.get(app.url(&format!("/api/v1/tickets/{number}"))).send().await.expect("get ticket");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("ticket json")
}

/// A messenger `POST` with the visitor's token from the host origin.
pub async fn visitor_post(app: &TestApp, visitor: &Visitor, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(&visitor.token)
        .header("origin", crate::HOST_ORIGIN)
        .json(&body)
        .send()
        .await
        .expect("visitor post")
}

/// `POST /api/v1/mail/inbound` with the secret; the answer must be 200.
pub async fn inbound(app: &TestApp, raw: &[u8]) -> InboundResult {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/mail/inbound"))
        .bearer_auth(INBOUND_SECRET)
        .header("content-type", "message/rfc822")
        .body(raw.to_vec())
        .send()
        .await
        .expect("inbound post");
    let status = response.status();
    let body = response.text().await.expect("inbound answer");
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("inbound json")
}

/// A bug report through the messenger's form, which must be accepted.
pub async fn email_us(app: &TestApp, visitor: &Visitor, email: &str, subject: &str) -> WidgetTicket {
    let response = visitor_post(app, visitor, "/api/v1/widget/tickets", bug_report(email, subject)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("widget ticket")
}

/// The body of a valid "Email us" bug report (`POST /api/v1/widget/tickets`).
pub fn bug_report(email: &str, subject: &str) -> Value {
    json!({
        "email": email, "name": "Priya Raman", "subject": subject,
        "description": "The CSV export button does nothing.", "ticket_type": "bug",
        "details": { "expected": "Download my invoices", "actual": "Nothing happens", "error_message": "" },
        "page_url": "https://host.example/billing",
    })
}

/// A message the server sent, parsed as any inbound mail.
pub fn parse(raw: &[u8]) -> InboundMail {
    InboundMail::parse(raw).expect("a message the server sent parses")
}

/// The first value of a header in a raw message, if present.
pub fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
}

/// Sends `body` as the visitor's chat message on a subscribed socket and returns the
/// conversation it went into.
pub async fn say(socket: &mut WsClient, body: &str) -> i64 {
    socket
        .send(&ClientFrame::Send {
            conversation_id: None,
            client_id: "c1".into(),
            body: body.into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await {
        ServerFrame::Ack { conversation_id, .. } => conversation_id,
        other => panic!("expected an ack, got {other:?}"),
    }
}

/// The Message-ID of the `created` event's acknowledgement, which the ticket keeps.
pub async fn ack_message_id(app: &TestApp, ticket_id: i64) -> String {
    let ids = app.state.store.ticket_message_ids(ticket_id).await.expect("ids");
    ids.into_iter().find(|id| id.contains("@helpline.example")).expect("an acknowledgement id")
}

const GERMAN_WEEKDAYS: [&str; 7] = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"];
const GERMAN_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

/// `at` as a German letter writes it in `zone`, worked out here independently of the server.
pub fn in_german(at: i64, zone: &str) -> String {
    let zoned = Timestamp::from_millisecond(at).expect("time").to_zoned(TimeZone::get(zone).expect("zone"));
    format!(
        "{}, {}. {} {}, {} Uhr ({zone})",
        GERMAN_WEEKDAYS[usize::from(zoned.weekday().to_monday_zero_offset().unsigned_abs())],
        zoned.day(),
        GERMAN_MONTHS[usize::from(zoned.month().unsigned_abs()) - 1],
        zoned.year(),
        zoned.strftime("%H:%M"),
    )
}
