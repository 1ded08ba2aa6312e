//! Sessions and connections end when they should: agent sockets close with their
//! sign-in (sign-out, password reset, deactivation, expiry), console sessions time out
//! when idle, idle visitors are purged and their tokens expire, and HTTP connections
//! are bounded: slow headers, idle keep-alive, connections per address, silent
//! WebSocket peers, and requests refused before their body was read.

use std::time::{Duration, Instant};

use e2e::raw::{DEADLINE, RawConnection, close_code};
use e2e::ws::Received;
use e2e::{AgentClient, Backend, TestApp, WsClient};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::CSRF_HEADER;
use protocol::{ErrorBody, ErrorCode};
use reqwest::StatusCode;
use rstest::rstest;
use secrecy::SecretString;

/// The contract: an agent socket closes within this of its sign-in ending.
const SIGN_OUT_BOUND: Duration = Duration::from_secs(5);
const MINUTE: Duration = Duration::from_secs(60);
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// Waits for the server to close the socket and returns the close code and reason.
async fn closed(socket: &mut WsClient, within: Duration) -> (u16, String) {
    let wait = async {
        loop {
            if let Received::Closed(frame) = socket.next().await {
                return frame.map(|frame| (u16::from(frame.code), frame.reason.to_string()));
            }
        }
    };
    tokio::time::timeout(within, wait)
        .await
        .expect("the socket was still open at the deadline")
        .expect("a close frame with a code")
}

/// An agent socket, past its greeting.
async fn agent_socket(app: &TestApp, agent: &AgentClient) -> WsClient {
    let mut socket = app.agent_socket(agent).await;
    assert!(matches!(socket.recv().await, ServerFrame::Presence { .. }));
    socket
}

async fn me(app: &TestApp, agent: &AgentClient) -> StatusCode {
    agent.http.get(app.url("/api/v1/auth/me")).send().await.expect("me").status()
}

