//! Abuse limits at the API boundary: each limit hit answers `429` with `rate_limited`,
//! `Retry-After` and `retry_after_secs` (or, on a socket, a `rate_limited` error frame
//! with the connection kept), and recovers once the server clock moves on. Per-IP
//! limits key on the client behind a trusted proxy and ignore `X-Forwarded-For` from
//! anyone else.

use e2e::ws::send_frame as send;
use std::time::Duration;

use e2e::tickets::{INBOUND_SECRET, agent_send, email_us};
use e2e::{ADMIN_EMAIL, Backend, HOST_ORIGIN, TestApp, Visitor, WsClient};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::InboundOutcome;
use protocol::{ErrorBody, ErrorCode};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};
use server::Config;
use tokio_tungstenite::tungstenite;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

/// The address every test request comes from; trusted as a proxy where a test says so.
const LOOPBACK: &str = "127.0.0.1/32";

/// A `429` with the error contract: `rate_limited`, a `Retry-After` header and the same
/// number of seconds in the body.
async fn expect_rate_limited(response: reqwest::Response) -> ErrorBody {
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let header: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse().ok())
        .expect("a Retry-After header in whole seconds");
    let body: ErrorBody = response.json().await.expect("a JSON error body");
    assert_eq!(body.code, ErrorCode::RateLimited);
    assert!(!body.message.is_empty());
    assert_eq!(body.retry_after_secs, Some(header), "the body and the header agree");
    assert!(header >= 1);
    body
}

fn trust_loopback(config: &mut Config) {
    config.server.trusted_proxies = vec![LOOPBACK.parse().expect("network")];
}

fn rate(text: &str) -> server::limits::Rate {
    text.parse().expect("rate")
}

/// `POST /api/v1/widget/visitors` from the messenger's origin, claiming to be
/// `forwarded_for` when given.
async fn new_visitor(app: &TestApp, forwarded_for: Option<&str>) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .post(app.url("/api/v1/widget/visitors"))
        .header("origin", &app.base_url)
        .json(&json!({ "app_id": app.workspace.app_id }));
    if let Some(client) = forwarded_for {
        request = request.header("x-forwarded-for", client);
    }
    request.send().await.expect("post visitor")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn visitor_creation_is_limited_per_ip_and_recovers_on_the_clock(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.limits.visitors_per_ip = rate("3/minute")).await;
    for _ in 0..3 {
        assert_eq!(new_visitor(&app, None).await.status(), StatusCode::CREATED);
    }
    let refused = expect_rate_limited(new_visitor(&app, None).await).await;
    assert!((19..=20).contains(&refused.retry_after_secs.unwrap_or(0)), "one visitor back every 20 s: {refused:?}");

    app.state.clock.advance(Duration::from_secs(20));
    assert_eq!(new_visitor(&app, None).await.status(), StatusCode::CREATED, "a token came back");
    expect_rate_limited(new_visitor(&app, None).await).await;
}

#[tokio::test]
async fn per_ip_limits_separate_clients_behind_a_trusted_proxy() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        trust_loopback(config);
        config.limits.visitors_per_ip = rate("2/minute");
    })
    .await;
    for _ in 0..2 {
        assert_eq!(new_visitor(&app, Some("198.51.100.1")).await.status(), StatusCode::CREATED);
    }
    expect_rate_limited(new_visitor(&app, Some("198.51.100.1")).await).await;
    assert_eq!(
        new_visitor(&app, Some("198.51.100.2")).await.status(),
        StatusCode::CREATED,
        "another client behind the same proxy has its own bucket"
    );
    // A client prepending a forged hop is still keyed by the address the proxy saw.
    expect_rate_limited(new_visitor(&app, Some("203.0.113.50, 198.51.100.1")).await).await;
}

