//! The support process around tickets, on the server's movable clock: the pending
//! reminder and auto-close, a customer's reply stopping them, resolving with a rating
//! link and closing for good, and rating an ended chat.

use std::time::Duration;

use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, Backend, TestApp, Visitor};
use protocol::frames::ClientFrame;
use protocol::tickets::{InboundOutcome, TicketDetail, TicketStatus};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};
use server::mail::MailKind;

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
async fn an_ended_chat_asks_the_visitor_for_a_rating_once() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let conversation_id = say(&mut socket, "Hi").await;
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
