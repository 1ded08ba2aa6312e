//! The HTTP API at its boundary: console sign-in with cookies and CSRF, origin checks,
//! workspace settings, health probes and graceful shutdown, on both databases.

use e2e::{Backend, EVIL_ORIGIN, HOST_ORIGIN, TestApp, WsClient};
use protocol::api::{AgentSession, Workspace};
use protocol::frames::ServerFrame;
use protocol::limits::CSRF_HEADER;
use protocol::{ErrorBody, ErrorCode};
use reqwest::StatusCode;
use rstest::rstest;

async fn error_of(response: reqwest::Response) -> ErrorBody {
    response.json().await.expect("error body")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn sign_in_sets_a_strict_cookie_and_wrong_passwords_are_refused(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let http = reqwest::Client::new();
    let wrong = http
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": e2e::ADMIN_EMAIL, "password": "not the password" }))
        .send()
        .await
        .expect("login");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_of(wrong).await.code, ErrorCode::Unauthorized);
    let unknown = http
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": "nobody@acme.example", "password": e2e::PASSWORD }))
        .send()
        .await
        .expect("login");
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);

    let response = http
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": " ADMIN@acme.example ", "password": e2e::PASSWORD }))
        .send()
        .await
        .expect("login");
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers().get("set-cookie").and_then(|v| v.to_str().ok()).expect("cookie").to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain HTTP cannot carry a Secure cookie: {cookie}");
    let session: AgentSession = response.json().await.expect("session");
    assert_eq!(session.agent.email, e2e::ADMIN_EMAIL);

    assert_eq!(http.get(app.url("/api/v1/auth/me")).send().await.expect("me").status(), StatusCode::UNAUTHORIZED);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn state_changing_requests_need_the_csrf_token(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let body = serde_json::json!({ "allowed_origins": ["https://new.example"] });

    let without = admin.http.put(app.url("/api/v1/workspace/origins")).json(&body).send().await.expect("put");
    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_of(without).await.code, ErrorCode::CsrfFailed);
    let wrong = admin
        .http
        .put(app.url("/api/v1/workspace/origins"))
        .header(CSRF_HEADER, "x".repeat(43))
        .json(&body)
        .send()
        .await
        .expect("put");
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let cross_site = admin
        .http
        .put(app.url("/api/v1/workspace/origins"))
        .header(CSRF_HEADER, &admin.session.csrf_token)
        .header("origin", EVIL_ORIGIN)
        .json(&body)
        .send()
        .await
        .expect("put");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_of(cross_site).await.code, ErrorCode::OriginNotAllowed);

    let logout = admin.http.post(app.url("/api/v1/auth/logout")).send().await.expect("logout");
    assert_eq!(logout.status(), StatusCode::FORBIDDEN, "logout without CSRF must fail");
    let logout = admin
        .http
        .post(app.url("/api/v1/auth/logout"))
        .header(CSRF_HEADER, &admin.session.csrf_token)
        .send()
        .await
        .expect("logout");
    assert_eq!(logout.status(), StatusCode::NO_CONTENT);
    let me = admin.http.get(app.url("/api/v1/auth/me")).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED, "the session ends on logout");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn admins_edit_allowed_origins_and_agents_cannot(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let put = |client: &e2e::AgentClient, origins: serde_json::Value| {
        client
            .http
            .put(app.url("/api/v1/workspace/origins"))
            .header(CSRF_HEADER, &client.session.csrf_token)
            .json(&serde_json::json!({ "allowed_origins": origins }))
            .send()
    };
    let invalid =
        put(&admin, serde_json::json!(["https://ok.example", "https://bad.example/path"])).await.expect("put");
    assert_eq!(invalid.status(), StatusCode::BAD_REQUEST);
    assert!(error_of(invalid).await.message.contains("https://bad.example/path"));
    let unchanged: Workspace =
        admin.http.get(app.url("/api/v1/workspace")).send().await.expect("get").json().await.expect("json");
    assert_eq!(unchanged.allowed_origins, [HOST_ORIGIN], "a rejected update changes nothing");

    let saved =
        put(&admin, serde_json::json!(["https://App.Example/", "", "http://localhost:3000"])).await.expect("put");
    assert_eq!(saved.status(), StatusCode::OK);
    let saved: Workspace = saved.json().await.expect("json");
    assert_eq!(saved.allowed_origins, ["http://localhost:3000", "https://app.example"]);

    let agent = app.login(e2e::AGENT_EMAIL).await;
    let refused = put(&agent, serde_json::json!([])).await.expect("put");
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // The messenger now follows the new list.
    let page = reqwest::get(app.url(&format!("/messenger?app_id={}&host=https://app.example", app.workspace.app_id)))
        .await
        .expect("page");
    assert_ne!(page.status(), StatusCode::FORBIDDEN);
    let old = reqwest::get(app.url(&format!("/messenger?app_id={}&host={HOST_ORIGIN}", app.workspace.app_id)))
        .await
        .expect("page");
    assert_eq!(old.status(), StatusCode::FORBIDDEN);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn requests_from_disallowed_origins_are_refused(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Creating a visitor: the server's own origin and allowed hosts may, others not.
    assert_eq!(app.post_visitor(Some(&app.base_url)).await.status(), StatusCode::CREATED);
    assert_eq!(app.post_visitor(Some(HOST_ORIGIN)).await.status(), StatusCode::CREATED);
    let evil = app.post_visitor(Some(EVIL_ORIGIN)).await;
    assert_eq!(evil.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_of(evil).await.code, ErrorCode::OriginNotAllowed);

    // The visitor socket from another origin fails the handshake, even with a good token.
    let visitor = app.create_visitor().await;
    let refused = WsClient::connect_visitor(&app.ws_url("/api/v1/widget/ws"), &visitor.token, EVIL_ORIGIN).await;
    assert!(
        matches!(refused, Err(tokio_tungstenite::tungstenite::Error::Http(ref r)) if r.status() == 403),
        "{refused:?}"
    );
    // So does the session check.
    let session = reqwest::Client::new()
        .get(app.url("/api/v1/widget/session"))
        .bearer_auth(&visitor.token)
        .header("origin", EVIL_ORIGIN)
        .send()
        .await
        .expect("session");
    assert_eq!(session.status(), StatusCode::FORBIDDEN);

    // The agent socket and sign-in refuse other origins too.
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let refused = WsClient::connect_agent(&app.ws_url("/api/v1/agent/ws"), &agent.cookie, EVIL_ORIGIN).await;
    assert!(refused.is_err());
    let login = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .header("origin", EVIL_ORIGIN)
        .json(&serde_json::json!({ "email": e2e::AGENT_EMAIL, "password": e2e::PASSWORD }))
        .send()
        .await
        .expect("login");
    assert_eq!(login.status(), StatusCode::FORBIDDEN);

    // The messenger document refuses unknown hosts and limits who may frame it.
    let page = reqwest::get(app.url(&format!("/messenger?app_id={}&host={EVIL_ORIGIN}", app.workspace.app_id)))
        .await
        .expect("page");
    assert_eq!(page.status(), StatusCode::FORBIDDEN);
    // The refusal tells the loader on the named host (only there) that it is the answer.
    let refusal = page.text().await.expect("body");
    assert!(refusal.contains("This site is not allowed to embed this messenger."), "{refusal}");
    assert!(
        refusal.contains(&format!(r#"parent.postMessage({{helpline:1,type:"refused"}},"{EVIL_ORIGIN}")"#)),
        "{refusal}"
    );
    let unknown = reqwest::get(app.url(&format!("/messenger?app_id=nope&host={HOST_ORIGIN}"))).await.expect("page");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let not_an_origin =
        reqwest::get(app.url(&format!("/messenger?app_id={}&host=javascript:alert(1)", app.workspace.app_id)))
            .await
            .expect("page");
    assert_eq!(not_an_origin.status(), StatusCode::FORBIDDEN);
    assert!(!not_an_origin.text().await.expect("body").contains("<script"), "no message without a real origin");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn visitor_tokens_restore_the_session_and_unknown_ones_are_refused(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = app.create_visitor().await;
    assert_eq!(visitor.token.len(), 43, "256-bit token, base64url");
    let http = reqwest::Client::new();
    let restored: protocol::api::WidgetSession = http
        .get(app.url("/api/v1/widget/session"))
        .bearer_auth(&visitor.token)
        .send()
        .await
        .expect("session")
        .json()
        .await
        .expect("json");
    assert_eq!(restored.visitor_id, visitor.id);
    assert_eq!(restored.token, None, "the token is handed out once");
    assert_eq!(restored.max_body_chars, protocol::limits::DEFAULT_MAX_BODY_CHARS);
    assert_eq!(restored.preload_idle_ms, 24 * 60 * 60 * 1000, "widget.preload_idle_hours, 24 by default");
    let unknown =
        http.get(app.url("/api/v1/widget/session")).bearer_auth("B".repeat(43)).send().await.expect("session");
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);

    // Only a hash of the token is stored.
    let stored = app.state.store.visitor_by_token_hash(&visitor.token).await.expect("query");
    assert!(stored.is_none());

    let bad_json = http
        .post(app.url("/api/v1/widget/visitors"))
        .header("content-type", "application/json")
        .body("{\"app_id\":")
        .send()
        .await
        .expect("post");
    assert_eq!(bad_json.status(), StatusCode::BAD_REQUEST);
    assert_eq!(error_of(bad_json).await.code, ErrorCode::BadRequest);
    let unknown_app = http
        .post(app.url("/api/v1/widget/visitors"))
        .json(&serde_json::json!({ "app_id": "nope" }))
        .send()
        .await
        .expect("post");
    assert_eq!(unknown_app.status(), StatusCode::NOT_FOUND);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn shutdown_closes_sockets_with_going_away_after_acknowledging(#[case] backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    assert_eq!(reqwest::get(app.url("/healthz")).await.expect("healthz").status(), StatusCode::OK);
    assert_eq!(reqwest::get(app.url("/readyz")).await.expect("readyz").status(), StatusCode::OK);
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket
        .send(&protocol::frames::ClientFrame::Send {
            conversation_id: None,
            client_id: "last".into(),
            body: "bye".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    let ack = socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await;
    assert!(matches!(ack, ServerFrame::Ack { seq: 1, .. }));

    app.shut_down().await;
    loop {
        match socket.next().await {
            e2e::ws::Received::Frame(_) => continue,
            e2e::ws::Received::Closed(frame) => {
                let frame = frame.expect("a close frame");
                assert_eq!(u16::from(frame.code), 1001);
                break;
            }
        }
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_operator_password_reset_signs_the_agent_out_everywhere(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    assert_eq!(agent.http.get(app.url("/api/v1/auth/me")).send().await.expect("me").status(), StatusCode::OK);
    let too_short = server::operator::reset_password(&app.state.store, e2e::AGENT_EMAIL, "short".into()).await;
    assert!(too_short.is_err());
    server::operator::reset_password(&app.state.store, e2e::AGENT_EMAIL, "a brand new passphrase".into())
        .await
        .expect("reset");
    assert_eq!(agent.http.get(app.url("/api/v1/auth/me")).send().await.expect("me").status(), StatusCode::UNAUTHORIZED);
    let unknown =
        server::operator::reset_password(&app.state.store, "nobody@acme.example", "a brand new passphrase".into())
            .await;
    assert!(unknown.is_err());
}