#[tokio::test]
async fn a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_dodge_the_limit() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| config.limits.visitors_per_ip = rate("2/minute")).await;
    assert_eq!(new_visitor(&app, Some("198.51.100.1")).await.status(), StatusCode::CREATED);
    assert_eq!(new_visitor(&app, Some("198.51.100.2")).await.status(), StatusCode::CREATED);
    // Without `server.trusted_proxies` the header is the client's word, and ignored.
    expect_rate_limited(new_visitor(&app, Some("198.51.100.3")).await).await;
}

/// Opens a visitor socket, optionally as `forwarded_for`; `Err` holds a refused
/// handshake's status and error body.
async fn open_visitor_socket(
    app: &TestApp,
    visitor: &Visitor,
    forwarded_for: Option<&str>,
) -> Result<WsClient, (u16, Option<ErrorBody>)> {
    let protocols =
        format!("{}, {}{}", protocol::limits::WS_PROTOCOL, protocol::limits::WS_TOKEN_PREFIX, visitor.token);
    open_socket(app, "/api/v1/widget/ws", &protocols, None, forwarded_for).await
}

async fn open_socket(
    app: &TestApp,
    path: &str,
    protocols: &str,
    cookie: Option<&str>,
    forwarded_for: Option<&str>,
) -> Result<WsClient, (u16, Option<ErrorBody>)> {
    let mut request = app.ws_url(path).into_client_request().expect("request");
    let headers = request.headers_mut();
    headers.insert("sec-websocket-protocol", HeaderValue::from_str(protocols).expect("header"));
    headers.insert("origin", HeaderValue::from_str(&app.base_url).expect("header"));
    if let Some(cookie) = cookie {
        headers.insert("cookie", HeaderValue::from_str(cookie).expect("header"));
    }
    if let Some(client) = forwarded_for {
        headers.insert("x-forwarded-for", HeaderValue::from_str(client).expect("header"));
    }
    match tokio_tungstenite::connect_async(request).await {
        Ok((stream, _)) => Ok(WsClient::from_stream(stream)),
        Err(tungstenite::Error::Http(response)) => {
            let body = response.body().as_deref().and_then(|bytes| serde_json::from_slice(bytes).ok());
            Err((response.status().as_u16(), body))
        }
        Err(other) => panic!("handshake failed: {other}"),
    }
}

fn expect_refused_socket(result: Result<WsClient, (u16, Option<ErrorBody>)>) -> ErrorBody {
    match result {
        Ok(_) => panic!("the handshake should have been refused"),
        Err((status, body)) => {
            assert_eq!(status, 429);
            let body = body.expect("a JSON error body");
            assert_eq!(body.code, ErrorCode::RateLimited);
            assert!(body.retry_after_secs.is_some_and(|secs| secs >= 1));
            body
        }
    }
}

/// Waits until the server has given back the closed sockets' slots.
async fn until_sockets_of_visitor(app: &TestApp, visitor: &Visitor, open: u32) {
    tokio::time::timeout(Duration::from_secs(10), async {
        while app.state.limits.sockets_per_visitor.count(&visitor.id) != open {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the closed socket's slot came back");
}

#[tokio::test]
async fn sockets_are_limited_per_visitor_and_a_closed_one_frees_its_place() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| config.limits.sockets_per_visitor = 2).await;
    let visitor = app.create_visitor().await;
    let first = open_visitor_socket(&app, &visitor, None).await.expect("first tab");
    let mut second = open_visitor_socket(&app, &visitor, None).await.expect("second tab");
    expect_refused_socket(open_visitor_socket(&app, &visitor, None).await);
    let other = app.create_visitor().await;
    open_visitor_socket(&app, &other, None).await.expect("another visitor is counted apart");

    // The refusal touched nothing: the open sockets still work.
    second.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    assert!(matches!(second.recv_significant().await, ServerFrame::Synced { .. }));

    first.close().await;
    until_sockets_of_visitor(&app, &visitor, 1).await;
    open_visitor_socket(&app, &visitor, None).await.expect("a closed tab's place is free again");
}

#[tokio::test]
async fn sockets_are_limited_per_ip_for_visitors_and_agents_together() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        trust_loopback(config);
        config.limits.sockets_per_ip = 2;
    })
    .await;
    let visitor = app.create_visitor().await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let office = Some("198.51.100.7");
    let _visitor_socket = open_visitor_socket(&app, &visitor, office).await.expect("visitor");
    let agent_socket =
        open_socket(&app, "/api/v1/agent/ws", protocol::limits::WS_PROTOCOL, Some(&agent.cookie), office).await;
    let _agent_socket = agent_socket.expect("an agent from the same network");

    let other_visitor = app.create_visitor().await;
    expect_refused_socket(open_visitor_socket(&app, &other_visitor, office).await);
    expect_refused_socket(
        open_socket(&app, "/api/v1/agent/ws", protocol::limits::WS_PROTOCOL, Some(&agent.cookie), office).await,
    );
    open_visitor_socket(&app, &other_visitor, Some("198.51.100.8")).await.expect("another network");
}

