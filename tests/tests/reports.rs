//! Reports against the real server on both databases: a week of chats, tickets, ratings
//! and help-center visits made through the public API on a stopped clock, in a
//! workspace on Berlin time, and every figure of the report and its CSV checked
//! against values worked out by hand below. Then who may ask, and which dates.
//!
//! Business hours are the default, Monday to Friday 09:00–17:00, here in Berlin
//! (UTC+1 in March 2026): 08:00–16:00 UTC. The week reported is Monday 2 to Sunday 8
//! March 2026 in Berlin, 1 March 23:00 to 8 March 23:00 UTC.

use std::time::Duration;

use e2e::tickets::{agent_send, email_us, visitor_post};
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, TestApp, Visitor, WsClient};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::reports::{Channel, Day, Deflected, Durations, Hour, Ratings, Report, Sla, Targets};
use protocol::{ErrorBody, ErrorCode};
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::json;
use server::tickets::desk::CustomerReply;

const WEEK: &str = "from=2026-03-02&to=2026-03-08";

/// Unix milliseconds of an RFC 3339 moment.
fn ms(text: &str) -> i64 {
    text.parse::<jiff::Timestamp>().expect("timestamp").as_millisecond()
}

/// Moves the stopped clock forward to `text`.
fn advance_to(app: &TestApp, text: &str) {
    let now = app.state.clock.now();
    let wanted = ms(text);
    assert!(wanted >= now, "the clock only moves forward: {text}");
    app.state.clock.advance(Duration::from_millis(u64::try_from(wanted - now).expect("forward")));
}

async fn ack(socket: &mut WsClient) -> i64 {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Ack { conversation_id, .. } => conversation_id,
        other => panic!("expected an ack, got {other:?}"),
    }
}

