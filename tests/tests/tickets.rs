//! Email tickets end to end on both databases, against the real server and a real SMTP
//! server (aiosmtpd): the "Email us" form with its acknowledgement, agent replies that
//! thread, customer replies from Gmail, Outlook and Apple Mail landing in the right
//! ticket, forged reply tokens, auto-replies that never loop, bounces, a chat handed off
//! to a ticket, host backends with API keys, satisfaction ratings, and the pending
//! reminder and auto-close driven by the server's clock.

use std::time::Duration;

use e2e::smtp::SmtpServer;
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, TestApp, Visitor};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::{InboundOutcome, InboundResult, TicketDetail, TicketEventKind, TicketStatus, WidgetTicket};
use protocol::{ErrorBody, api::AuthorKind};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};
use server::config::{SmtpConfig, SmtpTlsMode};
use server::mail::{InboundMail, MailKind};

const WAIT: Duration = Duration::from_secs(15);
const INBOUND_SECRET: &str = "inbound-secret-for-tests-only";
const CSRF_HEADER: &str = "x-csrf-token";
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

async fn spawn(backend: Backend, smtp: &SmtpServer) -> TestApp {
    let port = smtp.port;
    TestApp::spawn_with(backend, |config| {
        config.mail.from_address = "support@helpline.example".into();
        config.mail.inbound_secret = Some(INBOUND_SECRET.to_owned().into());
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

async fn agent_send(
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

async fn ticket_detail(app: &TestApp, agent: &AgentClient, number: i64) -> TicketDetail {
    let response = agent.http.get(app.url(&format!("/api/v1/tickets/{number}"))).send().await.expect("get ticket");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("ticket json")
}

async fn visitor_post(app: &TestApp, visitor: &Visitor, path: &str, body: Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url(path))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .json(&body)
        .send()
        .await
        .expect("visitor post")
}

async fn inbound(app: &TestApp, raw: &[u8]) -> InboundResult {
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/mail/inbound"))
        .bearer_auth(INBOUND_SECRET)
        .header("content-type", "message/rfc822")
        .body(raw.to_vec())
        .send()
        .await
        .expect("inbound post");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("inbound json")
}

/// A ticket from the messenger's form; returns its number.
async fn email_us(app: &TestApp, visitor: &Visitor, email: &str, subject: &str) -> WidgetTicket {
    let body = json!({
        "email": email, "name": "Priya Raman", "subject": subject,
        "description": "The CSV export button does nothing.", "ticket_type": "bug",
        "details": { "expected": "Download my invoices", "actual": "Nothing happens", "error_message": "" },
        "page_url": "https://host.example/billing",
    });
    let response = visitor_post(app, visitor, "/api/v1/widget/tickets", body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("widget ticket")
}

fn parse(raw: &[u8]) -> InboundMail {
    InboundMail::parse(raw).expect("a message the server sent parses")
}

fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.lines().find_map(|line| line.strip_prefix(name)?.strip_prefix(": "))
}

/// The Message-ID of the `created` event's acknowledgement, which the ticket keeps.
async fn ack_message_id(app: &TestApp, ticket_id: i64) -> String {
    let ids = app.state.store.ticket_message_ids(ticket_id).await.expect("ids");
    ids.into_iter().find(|id| id.contains("@helpline.example")).expect("an acknowledgement id")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn email_us_opens_a_ticket_acknowledged_with_its_number_and_reply_time(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;

    let ticket = email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;

    assert_eq!(ticket.number, 1001);
    assert_eq!(ticket.status, TicketStatus::New);
    assert!(ticket.response_due_at.is_some(), "a medium ticket owes a first response");
    let mail = smtp.wait_for_messages(1, WAIT).await;
    let raw = String::from_utf8_lossy(&mail[0]).into_owned();
    let ack = parse(&mail[0]);
    assert_eq!(ack.subject, "[#1001] Cannot export invoices");
    assert_eq!(ack.kind, MailKind::AutoReply, "acknowledgements are marked automatic");
    assert!(ack.text.contains("opened ticket #1001"), "{}", ack.text);
    assert!(ack.text.contains("we aim to answer by"), "{}", ack.text);
    assert!(header(&raw, "Reply-To").is_some_and(|to| to.contains("support+w")), "a signed reply address");
    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(detail.details.actual.as_deref(), Some("Nothing happens"));
    assert_eq!(detail.context.page_url.as_deref(), Some("https://host.example/billing"));
    assert!(detail.details.environment.as_deref().is_some_and(|e| e.contains("Page: https://host.example/billing")));
    assert_eq!(detail.events[1].body.as_deref(), Some("The CSV export button does nothing."));
    use protocol::tickets::DetailKey;
    assert_eq!(
        detail.missing_details,
        [
            DetailKey::Affected,
            DetailKey::Steps,
            DetailKey::ErrorMessage,
            DetailKey::ReportedBefore,
            DetailKey::Deadline
        ],
        "what engineers still need: the form gave what was expected and what happened, and the environment"
    );
    let mine: Vec<WidgetTicket> = reqwest::Client::new()
        .get(app.url("/api/v1/widget/tickets"))
        .bearer_auth(&visitor.token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .expect("json");
    assert_eq!(mine.iter().map(|t| t.number).collect::<Vec<_>>(), [1001]);
}

#[tokio::test]
async fn the_form_names_every_refused_field_and_creates_nothing() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let visitor = app.create_visitor().await;
    let body = json!({ "email": "priya@", "subject": " ", "description": "It broke", "ticket_type": "bug",
                       "details": { "expected": "Export" } });

    let response = visitor_post(&app, &visitor, "/api/v1/widget/tickets", body).await;

    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = response.json().await.expect("error body");
    let fields: Vec<&str> = error.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["email", "subject", "details.actual"]);
    let tickets = app.state.store.tickets_of_visitor(visitor.id, 10).await.expect("tickets");
    assert!(tickets.is_empty());
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_agent_reply_arrives_threaded_and_customer_replies_from_each_client_land_in_their_ticket(
    #[case] backend: Backend,
) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let fixtures: [(&str, &str, &[u8]); 3] = [
        (
            "priya.raman@example.com",
            "support+w7.t1001.ipi7tu5i2jf4kssfl42t7lfe@helpline.example",
            include_bytes!("../fixtures/mail/gmail-reply.eml"),
        ),
        (
            "tomas.okafor@example.net",
            "support+w7.t1002.jkugd5ga44nq5onm9ujkh7tn@helpline.example",
            include_bytes!("../fixtures/mail/outlook-reply.eml"),
        ),
        (
            "hannah.lindqvist@example.net",
            "support+w7.t1003.9te8cedkhae664ga0fos9o4s@helpline.example",
            include_bytes!("../fixtures/mail/apple-mail-reply.eml"),
        ),
    ];
    let mut tickets = Vec::new();
    for (email, _, _) in &fixtures {
        tickets.push(email_us(&app, &visitor, email, &format!("Question from {email}")).await);
    }
    smtp.wait_for_messages(3, WAIT).await;

    let response = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        "/api/v1/tickets/1002/replies",
        json!({ "body": "Thanks, we are looking into it." }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let mail = smtp.wait_for_messages(4, WAIT).await;
    let reply = parse(&mail[3]);
    let record = app.state.store.ticket_by_number(app.workspace.id, 1002).await.expect("load").expect("ticket");
    let ack_id = ack_message_id(&app, record.id).await;
    assert_eq!(reply.subject, "Re: [#1002] Question from tomas.okafor@example.net");
    assert_eq!(reply.in_reply_to, std::slice::from_ref(&ack_id), "the reply answers the acknowledgement");
    assert_eq!(reply.references, [ack_id]);
    assert_eq!(reply.kind, MailKind::Human, "a person's reply is not marked automatic");
    assert!(reply.text.contains("Thanks, we are looking into it."));
    assert_eq!(ticket_detail(&app, &agent, 1002).await.ticket.status, TicketStatus::Open, "answering takes it");

    for ((_, fixture_address, raw), ticket) in fixtures.iter().zip(&tickets) {
        let record =
            app.state.store.ticket_by_number(app.workspace.id, ticket.number).await.expect("load").expect("ticket");
        let address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
        let raw = String::from_utf8_lossy(raw).replace(fixture_address, &address);
        let expected_text = parse(raw.as_bytes()).new_text;

        let result = inbound(&app, raw.as_bytes()).await;

        assert_eq!(result.outcome, InboundOutcome::Threaded, "{fixture_address}");
        assert_eq!(result.ticket_number, Some(ticket.number));
        let detail = ticket_detail(&app, &agent, ticket.number).await;
        let last = detail.events.iter().rev().find(|e| e.kind == TicketEventKind::CustomerReply).expect("reply");
        assert_eq!(last.body.as_deref(), Some(expected_text.trim()));
        assert!(!expected_text.contains("\n>"), "quoted history is stripped: {expected_text}");

        let again = inbound(&app, raw.as_bytes()).await;
        assert_eq!(again.outcome, InboundOutcome::Duplicate, "a redelivery is taken once");
    }
    assert_eq!(smtp.messages().len(), 4, "customer replies are never acknowledged");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_forged_token_never_threads_and_auto_replies_and_bounces_are_recorded_without_mail(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    smtp.wait_for_messages(1, WAIT).await;
    let record = app.state.store.ticket_by_number(app.workspace.id, 1001).await.expect("load").expect("ticket");
    let ack_id = ack_message_id(&app, record.id).await;
    let events_before = ticket_detail(&app, &agent, 1001).await.events.len();

    // A token that names the real ticket with a signature that does not verify, from
    // someone who is not the requester.
    let real = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    let (head, domain) = real.split_once('@').expect("address");
    let forged = format!("{}{}@{domain}", &head[..head.len() - 1], if head.ends_with('a') { 'b' } else { 'a' });
    let forged_mail = format!(
        "From: Mallory <mallory@example.org>\r\nTo: {forged}\r\nSubject: Re: [#1001] Cannot export invoices\r\n\
         Message-ID: <forged-1@example.org>\r\n\r\nPlease send me the invoices.\r\n"
    );
    let result = inbound(&app, forged_mail.as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::Created, "forged mail opens its own ticket");
    assert_eq!(result.ticket_number, Some(1002));
    assert_eq!(ticket_detail(&app, &agent, 1001).await.events.len(), events_before, "ticket 1001 is untouched");
    smtp.wait_for_messages(2, WAIT).await;

    let fixture_ack = "<ticket-1001-6f1c2a9e-8b3d-4c57-a1e0-93d4b7f25c18@helpline.example>";
    let out_of_office =
        String::from_utf8_lossy(include_bytes!("../fixtures/mail/out-of-office.eml")).replace(fixture_ack, &ack_id);
    let result = inbound(&app, out_of_office.as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::AutoReplyRecorded);
    assert_eq!(result.ticket_number, Some(1001));
    // Automatic mail that matches no ticket opens one, unacknowledged.
    let unmatched = String::from_utf8_lossy(include_bytes!("../fixtures/mail/out-of-office.eml"))
        .replace(fixture_ack, "<unknown@example.org>")
        .replace("[#1001]", "")
        .replace("<DB9PR02MB7345A1E0C3F7B9D2E4A6C88F1B3D5@", "<another-auto-reply@");
    let unmatched = inbound(&app, unmatched.as_bytes()).await;
    assert_eq!((unmatched.outcome, unmatched.ticket_number), (InboundOutcome::Created, Some(1003)));

    let fixture_original = "<ticket-1004-93c0e6b2-4a1f-4d7e-b852-f1a96d3c0e47@helpline.example>";
    let bounce =
        String::from_utf8_lossy(include_bytes!("../fixtures/mail/bounce.eml")).replace(fixture_original, &ack_id);
    let result = inbound(&app, bounce.as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::BounceRecorded);
    assert_eq!(result.ticket_number, Some(1001));

    let detail = ticket_detail(&app, &agent, 1001).await;
    let kinds: Vec<TicketEventKind> = detail.events.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&TicketEventKind::AutoReply));
    assert!(kinds.contains(&TicketEventKind::DeliveryFailed));
    assert_eq!(detail.ticket.status, TicketStatus::New, "an auto-reply does not change the status");
    let tickets = app.state.store.list_tickets(app.workspace.id, &Default::default(), 10).await.expect("list");
    assert_eq!(tickets.len(), 3, "the recorded auto-reply and the bounce opened no ticket");
    // Two mails were ever queued: the acknowledgements of #1001 and of Mallory's #1002.
    let store = &app.state.store;
    assert!(store.outbox_mail(2).await.expect("load").is_some());
    assert_eq!(store.outbox_mail(3).await.expect("load"), None, "automatic mail is never answered");
}

#[tokio::test]
async fn inbound_mail_needs_the_secret_and_a_readable_message() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let client = reqwest::Client::new();

    let without = client.post(app.url("/api/v1/mail/inbound")).body("From: a@b.example\r\n\r\nhi").send().await;
    let wrong = client.post(app.url("/api/v1/mail/inbound")).bearer_auth("nope").body("x").send().await;
    let garbage = client.post(app.url("/api/v1/mail/inbound")).bearer_auth(INBOUND_SECRET).body("   ").send().await;

    assert_eq!(without.expect("sent").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.expect("sent").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(garbage.expect("sent").status(), StatusCode::BAD_REQUEST);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_chat_handed_off_without_an_address_asks_for_one_then_acknowledges(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket
        .send(&ClientFrame::Send { conversation_id: None, client_id: "c1".into(), body: "Exports fail".into() })
        .await;
    let conversation_id = match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await {
        ServerFrame::Ack { conversation_id, .. } => conversation_id,
        other => panic!("expected an ack, got {other:?}"),
    };

    let response = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        &format!("/api/v1/conversations/{conversation_id}/ticket"),
        json!({ "subject": "Exports fail", "ticket_type": "bug", "priority": "high" }),
    )
    .await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let detail: TicketDetail = response.json().await.expect("detail");
    assert!(detail.needs_email);
    assert_eq!(detail.transcript.first().map(|m| m.body.as_str()), Some("Exports fail"));
    let system = socket
        .recv_until(|f| matches!(f, ServerFrame::Message { message } if message.author == AuthorKind::System))
        .await;
    let ServerFrame::Message { message } = system else { unreachable!() };
    assert!(message.body.contains("ticket #1001"), "{}", message.body);
    assert!(message.body.contains("Which email address"), "{}", message.body);
    let again = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        &format!("/api/v1/conversations/{conversation_id}/ticket"),
        json!({ "subject": "Again", "ticket_type": "bug", "priority": "high" }),
    )
    .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "one open ticket per chat");

    let early =
        agent_send(&app, &agent, reqwest::Method::POST, "/api/v1/tickets/1001/replies", json!({ "body": "Hello?" }))
            .await;
    assert_eq!(early.status(), StatusCode::CONFLICT, "a reply nobody can receive is refused, not lost");
    let stranger = app.create_visitor().await;
    let refused =
        visitor_post(&app, &stranger, "/api/v1/widget/tickets/1001/email", json!({ "email": "x@example.com" })).await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND, "another visitor cannot claim the ticket");
    let given =
        visitor_post(&app, &visitor, "/api/v1/widget/tickets/1001/email", json!({ "email": "priya@example.com" }))
            .await;
    assert_eq!(given.status(), StatusCode::OK);
    let ticket: WidgetTicket = given.json().await.expect("ticket");
    assert!(!ticket.needs_email);

    let mail = smtp.wait_for_messages(1, WAIT).await;
    let ack = parse(&mail[0]);
    assert_eq!(ack.subject, "[#1001] Exports fail");
    assert_eq!(ack.recipients, ["priya@example.com"]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn pending_tickets_get_one_reminder_then_close_on_the_clock(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    let response = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        "/api/v1/tickets/1001/request-info",
        json!({ "body": "Which browser do you use?" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let detail: TicketDetail = response.json().await.expect("detail");
    assert_eq!(detail.ticket.status, TicketStatus::Pending);
    assert_eq!(detail.ticket.next_response_due_at, None, "nothing is owed while pending");
    smtp.wait_for_messages(2, WAIT).await;
    let desk = &app.state.desk;

    app.state.clock.advance(2 * DAY);
    assert_eq!(desk.run_timers().await.expect("timers").reminded, 0, "not yet");
    app.state.clock.advance(DAY + Duration::from_secs(60));
    assert_eq!(desk.run_timers().await.expect("timers").reminded, 1);
    assert_eq!(desk.run_timers().await.expect("timers").reminded, 0, "one reminder only");
    let mail = smtp.wait_for_messages(3, WAIT).await;
    let reminder = parse(&mail[2]);
    assert!(reminder.text.contains("We are waiting for your reply"), "{}", reminder.text);
    assert_eq!(reminder.kind, MailKind::AutoReply);

    app.state.clock.advance(4 * DAY);
    let summary = desk.run_timers().await.expect("timers");
    assert_eq!((summary.reminded, summary.closed), (0, 1));
    // A week on, the agent's session has expired: sign in again.
    let agent = app.login(AGENT_EMAIL).await;
    let closed = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(closed.ticket.status, TicketStatus::Closed);
    let mail = smtp.wait_for_messages(4, WAIT).await;
    assert!(parse(&mail[3]).text.contains("We have closed ticket #1001"));
}

#[tokio::test]
async fn a_customer_reply_stops_the_pending_clock() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        "/api/v1/tickets/1001/request-info",
        json!({ "body": "Which browser?" }),
    )
    .await;
    let record = app.state.store.ticket_by_number(app.workspace.id, 1001).await.expect("load").expect("ticket");
    let address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    app.state.clock.advance(2 * DAY);

    let reply = format!(
        "From: priya.raman@example.com\r\nTo: {address}\r\nSubject: Re: [#1001]\r\nMessage-ID: <r1@example.com>\r\n\r\nFirefox.\r\n"
    );
    assert_eq!(inbound(&app, reply.as_bytes()).await.outcome, InboundOutcome::Threaded);
    app.state.clock.advance(10 * DAY);

    let summary = app.state.desk.run_timers().await.expect("timers");
    assert_eq!((summary.reminded, summary.closed), (0, 0));
    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(detail.ticket.status, TicketStatus::Open, "the reply reopened it");
    assert!(detail.ticket.breached, "ten days later the owed answer is overdue");
    let breached: Vec<Value> = agent
        .http
        .get(app.url("/api/v1/tickets?breached=true"))
        .send()
        .await
        .expect("queue")
        .json()
        .await
        .expect("json");
    assert_eq!(breached.iter().map(|t| t["number"].as_i64()).collect::<Vec<_>>(), [Some(1001)]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn resolving_sends_a_one_click_rating_link_that_records_the_rating(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;

    let response =
        agent_send(&app, &agent, reqwest::Method::PATCH, "/api/v1/tickets/1001", json!({ "status": "resolved" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mail = smtp.wait_for_messages(2, WAIT).await;
    let request = parse(&mail[1]);
    let link = request
        .text
        .lines()
        .find_map(|line| line.trim().strip_prefix("4 - Good: "))
        .expect("a link for rating 4")
        .to_owned();
    assert!(link.starts_with(&app.base_url), "{link}");

    let page = reqwest::get(&link).await.expect("open link");
    assert_eq!(page.status(), StatusCode::OK);
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(detail.satisfaction.map(|s| s.rating), Some(4));
    let form = reqwest::Client::new()
        .post(link.split('?').next().expect("the link's path"))
        .form(&[("rating", "5"), ("comment", "Fixed within the hour")])
        .send()
        .await
        .expect("post comment");
    assert_eq!(form.status(), StatusCode::OK);
    let satisfaction = ticket_detail(&app, &agent, 1001).await.satisfaction.expect("rated");
    assert_eq!((satisfaction.rating, satisfaction.comment.as_deref()), (5, Some("Fixed within the hour")));
    let tampered = link.replace("?rating=4", "0?rating=4");
    app.state.clock.advance(6 * DAY);
    assert_eq!(app.state.desk.run_timers().await.expect("timers").closed_resolved, 0, "a resolved ticket may reopen");
    app.state.clock.advance(DAY + Duration::from_secs(60));
    assert_eq!(app.state.desk.run_timers().await.expect("timers").closed_resolved, 1);
    let agent = app.login(AGENT_EMAIL).await;
    assert_eq!(ticket_detail(&app, &agent, 1001).await.ticket.status, TicketStatus::Closed);
    assert_eq!(smtp.messages().len(), 2, "closing a resolved ticket sends nothing");
    assert_eq!(reqwest::get(&tampered).await.expect("open").status(), StatusCode::NOT_FOUND);
    let ratings: Vec<Value> =
        agent.http.get(app.url("/api/v1/ratings")).send().await.expect("ratings").json().await.expect("json");
    assert_eq!((ratings[0]["ticket_number"].as_i64(), ratings[0]["rating"].as_i64()), (Some(1001), Some(5)));
}

#[tokio::test]
async fn a_host_backend_creates_tickets_with_an_api_key_only() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let refused =
        agent_send(&app, &agent, reqwest::Method::POST, "/api/v1/workspace/api-keys", json!({ "name": "x" })).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "only admins create keys");
    let created: Value = agent_send(
        &app,
        &admin,
        reqwest::Method::POST,
        "/api/v1/workspace/api-keys",
        json!({ "name": "Acme backend" }),
    )
    .await
    .json()
    .await
    .expect("key");
    let key = created["key"].as_str().expect("the key, once").to_owned();
    let body = json!({ "subject": "Refund for order 77", "description": "Charged twice.",
        "requester": { "email": "ming@example.net", "name": "Ming", "user_id": "u-77", "company_id": "c-9" },
        "priority": "high", "context": { "attributes": [["plan", "pro"]] } });

    let wrong = reqwest::Client::new()
        .post(app.url("/api/v1/backend/tickets"))
        .bearer_auth("hlk_nope")
        .json(&body)
        .send()
        .await
        .expect("post");
    let right = reqwest::Client::new()
        .post(app.url("/api/v1/backend/tickets"))
        .bearer_auth(&key)
        .json(&body)
        .send()
        .await
        .expect("post");

    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(right.status(), StatusCode::CREATED);
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(detail.ticket.requester.user_id.as_deref(), Some("u-77"));
    assert_eq!(detail.ticket.requester.company_id.as_deref(), Some("c-9"));
    assert_eq!(detail.context.attributes, [("plan".to_owned(), "pro".to_owned())]);
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.subject, "[#1001] Refund for order 77");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn changes_are_recorded_with_who_and_the_queue_filters_and_sorts_by_due_time(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "a@example.com", "Low one").await;
    email_us(&app, &visitor, "b@example.com", "Urgent one").await;
    let me = agent.session.agent.id;

    let too_many: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
    let refused =
        agent_send(&app, &agent, reqwest::Method::PATCH, "/api/v1/tickets/1002", json!({ "tags": too_many })).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "too many tags are refused");
    let response = agent_send(
        &app,
        &agent,
        reqwest::Method::PATCH,
        "/api/v1/tickets/1002",
        json!({ "priority": "critical", "assignee_id": me, "team": "engineering" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let note = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        "/api/v1/tickets/1002/notes",
        json!({ "body": "Looks like a bug" }),
    )
    .await;
    assert_eq!(note.status(), StatusCode::CREATED);
    let detail: TicketDetail = note.json().await.expect("detail");

    let history: Vec<(TicketEventKind, Option<&str>, Option<&str>)> =
        detail.events.iter().skip(2).map(|e| (e.kind, e.author_name.as_deref(), e.new_value.as_deref())).collect();
    assert_eq!(
        history,
        [
            (TicketEventKind::PriorityChanged, Some("Ada Agent"), Some("critical")),
            (TicketEventKind::AssigneeChanged, Some("Ada Agent"), Some("Ada Agent")),
            (TicketEventKind::TeamChanged, Some("Ada Agent"), Some("engineering")),
            (TicketEventKind::InternalNote, Some("Ada Agent"), None),
        ]
    );
    assert!(detail.ticket.next_response_due_at.is_some(), "a new ticket owes its first response");
    let queue: Vec<Value> = agent
        .http
        .get(app.url("/api/v1/tickets?status=new,open&assignee=me"))
        .send()
        .await
        .expect("queue")
        .json()
        .await
        .expect("json");
    assert_eq!(queue.iter().map(|t| t["number"].as_i64()).collect::<Vec<_>>(), [Some(1002)]);
    let all: Vec<Value> =
        agent.http.get(app.url("/api/v1/tickets")).send().await.expect("queue").json().await.expect("json");
    assert_eq!(
        all.iter().map(|t| t["number"].as_i64()).collect::<Vec<_>>(),
        [Some(1002), Some(1001)],
        "critical is due first"
    );
    let search: Vec<Value> =
        agent.http.get(app.url("/api/v1/tickets?q=%231001")).send().await.expect("search").json().await.expect("json");
    assert_eq!(search.len(), 1);
    let opened =
        agent_send(&app, &agent, reqwest::Method::PATCH, "/api/v1/tickets/1001", json!({ "status": "open" })).await;
    assert_eq!(opened.status(), StatusCode::OK);
    let bad =
        agent_send(&app, &agent, reqwest::Method::PATCH, "/api/v1/tickets/1001", json!({ "status": "new" })).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST, "nothing returns to new");
    let other = app.other_workspace().await;
    let eve = app.login(e2e::OTHER_EMAIL).await;
    assert_eq!(other.name, "Other");
    let hidden = eve.http.get(app.url("/api/v1/tickets/1001")).send().await.expect("get");
    assert_eq!(hidden.status(), StatusCode::NOT_FOUND, "another workspace's ticket is not found");
}

#[tokio::test]
async fn an_ended_chat_asks_the_visitor_for_a_rating_once() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.send(&ClientFrame::Send { conversation_id: None, client_id: "c1".into(), body: "Hi".into() }).await;
    let ServerFrame::Ack { conversation_id, .. } = socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await
    else {
        unreachable!()
    };
    let status = |app: &TestApp, visitor: &Visitor| {
        let request = reqwest::Client::new().get(app.url("/api/v1/widget/support")).bearer_auth(&visitor.token);
        async move { request.send().await.expect("status").json::<Value>().await.expect("json") }
    };
    assert_eq!(status(&app, &visitor).await["rating_requested"], false);

    let ended = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        &format!("/api/v1/conversations/{conversation_id}/end"),
        json!({}),
    )
    .await;

    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &visitor).await["rating_requested"], true);
    let bad = visitor_post(&app, &visitor, "/api/v1/widget/conversation/rating", json!({ "rating": 9 })).await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let rated =
        visitor_post(&app, &visitor, "/api/v1/widget/conversation/rating", json!({ "rating": 5, "comment": "Quick!" }))
            .await;
    assert_eq!(rated.status(), StatusCode::NO_CONTENT);
    assert_eq!(status(&app, &visitor).await["rating_requested"], false);
    let ratings: Vec<Value> =
        agent.http.get(app.url("/api/v1/ratings")).send().await.expect("ratings").json().await.expect("json");
    assert_eq!((ratings[0]["rating"].as_i64(), ratings[0]["comment"].as_str()), (Some(5), Some("Quick!")));
}