async fn login_status(app: &TestApp, email: &str) -> StatusCode {
    reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": e2e::PASSWORD }))
        .send()
        .await
        .expect("login")
        .status()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn signing_out_closes_that_sessions_sockets_at_once_and_no_others(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let other_browser = app.login(e2e::AGENT_EMAIL).await;
    let mut socket = agent_socket(&app, &agent).await;
    let mut other_socket = agent_socket(&app, &other_browser).await;

    let response = agent
        .http
        .post(app.url("/api/v1/auth/logout"))
        .header(CSRF_HEADER, &agent.session.csrf_token)
        .send()
        .await
        .expect("logout");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let signed_out = Instant::now();

    assert_eq!(closed(&mut socket, SIGN_OUT_BOUND).await, (4001, "signed out".to_owned()));
    assert!(signed_out.elapsed() < Duration::from_secs(1), "sign-out here closes at once, not at the next check");
    other_socket.send(&ClientFrame::Read { conversation_id: Some(i64::MAX), seq: 1 }).await;
    // Presence changed as the first socket left; the answer to the frame follows.
    let answer = other_socket.recv_until(|frame| matches!(frame, ServerFrame::Error { .. })).await;
    assert!(
        matches!(answer, ServerFrame::Error { code: ErrorCode::NotFound, .. }),
        "the same agent's other sign-in keeps its socket"
    );
    assert_eq!(me(&app, &other_browser).await, StatusCode::OK);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_password_reset_from_the_command_line_closes_the_agents_sockets(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut socket = agent_socket(&app, &agent).await;

    // What `helpline agent reset-password` runs, usually in another process: only the
    // database knows.
    server::operator::reset_password(&app.state.store, e2e::AGENT_EMAIL, "a brand new password".into())
        .await
        .expect("reset");

    assert_eq!(closed(&mut socket, SIGN_OUT_BOUND).await, (4001, "signed out".to_owned()));
    assert_eq!(me(&app, &agent).await, StatusCode::UNAUTHORIZED);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_deactivated_agent_is_signed_out_and_cannot_sign_in_until_reactivated(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut socket = agent_socket(&app, &agent).await;

    server::operator::deactivate_agent(&app.state.store, e2e::AGENT_EMAIL).await.expect("deactivate");

    assert_eq!(closed(&mut socket, SIGN_OUT_BOUND).await, (4001, "signed out".to_owned()));
    assert_eq!(me(&app, &agent).await, StatusCode::UNAUTHORIZED);
    let refused = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": e2e::AGENT_EMAIL, "password": e2e::PASSWORD }))
        .send()
        .await
        .expect("login");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let error: ErrorBody = refused.json().await.expect("error body");
    assert!(error.message.contains("deactivated"), "{}", error.message);
    assert_eq!(login_status(&app, e2e::ADMIN_EMAIL).await, StatusCode::OK, "nobody else is affected");

    server::operator::reactivate_agent(&app.state.store, e2e::AGENT_EMAIL).await.expect("reactivate");
    assert_eq!(login_status(&app, e2e::AGENT_EMAIL).await, StatusCode::OK);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_agent_socket_closes_when_its_session_expires(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.auth.session_ttl_hours = 1;
        config.auth.session_idle_minutes = 24 * 60;
    })
    .await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut socket = agent_socket(&app, &agent).await;

    app.state.clock.advance(60 * MINUTE + Duration::from_secs(1));

    assert_eq!(closed(&mut socket, SIGN_OUT_BOUND).await, (4001, "session expired".to_owned()));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_console_session_ends_when_idle_and_use_extends_it_within_its_lifetime(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.auth.session_ttl_hours = 2;
        config.auth.session_idle_minutes = 30;
    })
    .await;
    let busy = app.login(e2e::AGENT_EMAIL).await;
    let idle = app.login(e2e::ADMIN_EMAIL).await;

    for _ in 0..4 {
        app.state.clock.advance(25 * MINUTE);
        assert_eq!(me(&app, &busy).await, StatusCode::OK, "used every 25 minutes, never idle for 30");
    }
    assert_eq!(me(&app, &idle).await, StatusCode::UNAUTHORIZED, "unused for 100 minutes");

    app.state.clock.advance(25 * MINUTE);
    assert_eq!(me(&app, &busy).await, StatusCode::UNAUTHORIZED, "past its two-hour lifetime, however busy");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn frames_on_an_agent_socket_count_as_use_of_the_session(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.auth.session_idle_minutes = 30).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut socket = agent_socket(&app, &agent).await;

    app.state.clock.advance(20 * MINUTE);
    socket.send(&ClientFrame::Read { conversation_id: Some(i64::MAX), seq: 1 }).await;
    socket.recv_until(|frame| matches!(frame, ServerFrame::Error { .. })).await;
    // The socket records use at its next look at the session, every few seconds.
    let hash = server::auth::token::hash_token(agent.cookie.split_once('=').expect("cookie").1);
    let touched = async {
        loop {
            let session = app.state.store.session(&hash).await.expect("query").expect("session");
            if session.last_active_at >= app.state.clock.now() - MINUTE.as_millis() as i64 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    };
    tokio::time::timeout(SIGN_OUT_BOUND, touched).await.expect("the socket's use was recorded");

    app.state.clock.advance(20 * MINUTE);
    assert_eq!(me(&app, &agent).await, StatusCode::OK, "40 minutes after sign-in, 20 after the last frame");
}

async fn session_status(app: &TestApp, token: &str) -> StatusCode {
    reqwest::Client::new()
        .get(app.url("/api/v1/widget/session"))
        .bearer_auth(token)
        .send()
        .await
        .expect("session")
        .status()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn visitors_who_left_nothing_are_purged_after_the_idle_days(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let purge =
        || server::retention::purge_idle_visitors(&app.state.store, &app.state.clock, &app.state.config.retention);
    let passer_by = app.create_visitor().await;
    let returning = app.create_visitor().await;
    let chatting = app.create_visitor().await;
    let mut socket = app.visitor_socket(&chatting).await;
    socket
        .send(&ClientFrame::Send {
            conversation_id: None,
            client_id: "c-1".into(),
            body: "Hello".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    socket.recv_until(|frame| matches!(frame, ServerFrame::Ack { .. })).await;
    socket.close().await;
    let searching = app.create_visitor().await;
    let search = reqwest::Client::new()
        .get(app.url("/api/v1/widget/search?q=nothing%20matches%20this"))
        .bearer_auth(&searching.token)
        .send()
        .await
        .expect("search");
    assert_eq!(search.status(), StatusCode::OK);

    app.state.clock.advance(20 * DAY);
    assert_eq!(purge().await.expect("purge"), 0, "nobody is idle for 30 days yet");
    assert_eq!(session_status(&app, &returning.token).await, StatusCode::OK, "seen again on day 20");
    app.state.clock.advance(11 * DAY);

    assert_eq!(purge().await.expect("purge"), 1, "only the visitor who came once and left nothing");
    let store = &app.state.store;
    assert!(store.visitor(passer_by.id).await.expect("query").is_none());
    assert_eq!(session_status(&app, &passer_by.token).await, StatusCode::UNAUTHORIZED);
    for kept in [&returning, &chatting, &searching] {
        assert!(store.visitor(kept.id).await.expect("query").is_some(), "visitor {} is kept", kept.id);
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_visitor_token_unused_for_its_lifetime_is_refused_and_the_messenger_starts_afresh(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.auth.visitor_token_days = 180).await;
    let visitor = app.create_visitor().await;

    app.state.clock.advance(179 * DAY);
    assert_eq!(session_status(&app, &visitor.token).await, StatusCode::OK, "used on day 179");
    app.state.clock.advance(179 * DAY);
    assert_eq!(session_status(&app, &visitor.token).await, StatusCode::OK, "179 days after its last use");
    app.state.clock.advance(181 * DAY);

    assert_eq!(session_status(&app, &visitor.token).await, StatusCode::UNAUTHORIZED);
    let handshake = WsClient::connect_visitor(&app.ws_url("/api/v1/widget/ws"), &visitor.token, &app.base_url).await;
    assert!(handshake.is_err(), "the socket refuses the expired token too");
    let fresh = app.create_visitor().await;
    assert_ne!(fresh.id, visitor.id);
    assert_eq!(session_status(&app, &fresh.token).await, StatusCode::OK);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.server.header_timeout_secs = 1).await;
    let mut silent = RawConnection::open(app.addr).await;
    let mut slow = RawConnection::open(app.addr).await;
    let opened = Instant::now();
    slow.send(b"GET /healthz HTTP/1.1\r\nHost: helpline\r\nX-Slow: ").await;

    slow.closed_within(DEADLINE).await;
    silent.closed_within(DEADLINE).await;
    assert!(opened.elapsed() >= Duration::from_millis(900), "not before the timeout");

    let mut prompt = RawConnection::open(app.addr).await;
    prompt.send(b"GET /healthz HTTP/1.1\r\nHost: helpline\r\n\r\n").await;
    assert_eq!(prompt.response().await.status, 200, "a complete request is answered");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed(#[case] backend: Backend) {
    // The idle timeout, or the header timeout when shorter: HTTP/1.1 waits for the
    // next request's headers.
    for (header_timeout_secs, idle_timeout_secs) in [(30, 1), (1, 30)] {
        let app = TestApp::spawn_with(backend, |config| {
            config.server.header_timeout_secs = header_timeout_secs;
            config.server.idle_timeout_secs = idle_timeout_secs;
        })
        .await;
        let mut connection = RawConnection::open(app.addr).await;
        for _ in 0..2 {
            connection.send(b"GET /healthz HTTP/1.1\r\nHost: helpline\r\n\r\n").await;
            let response = connection.response().await;
            assert_eq!(response.status, 200);
            assert!(!response.closes(), "kept alive while in use");
        }
        let idle_from = Instant::now();

        connection.closed_within(DEADLINE).await;
        assert!(idle_from.elapsed() >= Duration::from_millis(900), "not before the timeout");
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[tokio::test]
async fn connections_over_the_per_address_cap_are_refused_with_429(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.limits.connections_per_ip = 2).await;
    let mut first = RawConnection::open(app.addr).await;
    let _second = RawConnection::open(app.addr).await;
    first.send(b"GET /healthz HTTP/1.1\r\nHost: helpline\r\n\r\n").await;
    assert_eq!(first.response().await.status, 200);

    let mut third = RawConnection::open(app.addr).await;
    third.send(b"GET /healthz HTTP/1.1\r\nHost: helpline\r\n\r\n").await;
    let refused = third.response().await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(refused.json()["code"], "rate_limited");
    third.closed_within(DEADLINE).await;

    drop(first);
    let retry = async {
        loop {
            let mut again = RawConnection::open(app.addr).await;
            again.send(b"GET /healthz HTTP/1.1\r\nHost: helpline\r\n\r\n").await;
            if again.response().await.status == 200 {
                return;
            }
        }
    };
    tokio::time::timeout(DEADLINE, retry).await.expect("a closed connection frees its place");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[tokio::test]
async fn a_websocket_peer_that_stops_answering_pings_is_dropped(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.chat.ping_secs = 1).await;
    let visitor = app.create_visitor().await;
    let mut answering = app.visitor_socket(&visitor).await;
    let mut silent = RawConnection::open(app.addr).await;
    let handshake = format!(
        "GET /api/v1/widget/ws HTTP/1.1\r\nHost: {addr}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\
         Sec-WebSocket-Protocol: helpline.v1, helpline.token.{token}\r\nOrigin: {origin}\r\n\r\n",
        addr = app.addr,
        token = visitor.token,
        origin = app.base_url,
    );
    silent.send(handshake.as_bytes()).await;
    assert_eq!(silent.response().await.status, 101);
    let upgraded = Instant::now();

    // The raw peer reads but never answers a ping; tungstenite answers while it reads.
    let dropped = async {
        let sent = silent.closed_within(DEADLINE).await;
        (sent, upgraded.elapsed())
    };
    let answered = tokio::time::timeout(Duration::from_secs(4), async {
        loop {
            if let Received::Closed(close) = answering.next().await {
                return close;
            }
        }
    });
    let ((sent, after), answered) = tokio::join!(dropped, answered);

    assert_eq!(close_code(&sent), Some(4008), "closed with the no-pong code");
    assert!(after >= Duration::from_secs(2), "after two unanswered pings, not before: {after:?}");
    assert!(answered.is_err(), "a peer that answers stays, however quiet: {answered:?}");
}

/// A console request with a body the CSRF check refuses before reading it.
fn refused_console_request(app: &TestApp, cookie: &str, body_len: usize) -> Vec<u8> {
    let body = format!("{{\"allowed_origins\":[\"https://x.example\"],\"pad\":\"{}\"}}", "x".repeat(body_len));
    let mut request = format!(
        "PUT /api/v1/workspace/origins HTTP/1.1\r\nHost: {}\r\nCookie: {cookie}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        app.addr,
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body.as_bytes());
    request
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[tokio::test]
async fn after_a_refusal_before_the_body_is_read_the_next_request_is_answered(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;

    for body_len in [100, 60_000] {
        let mut connection = RawConnection::open(app.addr).await;
        connection.send(&refused_console_request(&app, &admin.cookie, body_len)).await;
        let refused = connection.response().await;
        assert_eq!(refused.status, 403);
        assert_eq!(refused.json()["code"], "csrf_failed");

        // Either the server kept the connection (and answers on it), or it said it
        // would close it, so a client sends its next request on a new one.
        if refused.closes() {
            connection.closed_within(DEADLINE).await;
            connection = RawConnection::open(app.addr).await;
        }
        let next = format!("GET /api/v1/auth/me HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\n\r\n", app.addr, admin.cookie);
        connection.send(next.as_bytes()).await;
        assert_eq!(connection.response().await.status, 200, "the next request after a {body_len}-byte body");
    }

    // The same through an ordinary client that reuses its connection.
    for _ in 0..3 {
        let refused = admin
            .http
            .put(app.url("/api/v1/workspace/origins"))
            .json(&serde_json::json!({ "allowed_origins": [], "pad": "x".repeat(60_000) }))
            .send()
            .await
            .expect("the refused request is answered");
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        assert_eq!(me(&app, &admin).await, StatusCode::OK);
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[tokio::test]
async fn a_wrong_inbound_mail_secret_is_refused_before_the_body_is_sent(#[case] backend: Backend) {
    let app =
        TestApp::spawn_with(backend, |config| config.mail.inbound_secret = Some(SecretString::from("the right one")))
            .await;
    let mut connection = RawConnection::open(app.addr).await;
    let head = format!(
        "POST /api/v1/mail/inbound HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer the wrong one\r\n\
         Content-Type: message/rfc822\r\nContent-Length: {}\r\n\r\n",
        app.addr,
        10 * 1024 * 1024
    );
    connection.send(head.as_bytes()).await;
    connection.send(&vec![b'x'; 64 * 1024]).await;

    // Only 64 KiB of the announced 10 MiB were sent: an answer proves the secret was
    // checked first.
    let refused = connection.response().await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.json()["code"], "unauthorized");
    assert!(refused.closes(), "the unread rest of the body ends the connection");
}