/// The next ack or error, skipping everything else.
async fn answer(socket: &mut WsClient) -> ServerFrame {
    socket.recv_until(|frame| matches!(frame, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await
}

fn expect_limited_frame(frame: ServerFrame, client_id: Option<&str>) -> u64 {
    match frame {
        ServerFrame::Error { code, message, retry_after_secs, client_id: refused, .. } => {
            assert_eq!(code, ErrorCode::RateLimited, "{message}");
            assert_eq!(refused.as_deref(), client_id);
            retry_after_secs.expect("retry_after_secs on a rate_limited frame")
        }
        other => panic!("expected a rate_limited error, got {other:?}"),
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn messages_over_the_socket_budget_are_refused_by_client_id_and_accepted_later(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.limits.messages_per_socket = rate("2/minute")).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    for client_id in ["m1", "m2"] {
        socket.send(&send(client_id, "hello")).await;
        assert!(matches!(answer(&mut socket).await, ServerFrame::Ack { .. }));
    }
    socket.send(&send("m3", "and a third")).await;
    let wait = expect_limited_frame(answer(&mut socket).await, Some("m3"));
    assert!((29..=30).contains(&wait), "one message back every 30 s: {wait}");
    let stored = app.state.store.open_conversation_of(visitor.id).await.expect("load").expect("conversation");
    assert_eq!(stored.last_seq, 2, "the refused message was not stored");

    // Typing is not a message: the connection and its frames carry on.
    socket.send(&ClientFrame::Typing { conversation_id: None, is_typing: true }).await;
    app.state.clock.advance(Duration::from_secs(wait));
    socket.send(&send("m3", "and a third")).await;
    match answer(&mut socket).await {
        ServerFrame::Ack { client_id, seq, .. } => assert_eq!((client_id.as_str(), seq), ("m3", 3)),
        other => panic!("expected the resend to be stored, got {other:?}"),
    }
}

#[tokio::test]
async fn frames_over_the_socket_budget_get_rate_limited_errors_and_the_connection_stays() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| config.limits.frames_per_socket = rate("3/minute")).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    for _ in 0..3 {
        socket.send(&ClientFrame::Typing { conversation_id: None, is_typing: true }).await;
    }
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let wait = expect_limited_frame(answer(&mut socket).await, None);
    socket.send(&send("f1", "hello")).await;
    let again = expect_limited_frame(answer(&mut socket).await, Some("f1"));
    assert!((19..=20).contains(&again), "a send names its client id: {again}");
    socket.send_raw("not even JSON").await;
    expect_limited_frame(answer(&mut socket).await, None);

    app.state.clock.advance(Duration::from_secs(wait));
    socket.send(&send("f1", "hello")).await;
    assert!(matches!(answer(&mut socket).await, ServerFrame::Ack { .. }), "the same socket works again");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn email_us_tickets_are_limited_per_visitor(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.limits.tickets_per_visitor = rate("2/day")).await;
    let visitor = app.create_visitor().await;
    email_us(&app, &visitor, "priya@example.com", "First").await;
    email_us(&app, &visitor, "priya@example.com", "Second").await;
    let refused = expect_rate_limited(ticket_form(&app, &visitor, "Third").await).await;
    assert!(refused.retry_after_secs.is_some_and(|secs| secs > 11 * 3600), "{refused:?}");
    let listed = app.state.store.tickets_of_visitor(visitor.id, 10).await.expect("tickets");
    assert_eq!(listed.len(), 2, "the refused form opened nothing");

    let neighbour = app.create_visitor().await;
    email_us(&app, &neighbour, "sam@example.com", "Mine").await;
    app.state.clock.advance(Duration::from_secs(12 * 3600));
    email_us(&app, &visitor, "priya@example.com", "Third").await;
}

#[tokio::test]
async fn email_us_tickets_are_limited_per_ip() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        trust_loopback(config);
        config.limits.tickets_per_ip = rate("2/day");
    })
    .await;
    for subject in ["One", "Two"] {
        let visitor = app.create_visitor().await;
        let created = ticket_form_from(&app, &visitor, subject, Some("198.51.100.1")).await;
        assert_eq!(created.status(), StatusCode::CREATED);
    }
    let visitor = app.create_visitor().await;
    expect_rate_limited(ticket_form_from(&app, &visitor, "Three", Some("198.51.100.1")).await).await;
    let elsewhere = ticket_form_from(&app, &visitor, "Three", Some("198.51.100.2")).await;
    assert_eq!(elsewhere.status(), StatusCode::CREATED, "another network has its own count");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn email_us_tickets_are_capped_per_workspace_per_day_and_a_workspace_may_set_its_own_cap(
    #[case] backend: Backend,
) {
    let app = TestApp::spawn_with(backend, |config| config.limits.tickets_per_workspace_per_day = 2).await;
    for subject in ["One", "Two"] {
        let visitor = app.create_visitor().await;
        email_us(&app, &visitor, "priya@example.com", subject).await;
    }
    let visitor = app.create_visitor().await;
    let refused = expect_rate_limited(ticket_form(&app, &visitor, "Three").await).await;
    assert!(refused.retry_after_secs.is_some_and(|secs| secs > 23 * 3600), "a day after the first: {refused:?}");

    // The count is the workspace's: another workspace's visitors are not affected.
    let other = app.other_workspace().await;
    let stranger = app.create_visitor_in(&other).await;
    assert_eq!(ticket_form(&app, &stranger, "Elsewhere").await.status(), StatusCode::CREATED);

    // An admin raises the cap for this workspace; it holds at the new number.
    let admin = app.login(ADMIN_EMAIL).await;
    let settings = support_settings(&app, &admin).await;
    assert_eq!(
        (settings["tickets_per_day"].clone(), settings["default_tickets_per_day"].clone()),
        (json!(null), json!(2))
    );
    let mut raised = settings.clone();
    raised["tickets_per_day"] = json!(0);
    let invalid = agent_send(&app, &admin, reqwest::Method::PUT, "/api/v1/workspace/support", raised.clone()).await;
    assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = invalid.json().await.expect("error");
    assert_eq!(error.fields[0].field, "tickets_per_day");
    raised["tickets_per_day"] = json!(3);
    let saved = agent_send(&app, &admin, reqwest::Method::PUT, "/api/v1/workspace/support", raised).await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert_eq!(support_settings(&app, &admin).await["tickets_per_day"], json!(3));
    email_us(&app, &visitor, "priya@example.com", "Three").await;
    let late = app.create_visitor().await;
    expect_rate_limited(ticket_form(&app, &late, "Four").await).await;

    app.state.clock.advance(Duration::from_secs(24 * 3600));
    email_us(&app, &late, "priya@example.com", "Four").await;
}

