//! The support process around tickets, on the server's movable clock: the pending
//! reminder and auto-close, a customer's reply stopping them, resolving with a rating
//! link that records only once confirmed and expires, closing for good, and rating an
//! ended chat.

use std::time::Duration;

use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, AgentClient, Backend, TestApp, Visitor};
use protocol::frames::ClientFrame;
use protocol::tickets::{InboundOutcome, TicketDetail, TicketEventKind, TicketStatus};
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

/// Resolves ticket 1001 and returns the satisfaction request's link for rating 4.
async fn rating_link(app: &TestApp, agent: &AgentClient, smtp: &SmtpServer) -> String {
    let response =
        agent_send(app, agent, reqwest::Method::PATCH, "/api/v1/tickets/1001", json!({ "status": "resolved" })).await;
    assert_eq!(response.status(), StatusCode::OK);
    let mail = smtp.wait_for_messages(2, WAIT).await;
    let request = parse(&mail[1]);
    assert!(request.text.contains("The links work for 30 days"), "{}", request.text);
    let link = request
        .text
        .lines()
        .find_map(|line| line.trim().strip_prefix("4 - Good: "))
        .expect("a link for rating 4")
        .to_owned();
    assert!(link.starts_with(&app.base_url), "{link}");
    link
}

/// `POST`s the rating form as a browser would.
async fn post_rating(link: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    let action = link.split('?').next().expect("the link's path");
    reqwest::Client::new().post(action).form(fields).send().await.expect("post rating")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn opening_a_rating_link_records_nothing_until_the_rating_is_confirmed(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    let link = rating_link(&app, &agent, &smtp).await;

    // What a mail scanner or link preview does: follow the link, twice.
    for _ in 0..2 {
        let page = reqwest::get(&link).await.expect("open link");
        assert_eq!(page.status(), StatusCode::OK);
        let csp = page.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        assert!(csp.contains("form-action 'self'") && csp.contains("default-src 'none'"), "{csp}");
        let html = page.text().await.expect("page");
        assert!(html.contains("Rate ticket #1001 as 4"), "{html}");
        assert!(html.contains("<form method=\"post\" action=\"/rate/"), "the form posts to this origin: {html}");
        assert!(html.contains("value=\"4\" required checked"), "4 is chosen: {html}");
        assert!(html.contains("name=\"comment\"") && html.contains(">Confirm</button>"), "{html}");
        assert!(!html.contains("<script"), "no script is needed");
    }
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(detail.satisfaction, None, "opening the link recorded nothing");
    assert!(!detail.events.iter().any(|event| event.kind == TicketEventKind::SatisfactionRated));
    let ratings: Vec<Value> =
        agent.http.get(app.url("/api/v1/ratings")).send().await.expect("ratings").json().await.expect("json");
    assert!(ratings.is_empty());

    let refused = post_rating(&link, &[("comment", "no rating chosen")]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.text().await.expect("page").contains("Choose a rating from 1 to 5."));
    assert_eq!(ticket_detail(&app, &agent, 1001).await.satisfaction, None);

    let confirmed = post_rating(&link, &[("rating", "4"), ("comment", "")]).await;
    assert_eq!(confirmed.status(), StatusCode::OK);
    assert!(confirmed.text().await.expect("page").contains("You rated our support 4 out of 5."));
    assert_eq!(ticket_detail(&app, &agent, 1001).await.satisfaction.map(|s| s.rating), Some(4));
    let changed = post_rating(&link, &[("rating", "5"), ("comment", "Fixed within the hour")]).await;
    assert_eq!(changed.status(), StatusCode::OK);
    let satisfaction = ticket_detail(&app, &agent, 1001).await.satisfaction.expect("rated");
    assert_eq!((satisfaction.rating, satisfaction.comment.as_deref()), (5, Some("Fixed within the hour")));

    app.state.clock.advance(6 * DAY);
    assert_eq!(app.state.desk.run_timers().await.expect("timers").closed_resolved, 0, "a resolved ticket may reopen");
    app.state.clock.advance(DAY + Duration::from_secs(60));
    assert_eq!(app.state.desk.run_timers().await.expect("timers").closed_resolved, 1);
    let agent = app.login(AGENT_EMAIL).await;
    assert_eq!(ticket_detail(&app, &agent, 1001).await.ticket.status, TicketStatus::Closed);
    assert_eq!(smtp.messages().len(), 2, "closing a resolved ticket sends nothing");
    let ratings: Vec<Value> =
        agent.http.get(app.url("/api/v1/ratings")).send().await.expect("ratings").json().await.expect("json");
    assert_eq!((ratings[0]["ticket_number"].as_i64(), ratings[0]["rating"].as_i64()), (Some(1001), Some(5)));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_rating_link_expires_after_thirty_days_and_a_tampered_one_is_not_found(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    let link = rating_link(&app, &agent, &smtp).await;
    let (path, query) = link.split_once('?').expect("a query");
    let (id, rest) = path.rsplit_once("/rate/").map(|(_, token)| token).and_then(|t| t.split_once('.')).expect("id");
    let (expires, mac) = rest.split_once('.').expect("expiry and mac");

    // A longer life, another ticket, or another signature: none verifies.
    let later: i64 = expires.parse::<i64>().expect("expiry") + 365 * 86_400;
    for token in [format!("{id}.{later}.{mac}"), format!("{}.{expires}.{mac}", id.parse::<i64>().expect("id") + 1)] {
        let page = reqwest::get(format!("{}/rate/{token}?{query}", app.base_url)).await.expect("open");
        assert_eq!(page.status(), StatusCode::NOT_FOUND);
        assert!(page.text().await.expect("page").contains("This rating link is not valid"));
    }
    let tampered = link.replace("?rating=4", "0?rating=4");
    assert_eq!(reqwest::get(&tampered).await.expect("open").status(), StatusCode::NOT_FOUND);
    assert_eq!(post_rating(&tampered, &[("rating", "1")]).await.status(), StatusCode::NOT_FOUND);

    app.state.clock.advance(29 * DAY);
    assert_eq!(reqwest::get(&link).await.expect("open").status(), StatusCode::OK, "still valid on day 29");
    app.state.clock.advance(DAY + Duration::from_secs(60));
    let expired = reqwest::get(&link).await.expect("open");
    assert_eq!(expired.status(), StatusCode::NOT_FOUND);
    assert!(expired.text().await.expect("page").contains("This rating link has expired"));
    let late = post_rating(&link, &[("rating", "1")]).await;
    assert_eq!(late.status(), StatusCode::NOT_FOUND);
    let agent = app.login(AGENT_EMAIL).await;
    assert_eq!(ticket_detail(&app, &agent, 1001).await.satisfaction, None, "nothing was recorded");
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