#[tokio::test]
async fn support_hours_are_validated_field_by_field() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let body = json!({ "time_zone": "Europe/Berlin", "weekly": ["09:00-17:00", "09:00-17:00", "9-5", "09:00-17:00", "09:00-17:00", "", ""],
                       "holidays": ["2026-12-25"], "reminder_days": 3, "close_days": 7 });

    let refused = agent_send(&app, &admin, reqwest::Method::PUT, "/api/v1/workspace/support", body.clone()).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json().await.expect("error");
    assert_eq!(error.fields[0].field, "weekly.2");

    let mut fixed = body;
    fixed["weekly"][2] = json!("09:00-12:00, 13:00-17:00");
    let saved = agent_send(&app, &admin, reqwest::Method::PUT, "/api/v1/workspace/support", fixed).await;
    assert_eq!(saved.status(), StatusCode::OK);
    let settings: Value = saved.json().await.expect("settings");
    assert_eq!(settings["time_zone"], "Europe/Berlin");
    assert_eq!(settings["holidays"][0], "2026-12-25");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn mail_ingest_from_an_mta_pipe_opens_a_ticket_that_the_server_acknowledges(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let raw = include_bytes!("../fixtures/mail/new-request.eml");

    // What `helpline mail ingest < message.eml` runs, on its own database connection.
    let result = server::operator::ingest_mail(&app.state.config, raw).await.expect("ingested");

    assert_eq!(result.outcome, InboundOutcome::Created);
    assert_eq!(result.ticket_number, Some(1001));
    app.state.outbox.poke();
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.subject, "[#1001] Can't add a second admin to our workspace");
    assert_eq!(ack.recipients, ["olu.adeyemi@example.com"]);
    let again = server::operator::ingest_mail(&app.state.config, raw).await.expect("ingested");
    assert_eq!(again.outcome, InboundOutcome::Duplicate, "an MTA retry is taken once");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn each_threading_rule_works_alone_and_the_subject_needs_the_requester(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    let record = app.state.store.ticket_by_number(app.workspace.id, 1001).await.expect("load").expect("ticket");
    let token_address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    let ack_id = ack_message_id(&app, record.id).await;
    let mail = |n: u32, from: &str, to: &str, subject: &str, headers: &str| {
        format!(
            "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <rule-{n}@example.com>\r\n{headers}\r\nWords {n}.\r\n"
        )
    };

    // Only the signed token can match: another sender, no headers, no number.
    let by_token = mail(1, "colleague@example.com", &token_address, "Re: your question", "");
    // Only In-Reply-To can match.
    let by_header = mail(
        2,
        "colleague@example.com",
        "support@helpline.example",
        "Re: your question",
        &format!("In-Reply-To: {ack_id}\r\n"),
    );
    // Only the subject number can match, from the requester.
    let by_subject = mail(3, "Priya <PRIYA.RAMAN@example.com>", "support@helpline.example", "Re: [#1001] more", "");
    // The same subject from someone else opens a ticket of its own.
    let stranger = mail(4, "mallory@example.org", "support@helpline.example", "Re: [#1001] more", "");

    for (raw, expected) in [
        (by_token, (InboundOutcome::Threaded, Some(1001))),
        (by_header, (InboundOutcome::Threaded, Some(1001))),
        (by_subject, (InboundOutcome::Threaded, Some(1001))),
        (stranger, (InboundOutcome::Created, Some(1002))),
    ] {
        let result = inbound(&app, raw.as_bytes()).await;
        assert_eq!((result.outcome, result.ticket_number), expected, "{raw}");
    }
    let events = app.state.store.ticket_events(record.id).await.expect("events");
    let words: Vec<&str> = events.iter().filter_map(|e| e.body.as_deref()).filter(|b| b.starts_with("Words")).collect();
    assert_eq!(words, ["Words 1.", "Words 2.", "Words 3."]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_host_identified_visitor_is_handed_off_without_being_asked_for_an_address(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut socket = app.visitor_socket(&visitor).await;
    let identity = |email: &str| protocol::api::VisitorIdentity {
        email: Some(email.into()),
        name: Some("Priya Raman".into()),
        user_id: Some("u-42".into()),
        company_id: Some("acme-9".into()),
        attributes: vec![("plan".into(), "pro".into())],
    };
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket
        .send(&ClientFrame::Context { page_url: "https://host.example/app".into(), identity: Some(identity("nope")) })
        .await;
    let refused = socket.recv_until(|f| matches!(f, ServerFrame::Error { .. })).await;
    assert!(matches!(refused, ServerFrame::Error { .. }), "an address mail cannot go to is refused");
    socket
        .send(&ClientFrame::Context {
            page_url: "https://host.example/app".into(),
            identity: Some(identity("priya@example.com")),
        })
        .await;
    socket.send(&ClientFrame::Send { conversation_id: None, client_id: "c1".into(), body: "Help".into() }).await;
    let ServerFrame::Ack { conversation_id, .. } = socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await
    else {
        unreachable!()
    };

    let response = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        &format!("/api/v1/conversations/{conversation_id}/ticket"),
        json!({ "subject": "Help", "ticket_type": "question", "priority": "medium" }),
    )
    .await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let detail: TicketDetail = response.json().await.expect("detail");
    assert!(!detail.needs_email);
    assert_eq!(detail.ticket.requester.email, "priya@example.com");
    assert_eq!(detail.ticket.requester.user_id.as_deref(), Some("u-42"));
    assert_eq!(detail.ticket.requester.company_id.as_deref(), Some("acme-9"));
    assert_eq!(detail.context.attributes, [("plan".to_owned(), "pro".to_owned())]);
    let system = socket
        .recv_until(|f| matches!(f, ServerFrame::Message { message } if message.author == AuthorKind::System))
        .await;
    let ServerFrame::Message { message } = system else { unreachable!() };
    assert!(message.body.contains("at priya@example.com, by "), "{}", message.body);
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    assert_eq!(ack.recipients, ["priya@example.com"]);
    let conversation: Value = agent
        .http
        .get(app.url(&format!("/api/v1/conversations/{conversation_id}")))
        .send()
        .await
        .expect("conversation")
        .json()
        .await
        .expect("json");
    assert_eq!(conversation["visitor"]["name"], "Priya Raman", "agents see who the host says it is");
}