async fn support_settings(app: &TestApp, admin: &e2e::AgentClient) -> Value {
    let response = admin.http.get(app.url("/api/v1/workspace/support")).send().await.expect("get settings");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("settings")
}

async fn ticket_form(app: &TestApp, visitor: &Visitor, subject: &str) -> reqwest::Response {
    ticket_form_from(app, visitor, subject, None).await
}

async fn ticket_form_from(
    app: &TestApp,
    visitor: &Visitor,
    subject: &str,
    forwarded_for: Option<&str>,
) -> reqwest::Response {
    let body = json!({ "email": "priya@example.com", "subject": subject, "description": "The export does nothing." });
    // From the server's own origin, which every workspace allows.
    let mut request = reqwest::Client::new()
        .post(app.url("/api/v1/widget/tickets"))
        .bearer_auth(&visitor.token)
        .header("origin", &app.base_url)
        .json(&body);
    if let Some(client) = forwarded_for {
        request = request.header("x-forwarded-for", client);
    }
    request.send().await.expect("post ticket")
}

async fn search(app: &TestApp, visitor: &Visitor, forwarded_for: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url("/api/v1/widget/search?q=refund"))
        .bearer_auth(&visitor.token)
        .header("origin", HOST_ORIGIN)
        .header("x-forwarded-for", forwarded_for)
        .send()
        .await
        .expect("search")
}