/// The visitor writes in their chat (starting it the first time); returns the chat.
async fn visitor_writes(app: &TestApp, visitor: &Visitor, body: &str) -> i64 {
    let mut socket = app.visitor_socket(visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let client_id = uuid::Uuid::new_v4().to_string();
    let frame =
        ClientFrame::Send { conversation_id: None, client_id, body: body.into(), files: Vec::new(), internal: false };
    socket.send(&frame).await;
    ack(&mut socket).await
}

/// The agent writes in a chat: a reply, or with `internal` a note for the team.
async fn agent_writes(app: &TestApp, conversation_id: i64, body: &str, internal: bool) {
    let agent = app.login(AGENT_EMAIL).await;
    let mut socket = app.agent_socket(&agent).await;
    let client_id = uuid::Uuid::new_v4().to_string();
    let frame = ClientFrame::Send {
        conversation_id: Some(conversation_id),
        client_id,
        body: body.into(),
        files: Vec::new(),
        internal,
    };
    socket.send(&frame).await;
    assert_eq!(ack(&mut socket).await, conversation_id);
}

async fn expect_status(response: reqwest::Response, status: StatusCode) {
    let actual = response.status();
    let body = response.text().await.unwrap_or_default();
    assert_eq!(actual, status, "{body}");
}

async fn resolve_chat(app: &TestApp, admin: &AgentClient, id: i64) {
    let path = format!("/api/v1/conversations/{id}/status");
    expect_status(agent_send(app, admin, Method::PUT, &path, json!({ "status": "resolved" })).await, StatusCode::OK)
        .await;
}

async fn patch_ticket(app: &TestApp, admin: &AgentClient, number: i64, body: serde_json::Value) {
    let path = format!("/api/v1/tickets/{number}");
    expect_status(agent_send(app, admin, Method::PATCH, &path, body).await, StatusCode::OK).await;
}

async fn reply_to_ticket(app: &TestApp, agent: &AgentClient, number: i64) {
    let path = format!("/api/v1/tickets/{number}/replies");
    let body = json!({ "body": "Thanks, we are on it." });
    expect_status(agent_send(app, agent, Method::POST, &path, body).await, StatusCode::CREATED).await;
}

async fn rate_ticket(app: &TestApp, number: i64, rating: u8) {
    let ticket = app.state.store.ticket_by_number(app.workspace.id, number).await.expect("load").expect("ticket");
    app.state.desk.rate(&ticket, rating, None).await.expect("rate");
}

async fn search(app: &TestApp, visitor: &Visitor, query: &[(&str, &str)]) -> usize {
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/widget/search"))
        .query(query)
        .bearer_auth(&visitor.token)
        .send()
        .await
        .expect("search");
    assert_eq!(response.status(), StatusCode::OK);
    response.json::<Vec<serde_json::Value>>().await.expect("results").len()
}

async fn view_article(app: &TestApp, visitor: &Visitor, article_id: i64) {
    let path = format!("/api/v1/widget/articles/{article_id}/views");
    let response = reqwest::Client::new().post(app.url(&path)).bearer_auth(&visitor.token).send().await.expect("view");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

async fn get(app: &TestApp, agent: &AgentClient, path: &str) -> reqwest::Response {
    agent.http.get(app.url(path)).send().await.expect("get")
}

async fn fetch_report(app: &TestApp, agent: &AgentClient, query: &str) -> Report {
    let response = get(app, agent, &format!("/api/v1/reports?{query}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("report")
}

fn day(date: &str, [chats, tickets, resolved_chats, resolved_tickets, sla_breaches]: [u32; 5]) -> Day {
    Day { date: date.into(), chats, tickets, resolved_chats, resolved_tickets, sla_breaches }
}

fn durations(count: u32, median_secs: u64, p90_secs: u64) -> Durations {
    Durations { count, median_secs: Some(median_secs), p90_secs: Some(p90_secs) }
}

/// The CSV's tables: each a list of rows of fields (the report's fields hold no commas
/// or quotes).
fn tables(csv: &str) -> Vec<Vec<Vec<String>>> {
    csv.split("\r\n\r\n")
        .map(|table| {
            table
                .lines()
                .filter(|line| !line.is_empty())
                .map(|line| line.split(',').map(str::to_owned).collect())
                .collect()
        })
        .collect()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_week_of_support_adds_up_to_the_figures_worked_out_by_hand(#[case] backend: Backend) {
    // Sunday 1 March, 23:30 in Berlin: the day before the week.
    let app = TestApp::spawn_stopped_at(backend, ms("2026-03-01T22:30:00Z")).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let hours = json!({
        "time_zone": "Europe/Berlin",
        "weekly": ["09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "09:00-17:00", "", ""],
        "holidays": [], "reminder_days": 3, "close_days": 7,
    });
    expect_status(agent_send(&app, &admin, Method::PUT, "/api/v1/workspace/support", hours).await, StatusCode::OK)
        .await;
    let article = agent_send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/articles",
        json!({ "title": "Finding your invoices", "body": "Open Billing, then Invoices.", "status": "published" }),
    )
    .await;
    assert_eq!(article.status(), StatusCode::CREATED);
    let article_id = article.json::<serde_json::Value>().await.expect("article")["id"].as_i64().expect("id");

    // Chat Z starts on Sunday in Berlin, outside the week; it is answered inside it.
    let chat_z = visitor_writes(&app, &app.create_visitor().await, "Is anyone there?").await;
    // 00:30 on Monday in Berlin, still Sunday in UTC: chat C is the week's.
    advance_to(&app, "2026-03-01T23:30:00Z");
    let chat_c = visitor_writes(&app, &app.create_visitor().await, "Hello at night").await;

    // Monday 09:00 in Berlin.
    advance_to(&app, "2026-03-02T08:00:00Z");
    let admin = app.login(ADMIN_EMAIL).await;
    let visitor_a = app.create_visitor().await;
    let chat_a = visitor_writes(&app, &visitor_a, "Where is my invoice?").await;
    let elsewhere = app.other_workspace().await;
    visitor_writes(&app, &app.create_visitor_in(&elsewhere).await, "Not this workspace").await;
    advance_to(&app, "2026-03-02T08:05:00Z");
    agent_writes(&app, chat_z, "Good morning, how can I help?", false).await;
    advance_to(&app, "2026-03-02T08:10:00Z");
    // A note is not a response: chat A's first response is at 08:30.
    agent_writes(&app, chat_a, "Probably the billing bug again", true).await;
    advance_to(&app, "2026-03-02T08:20:00Z");
    resolve_chat(&app, &admin, chat_c).await;
    advance_to(&app, "2026-03-02T08:30:00Z");
    agent_writes(&app, chat_a, "It is under Billing, then Invoices.", false).await;
    // This visitor searched before writing "Email us": the search was followed.
    advance_to(&app, "2026-03-02T08:50:00Z");
    let visitor_t1 = app.create_visitor().await;
    assert_eq!(search(&app, &visitor_t1, &[("q", "refund")]).await, 0);
    advance_to(&app, "2026-03-02T09:00:00Z");
    // Ending a chat resolves it, and the messenger asks for a rating.
    let path = format!("/api/v1/conversations/{chat_a}/end");
    expect_status(agent_send(&app, &admin, Method::POST, &path, json!({})).await, StatusCode::NO_CONTENT).await;
    let rated = visitor_post(&app, &visitor_a, "/api/v1/widget/conversation/rating", json!({ "rating": 5 })).await;
    expect_status(rated, StatusCode::NO_CONTENT).await;
    email_us(&app, &visitor_t1, "ada@example.com", "Refund for March").await; // #1001
    advance_to(&app, "2026-03-02T10:00:00Z");
    email_us(&app, &app.create_visitor().await, "grace@example.com", "Export is broken").await; // #1002
    advance_to(&app, "2026-03-02T10:30:00Z");
    // Critical: its first response is due 8 working hours after creation, Tuesday 10:00.
    patch_ticket(&app, &admin, 1002, json!({ "priority": "critical" })).await;
    advance_to(&app, "2026-03-02T11:00:00Z");
    reply_to_ticket(&app, &admin, 1001).await;
    advance_to(&app, "2026-03-02T12:00:00Z");
    patch_ticket(&app, &admin, 1001, json!({ "status": "resolved" })).await;
    advance_to(&app, "2026-03-02T12:30:00Z");
    rate_ticket(&app, 1001, 4).await;
    // A search typed as you go is one search; suggestions for a chat message are none.
    advance_to(&app, "2026-03-02T13:00:00Z");
    let visitor_s1 = app.create_visitor().await;
    assert_eq!(search(&app, &visitor_s1, &[("q", "inv")]).await, 1);
    assert_eq!(search(&app, &visitor_s1, &[("q", "invoice")]).await, 1);
    search(&app, &visitor_s1, &[("q", "where is my invoice"), ("suggest", "true")]).await;
    advance_to(&app, "2026-03-02T13:01:00Z");
    view_article(&app, &visitor_s1, article_id).await;
    // This visitor writes in a chat 25 hours after searching: too late to count.
    advance_to(&app, "2026-03-02T14:00:00Z");
    let visitor_s2 = app.create_visitor().await;
    search(&app, &visitor_s2, &[("q", "password")]).await;
    // This one reads the article, then writes anyway, at 16:30 in Berlin.
    advance_to(&app, "2026-03-02T15:00:00Z");
    let visitor_b = app.create_visitor().await;
    view_article(&app, &visitor_b, article_id).await;
    advance_to(&app, "2026-03-02T15:30:00Z");
    let chat_b = visitor_writes(&app, &visitor_b, "The invoice shows the wrong address").await;
    advance_to(&app, "2026-03-02T15:45:00Z");
    agent_writes(&app, chat_b, "Looking at it tomorrow", true).await;

    // Tuesday.
    advance_to(&app, "2026-03-03T08:30:00Z");
    agent_writes(&app, chat_b, "Fixed: download it again.", false).await;
    advance_to(&app, "2026-03-03T11:00:00Z");
    let admin = app.login(ADMIN_EMAIL).await;
    reply_to_ticket(&app, &admin, 1002).await;
    advance_to(&app, "2026-03-03T13:00:00Z");
    let ticket = app.state.store.ticket_by_number(app.workspace.id, 1002).await.expect("load").expect("ticket");
    let reply = CustomerReply { body: "Still broken.", message_id: None, received: None, followers: Vec::new() };
    app.state.desk.customer_reply(&ticket, reply).await.expect("customer reply");
    advance_to(&app, "2026-03-03T15:00:00Z");
    visitor_writes(&app, &visitor_s2, "I cannot reset my password").await;

    // Wednesday: a ticket nobody has answered by the time of the report, not yet due.
    advance_to(&app, "2026-03-04T10:00:00Z");
    email_us(&app, &app.create_visitor().await, "alan@example.com", "Question about plans").await; // #1003

    // Thursday: #1002 resolved without answering the customer's second message.
    advance_to(&app, "2026-03-05T09:00:00Z");
    let admin = app.login(ADMIN_EMAIL).await;
    patch_ticket(&app, &admin, 1002, json!({ "status": "resolved" })).await;
    advance_to(&app, "2026-03-05T10:00:00Z");
    rate_ticket(&app, 1002, 2).await;

    // Sunday: a search whose day is not over at report time, a chat at 23:30 in Berlin,
    // and a ticket at 00:10 on Monday in Berlin, after the week.
    advance_to(&app, "2026-03-08T10:00:00Z");
    search(&app, &app.create_visitor().await, &[("q", "export")]).await;
    advance_to(&app, "2026-03-08T22:30:00Z");
    visitor_writes(&app, &app.create_visitor().await, "Late question").await;
    advance_to(&app, "2026-03-08T23:10:00Z");
    email_us(&app, &app.create_visitor().await, "late@example.com", "After the week").await; // #1004

    // Monday 9 March, 10:00 in Berlin.
    advance_to(&app, "2026-03-09T09:00:00Z");
    let admin = app.login(ADMIN_EMAIL).await;
    let report = fetch_report(&app, &admin, WEEK).await;

    assert_eq!(
        (report.from.as_str(), report.to.as_str(), report.time_zone.as_str()),
        ("2026-03-02", "2026-03-08", "Europe/Berlin")
    );
    assert_eq!(report.generated_at, ms("2026-03-09T09:00:00Z"));
    // Chats C, A and B on Monday, the late one of visitor S2 on Tuesday, the last on
    // Sunday; Z started the day before. Tickets #1001 to #1003; #1004 came after.
    // Chat first responses: Z 5 minutes (from Monday 09:00 in Berlin), A 30 minutes
    // (the note does not count), B 30 minutes on Monday and 30 on Tuesday.
    // Chat resolutions: C 20 minutes (from Monday 09:00), A 60 minutes.
    assert_eq!(
        report.chats,
        Channel {
            created: 5,
            resolved: 2,
            first_response: durations(3, 30 * 60, 60 * 60),
            resolution: durations(2, 40 * 60, 60 * 60),
        }
    );
    // Ticket first responses: #1001 2 hours, #1002 9 hours (6 on Monday, 3 on
    // Tuesday). Resolutions: #1001 3 hours, #1002 23 hours (6 + 8 + 8 + 1).
    assert_eq!(
        report.tickets,
        Channel {
            created: 3,
            resolved: 2,
            first_response: durations(2, (2 + 9) * 3600 / 2, 9 * 3600),
            resolution: durations(2, (3 + 23) * 3600 / 2, 23 * 3600),
        }
    );
    // #1001 answered in time. #1002's first response was due on Tuesday at 11:00 in
    // Berlin and came at 12:00; the answer owed for the customer's Tuesday 14:00
    // message fell due on Wednesday at 14:00 and never came. #1003 is not due yet.
    assert_eq!(
        report.sla,
        Sla { first_response: Targets { met: 1, breached: 1 }, next_response: Targets { met: 0, breached: 1 } }
    );
    assert_eq!(report.satisfaction.all, Ratings { count: 3, average: Some(3.67), distribution: [0, 1, 0, 1, 1] });
    assert_eq!(report.satisfaction.chats, Ratings { count: 1, average: Some(5.0), distribution: [0, 0, 0, 0, 1] });
    assert_eq!(report.satisfaction.tickets, Ratings { count: 2, average: Some(3.0), distribution: [0, 1, 0, 1, 0] });
    // Searches: "refund" was followed by "Email us", "invoice" and "password" were not
    // within a day, "export" is still within its day.
    assert_eq!(report.deflection.searches, Deflected { total: 4, followed: 1, deflected: 2 });
    assert_eq!(report.deflection.article_views, Deflected { total: 2, followed: 1, deflected: 1 });
    assert_eq!(
        report.days,
        [
            day("2026-03-02", [3, 2, 2, 1, 0]),
            day("2026-03-03", [1, 0, 0, 0, 1]),
            day("2026-03-04", [0, 1, 0, 0, 1]),
            day("2026-03-05", [0, 0, 0, 1, 0]),
            day("2026-03-06", [0, 0, 0, 0, 0]),
            day("2026-03-07", [0, 0, 0, 0, 0]),
            day("2026-03-08", [1, 0, 0, 0, 0]),
        ]
    );
    let busy: Vec<Hour> = report.busiest_hours.iter().copied().filter(|hour| hour.chats + hour.tickets > 0).collect();
    let hour = |weekday, hour, chats, tickets| Hour { weekday, hour, chats, tickets };
    assert_eq!(
        busy,
        [
            hour(1, 0, 1, 0),
            hour(1, 9, 1, 0),
            hour(1, 10, 0, 1),
            hour(1, 11, 0, 1),
            hour(1, 16, 1, 0),
            hour(2, 16, 1, 0),
            hour(3, 11, 0, 1),
            hour(7, 23, 1, 0)
        ]
    );
    assert_eq!(report.busiest_hours.len(), 168);

    // The CSV says the same.
    let response = get(&app, &admin, &format!("/api/v1/reports.csv?{WEEK}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(header("content-disposition"), "attachment; filename=\"helpline-report-2026-03-02-to-2026-03-08.csv\"");
    let csv = response.text().await.expect("csv");
    let tables = tables(&csv);
    assert_eq!(tables.len(), 7, "{csv}");
    assert_eq!(tables[0][1], ["2026-03-02", "2026-03-08", "Europe/Berlin", "2026-03-09T09:00:00Z"]);
    assert_eq!(tables[1][0][0], "Date");
    for (row, day) in tables[1][1..].iter().zip(&report.days) {
        let counts = [day.chats, day.tickets, day.resolved_chats, day.resolved_tickets, day.sla_breaches];
        let expected: Vec<String> = std::iter::once(day.date.clone()).chain(counts.map(|n| n.to_string())).collect();
        assert_eq!(row, &expected);
    }
    assert_eq!(tables[1].len(), 8, "a header and seven days");
    assert_eq!(tables[2][1], ["Chats", "5", "2", "3", "1800", "3600", "2400", "3600"]);
    assert_eq!(tables[2][2], ["Tickets", "3", "2", "2", "19800", "32400", "46800", "82800"]);
    assert_eq!(tables[3][1..], [["First response", "1", "1"], ["Next response", "0", "1"]]);
    assert_eq!(tables[4][1], ["All", "3", "3.67", "0", "1", "0", "1", "1"]);
    assert_eq!(tables[4][3], ["Tickets", "2", "3.00", "0", "1", "0", "1", "0"]);
    assert_eq!(tables[5][1..], [["Searches", "4", "1", "2"], ["Article views", "2", "1", "1"]]);
    assert_eq!(tables[6].len(), 1 + 168);
    assert_eq!(tables[6][1 + 9], ["Monday", "9", "1", "0"]);
    assert_eq!(tables[6][1 + 6 * 24 + 23], ["Sunday", "23", "1", "0"]);

    // The day before the week holds chat Z alone; Monday 9 March holds ticket #1004.
    let sunday = fetch_report(&app, &admin, "from=2026-03-01&to=2026-03-01").await;
    assert_eq!((sunday.chats.created, sunday.chats.first_response.count, sunday.tickets.created), (1, 0, 0));
    let monday = fetch_report(&app, &admin, "from=2026-03-09&to=2026-03-09").await;
    assert_eq!((monday.chats.created, monday.tickets.created), (0, 1));
    assert_eq!(monday.busiest_hours[0], hour(1, 0, 0, 1), "00:10 in Berlin");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn reports_are_for_admins_and_refuse_dates_they_cannot_read(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;

    for path in ["/api/v1/reports", "/api/v1/reports.csv"] {
        let anonymous = reqwest::Client::new().get(app.url(&format!("{path}?{WEEK}"))).send().await.expect("get");
        assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED, "{path}");
        let refused = get(&app, &agent, &format!("{path}?{WEEK}")).await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{path}");
        let body: ErrorBody = refused.json().await.expect("error body");
        assert_eq!((body.code, body.message.as_str()), (ErrorCode::Forbidden, "only admins can see reports"));
    }

    let cases: [(&str, &[&str], &str); 5] = [
        ("", &["from", "to"], "give the first day of the report as YYYY-MM-DD"),
        (
            "from=2026-03-02&to=yesterday",
            &["to"],
            "cannot read \"yesterday\" as a date; write the last day like 2026-03-31",
        ),
        ("from=2026-02-30&to=2026-03-08", &["from"], "write the first day like 2026-03-31"),
        ("from=2026-03-08&to=2026-03-02", &["to"], "the last day (2026-03-02) is before the first (2026-03-08)"),
        ("from=2026-01-01&to=2027-01-02", &["to"], "a report covers at most 366 days; this range has 367"),
    ];
    for (query, fields, message) in cases {
        for path in ["/api/v1/reports", "/api/v1/reports.csv"] {
            let response = get(&app, &admin, &format!("{path}?{query}")).await;
            assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}?{query}");
            let body: ErrorBody = response.json().await.expect("error body");
            assert_eq!(body.code, ErrorCode::BadRequest);
            let named: Vec<&str> = body.fields.iter().map(|field| field.field.as_str()).collect();
            assert_eq!(named, fields, "{query}");
            assert!(body.fields[0].message.contains(message), "{query}: {}", body.fields[0].message);
        }
    }

    // A leap year's 366 days are one report.
    let year = fetch_report(&app, &admin, "from=2028-01-01&to=2028-12-31").await;
    assert_eq!((year.days.len(), year.chats.created), (366, 0));
}
