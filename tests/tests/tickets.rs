//! Email tickets at the API boundary on both databases, against the real server and a
//! real SMTP server (aiosmtpd): the three ways in (the messenger's form, a chat handed
//! off, host backends with API keys, and host-identified visitors), the console's
//! changes, history and queue, and support-hours settings.

use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, Backend};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::{TicketDetail, TicketEventKind, TicketStatus, WidgetTicket};
use protocol::{ErrorBody, api::AuthorKind};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};
use server::mail::MailKind;

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
    // Nobody has proven the address yet, so the acknowledgement repeats none of the
    // request (see tests/tests/relay.rs).
    assert_eq!(ack.subject, "[#1001] Your request");
    assert_eq!(ack.kind, MailKind::AutoReply, "acknowledgements are marked automatic");
    assert!(ack.text.contains("We received your request #1001"), "{}", ack.text);
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
async fn a_chat_handed_off_without_an_address_asks_for_one_then_acknowledges(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let conversation_id = say(&mut socket, "Exports fail").await;

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
    assert_eq!(ack.subject, "[#1001] Your request", "the visitor's address is not proven yet");
    assert_eq!(ack.recipients, ["priya@example.com"]);
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
async fn a_host_backend_is_held_to_the_field_limits_of_the_console_and_the_messenger(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let created: Value =
        agent_send(&app, &admin, reqwest::Method::POST, "/api/v1/workspace/api-keys", json!({ "name": "Backend" }))
            .await
            .json()
            .await
            .expect("key");
    let key = created["key"].as_str().expect("the new key").to_owned();
    let too_many_tags: Vec<String> = (0..21).map(|n| format!("t{n}")).collect();
    let too_many_attributes: Vec<(String, String)> = (0..21).map(|n| (format!("k{n}"), "v".to_owned())).collect();
    let body = json!({
        "subject": "Refund", "description": "Charged twice.",
        "requester": { "email": "ming@example.net", "name": "M".repeat(501), "user_id": "line\nbreak" },
        "tags": too_many_tags,
        "details": { "actual": "x".repeat(5_001) },
        "context": { "page_url": "javascript:alert(1)", "attributes": too_many_attributes },
    });

    let refused = reqwest::Client::new()
        .post(app.url("/api/v1/backend/tickets"))
        .bearer_auth(&key)
        .json(&body)
        .send()
        .await
        .expect("post");

    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = refused.json().await.expect("error body");
    let fields: Vec<&str> = error.fields.iter().map(|field| field.field.as_str()).collect();
    assert_eq!(
        fields,
        ["requester.name", "requester.user_id", "tags", "details.actual", "context.page_url", "context.attributes"]
    );
    let tags_message = |error: &ErrorBody| error.fields.iter().find(|f| f.field == "tags").map(|f| f.message.clone());
    let queue: Vec<Value> =
        admin.http.get(app.url("/api/v1/tickets")).send().await.expect("queue").json().await.expect("json");
    assert!(queue.is_empty(), "nothing was created");
    // The console refuses the same tags with the same words.
    let visitor = app.create_visitor().await;
    email_us(&app, &visitor, "ming@example.net", "Refund").await;
    let patched =
        agent_send(&app, &admin, reqwest::Method::PATCH, "/api/v1/tickets/1001", json!({ "tags": too_many_tags }))
            .await;
    assert_eq!(patched.status(), StatusCode::BAD_REQUEST);
    let console_error: ErrorBody = patched.json().await.expect("error body");
    assert_eq!(tags_message(&console_error), tags_message(&error));
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
        ..Default::default()
    };
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket
        .send(&ClientFrame::Context {
            page_url: "https://host.example/app".into(),
            identity: Some(identity("nope")),
            locale: None,
            time_zone: None,
        })
        .await;
    let refused = socket.recv_until(|f| matches!(f, ServerFrame::Error { .. })).await;
    assert!(matches!(refused, ServerFrame::Error { .. }), "an address mail cannot go to is refused");
    socket
        .send(&ClientFrame::Context {
            page_url: "https://host.example/app".into(),
            identity: Some(identity("priya@example.com")),
            locale: None,
            time_zone: None,
        })
        .await;
    let conversation_id = say(&mut socket, "Help").await;

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