#[tokio::test]
async fn help_center_searches_are_limited_per_ip() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        trust_loopback(config);
        config.limits.searches_per_ip = rate("3/minute");
    })
    .await;
    let visitor = app.create_visitor().await;
    for _ in 0..3 {
        assert_eq!(search(&app, &visitor, "198.51.100.1").await.status(), StatusCode::OK);
    }
    let refused = expect_rate_limited(search(&app, &visitor, "198.51.100.1").await).await;
    assert_eq!(search(&app, &visitor, "198.51.100.2").await.status(), StatusCode::OK, "another client");
    app.state.clock.advance(Duration::from_secs(refused.retry_after_secs.unwrap_or(20)));
    assert_eq!(search(&app, &visitor, "198.51.100.1").await.status(), StatusCode::OK, "recovered");
}

fn mail_from(sender: &str, n: u32) -> Vec<u8> {
    format!(
        "From: {sender}\r\nTo: support@helpline.example\r\nSubject: Question {n}\r\nMessage-ID: <limit-{n}@example.com>\r\n\r\nHello {n}.\r\n"
    )
    .into_bytes()
}

async fn post_inbound(app: &TestApp, raw: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/mail/inbound"))
        .bearer_auth(INBOUND_SECRET)
        .body(raw)
        .send()
        .await
        .expect("inbound post")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn inbound_mail_is_limited_per_sender_across_the_endpoint_and_mail_ingest(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.mail.inbound_secret = Some(INBOUND_SECRET.to_owned().into());
        config.limits.inbound_per_sender = rate("2/hour");
    })
    .await;
    let config = &app.state.config;
    let first = server::operator::ingest_mail(config, &mail_from("Loop <loop@example.com>", 1)).await.expect("taken");
    assert_eq!(first.outcome, InboundOutcome::Created);
    assert_eq!(post_inbound(&app, mail_from("loop@example.com", 2)).await.status(), StatusCode::OK);

    // The bucket is in the database: the endpoint and `mail ingest` processes share it.
    let refused = expect_rate_limited(post_inbound(&app, mail_from("LOOP@example.com", 3)).await).await;
    assert!(refused.retry_after_secs.is_some_and(|secs| secs > 25 * 60), "{refused:?}");
    let error = server::operator::ingest_mail(config, &mail_from("loop@example.com", 3)).await.expect_err("refused");
    assert_eq!(server::operator::ingest_exit_code(&error), server::operator::EX_TEMPFAIL, "the MTA retries later");
    let tickets = app.state.store.list_tickets(app.workspace.id, &Default::default(), 10).await.expect("tickets");
    assert_eq!(tickets.len(), 2, "refused mail opened nothing");
    assert_eq!(post_inbound(&app, mail_from("someone.else@example.com", 4)).await.status(), StatusCode::OK);

    app.state.clock.advance(Duration::from_secs(30 * 60));
    assert_eq!(post_inbound(&app, mail_from("loop@example.com", 3)).await.status(), StatusCode::OK, "recovered");
}
