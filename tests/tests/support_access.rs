//! Support access against the real server on both databases: a verified user grants
//! access from one device and sees it on another; an unverified visitor is refused; the
//! host backend lists the grant, gets a token its tooling verifies (a forged, expired
//! or foreign one does not), and records an action the admin and the user both see;
//! revoking and expiry (on the test clock) end it everywhere; and the audit log, which
//! also records admins' changes, cannot be changed by anyone.

use std::time::Duration;

use e2e::identity::{identify, identity_settings, user_hash};
use e2e::tickets::agent_send;
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, TestApp, Visitor};
use protocol::access::{AccessLevel, AuditEntry, Grant, GrantState, GrantToken, MyAccess};
use protocol::api::VisitorIdentity;
use protocol::frames::{ClientFrame, ServerFrame};
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

/// A messenger request with the visitor's token from the host origin.
async fn as_visitor(
    app: &TestApp,
    visitor: &Visitor,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(method, app.url(path))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("visitor request")
}

/// A host backend request with the API key.
async fn as_host(app: &TestApp, key: &str, method: Method, path: &str, body: Option<Value>) -> reqwest::Response {
    let mut request = reqwest::Client::new().request(method, app.url(path)).bearer_auth(key);
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.expect("host request")
}

/// A visitor the host proved to be `user_id`.
async fn verified_visitor(app: &TestApp, secret: &str, user_id: &str) -> Visitor {
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    let identity = VisitorIdentity {
        user_id: Some(user_id.to_owned()),
        name: Some("Priya Raman".to_owned()),
        user_hash: Some(user_hash(secret, user_id)),
        ..VisitorIdentity::default()
    };
    identify(&mut socket, identity).await.expect("the proof is accepted");
    visitor
}

async fn api_key(app: &TestApp, admin: &AgentClient) -> String {
    let response =
        agent_send(app, admin, Method::POST, "/api/v1/workspace/api-keys", json!({ "name": "Admin tool" })).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.expect("key");
    created["key"].as_str().expect("the key").to_owned()
}

async fn my_access(app: &TestApp, visitor: &Visitor) -> MyAccess {
    let response = as_visitor(app, visitor, Method::GET, "/api/v1/widget/access", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("access")
}

async fn audit(app: &TestApp, agent: &AgentClient, query: &str) -> reqwest::Response {
    agent.http.get(app.url(&format!("/api/v1/audit?{query}"))).send().await.expect("audit")
}

async fn audit_entries(app: &TestApp, admin: &AgentClient, query: &str) -> Vec<AuditEntry> {
    let response = audit(app, admin, query).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("entries")
}

async fn host_grants(app: &TestApp, key: &str, user_id: &str) -> Vec<Grant> {
    let response =
        as_host(app, key, Method::GET, &format!("/api/v1/backend/access/grants?user_id={user_id}"), None).await;
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("grants")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_verified_user_grants_access_the_host_honours_it_and_revoking_ends_it(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let secret = identity_settings(&app, &admin).await.secret;
    let laptop = verified_visitor(&app, &secret, "user-42").await;
    let phone = verified_visitor(&app, &secret, "user-42").await;

    // Not verified: told why, and nothing is granted.
    let stranger = app.create_visitor().await;
    assert!(!my_access(&app, &stranger).await.verified);
    let refused =
        as_visitor(&app, &stranger, Method::POST, "/api/v1/widget/access", Some(json!({"level": "act", "hours": 24})))
            .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let body: Value = refused.json().await.expect("error");
    assert!(body["message"].as_str().is_some_and(|m| m.contains("verified account")), "{body}");

    // Bad durations and levels are field errors.
    for (input, field) in [(json!({"level": "act", "hours": 5}), "hours"), (json!({"level": "admin", "hours": 1}), "")]
    {
        let response = as_visitor(&app, &laptop, Method::POST, "/api/v1/widget/access", Some(input)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        if !field.is_empty() {
            let body: Value = response.json().await.expect("error");
            assert_eq!(body["fields"][0]["field"], field, "{body}");
        }
    }

    let response =
        as_visitor(&app, &laptop, Method::POST, "/api/v1/widget/access", Some(json!({"level": "act", "hours": 24})))
            .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let grant: Grant = response.json().await.expect("grant");
    assert_eq!((grant.level, grant.state, grant.user_id.as_str()), (AccessLevel::Act, GrantState::Active, "user-42"));
    assert_eq!(grant.expires_at - grant.granted_at, 24 * 60 * 60 * 1000);
    let again =
        as_visitor(&app, &laptop, Method::POST, "/api/v1/widget/access", Some(json!({"level": "view", "hours": 1})))
            .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "one grant at a time");
    // The grant is the user's: their phone shows it.
    assert_eq!(my_access(&app, &phone).await.grants, std::slice::from_ref(&grant));

    // The host backend sees it, gets a token its tooling verifies, and records an action.
    let key = api_key(&app, &admin).await;
    assert_eq!(host_grants(&app, &key, "user-42").await, std::slice::from_ref(&grant));
    assert_eq!(
        as_host(&app, "hlk_wrong", Method::GET, "/api/v1/backend/access/grants?user_id=user-42", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let token_path = format!("/api/v1/backend/access/grants/{}/token", grant.id);
    let response = as_host(&app, &key, Method::POST, &token_path, Some(json!({"agent": "Ada"}))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let token: GrantToken = response.json().await.expect("token");
    let now_secs = app.state.clock.now() / 1000;
    let app_id = &app.workspace.app_id;
    let claims = server::access::token::verify(&secret, app_id, &token.token, now_secs).expect("the host verifies it");
    assert_eq!(
        (claims.sub.as_str(), claims.grant, claims.level, claims.agent.as_str()),
        ("user-42", grant.id, AccessLevel::Act, "Ada")
    );
    assert!(
        server::access::token::verify("hls_not-the-workspace-secret-0123456789", app_id, &token.token, now_secs)
            .is_err(),
        "forged"
    );
    assert!(server::access::token::verify(&secret, "another-app", &token.token, now_secs).is_err(), "another app's");
    assert!(server::access::token::verify(&secret, app_id, &token.token, token.expires_at / 1000).is_err(), "expired");

    let action = json!({"grant_id": grant.id, "action": "Changed the billing address", "agent": "Ada",
                        "before": "1 Old Street", "after": "2 New Road"});
    let response = as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(action)).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let bad = json!({"grant_id": grant.id, "action": "Two\nlines", "agent": "Ada"});
    assert_eq!(
        as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(bad)).await.status(),
        StatusCode::BAD_REQUEST
    );
    let unknown = json!({"grant_id": grant.id + 100, "action": "Anything", "agent": "Ada"});
    assert_eq!(
        as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(unknown)).await.status(),
        StatusCode::BAD_REQUEST
    );

    // Another workspace's key sees none of it, and gets no token or action for it.
    let other = app.other_workspace().await;
    let other_key = "hlk_another-workspaces-key-0123456789abcdef";
    let hash = server::auth::token::hash_token(other_key);
    app.state.store.create_api_key(other.id, "Theirs", &hash, app.state.clock.now()).await.expect("key");
    assert!(host_grants(&app, other_key, "user-42").await.is_empty());
    let foreign = as_host(&app, other_key, Method::POST, &token_path, Some(json!({"agent": "Eve"}))).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let foreign_action = json!({"grant_id": grant.id, "action": "Peeked", "agent": "Eve"});
    let response = as_host(&app, other_key, Method::POST, "/api/v1/backend/access/actions", Some(foreign_action)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // The user sees what was done under their grant; the admin sees it all, and as CSV.
    let seen = my_access(&app, &phone).await.actions;
    assert_eq!(seen.len(), 1);
    assert_eq!((seen[0].summary.as_str(), seen[0].actor.as_str()), ("Changed the billing address", "Ada"));
    let log = audit_entries(&app, &admin, "action=access.").await;
    let actions: Vec<&str> = log.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, ["access.action", "access.granted"]);
    assert_eq!(log[0].after.as_deref(), Some("2 New Road"));
    let agent = app.login(AGENT_EMAIL).await;
    assert_eq!(audit(&app, &agent, "").await.status(), StatusCode::FORBIDDEN, "admins only");
    let csv = admin.http.get(app.url("/api/v1/audit.csv?user_id=user-42")).send().await.expect("csv");
    assert_eq!(csv.status(), StatusCode::OK);
    let csv = csv.text().await.expect("csv text");
    assert!(csv.starts_with("Id,Time (UTC),Actor kind") && csv.contains("Changed the billing address"), "{csv}");

    // Revoked from the phone: the host sees nothing active, and nothing more is allowed.
    let other = verified_visitor(&app, &secret, "user-7").await;
    let revoke_path = format!("/api/v1/widget/access/{}", grant.id);
    assert_eq!(
        as_visitor(&app, &other, Method::DELETE, &revoke_path, None).await.status(),
        StatusCode::NOT_FOUND,
        "another user's"
    );
    let response = as_visitor(&app, &phone, Method::DELETE, &revoke_path, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let revoked: Grant = response.json().await.expect("grant");
    assert_eq!(revoked.state, GrantState::Revoked);
    assert!(host_grants(&app, &key, "user-42").await.is_empty());
    assert!(my_access(&app, &laptop).await.grants.is_empty());
    assert_eq!(
        as_host(&app, &key, Method::POST, &token_path, Some(json!({"agent": "Ada"}))).await.status(),
        StatusCode::CONFLICT
    );
    let late = json!({"grant_id": grant.id, "action": "Changed the plan", "agent": "Ada"});
    assert_eq!(
        as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(late)).await.status(),
        StatusCode::CONFLICT
    );
    let newest = &audit_entries(&app, &admin, "user_id=user-42").await[0];
    assert_eq!((newest.action.as_str(), newest.grant_id), ("access.revoked", Some(grant.id)));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_grant_expires_by_itself_and_its_expiry_is_recorded_once(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let secret = identity_settings(&app, &admin).await.secret;
    let visitor = verified_visitor(&app, &secret, "user-9").await;
    let response =
        as_visitor(&app, &visitor, Method::POST, "/api/v1/widget/access", Some(json!({"level": "view", "hours": 1})))
            .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let key = api_key(&app, &admin).await;
    assert_eq!(host_grants(&app, &key, "user-9").await.len(), 1);

    // A grant takes at most MAX_ACTIONS_PER_GRANT actions.
    let grant_id = host_grants(&app, &key, "user-9").await[0].id;
    let limit = server::access::MAX_ACTIONS_PER_GRANT;
    for n in 1..limit {
        let entry = server::store::NewAudit {
            workspace_id: app.workspace.id,
            actor_kind: protocol::access::ActorKind::Host,
            actor: "Ada",
            action: "access.action",
            user_id: Some("user-9"),
            grant_id: Some(grant_id),
            summary: &format!("Step {n}"),
            before: None,
            after: None,
        };
        app.state.store.audit(&entry, app.state.clock.now()).await.expect("append");
    }
    let action = |text: &str| json!({"grant_id": grant_id, "action": text, "agent": "Ada"});
    let last = as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(action("The last"))).await;
    assert_eq!(last.status(), StatusCode::CREATED);
    let over = as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(action("One more"))).await;
    assert_eq!(over.status(), StatusCode::CONFLICT);

    app.state.clock.advance(Duration::from_secs(59 * 60));
    assert_eq!(
        server::access::expiry::record_expiries(server::access::Services::of(&app.state)).await.expect("expiry"),
        0
    );
    app.state.clock.advance(Duration::from_secs(60));
    assert!(host_grants(&app, &key, "user-9").await.is_empty(), "over at its time, whether recorded yet or not");
    assert!(my_access(&app, &visitor).await.grants.is_empty());
    assert_eq!(
        server::access::expiry::record_expiries(server::access::Services::of(&app.state)).await.expect("expiry"),
        1
    );
    assert_eq!(
        server::access::expiry::record_expiries(server::access::Services::of(&app.state)).await.expect("expiry"),
        0
    );
    let expired = audit_entries(&app, &admin, "action=access.expired").await;
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].user_id.as_deref(), Some("user-9"));
    // Over: granting again is allowed.
    let response =
        as_visitor(&app, &visitor, Method::POST, "/api/v1/widget/access", Some(json!({"level": "act", "hours": 1})))
            .await;
    assert_eq!(response.status(), StatusCode::CREATED);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn admins_changes_are_logged_and_the_log_cannot_be_changed(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let response = agent_send(
        &app,
        &admin,
        Method::PUT,
        "/api/v1/workspace/origins",
        json!({"allowed_origins": ["https://app.acme.example"]}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = agent_send(&app, &admin, Method::POST, "/api/v1/workspace/identity/rotate", json!({})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let _ = api_key(&app, &admin).await;
    let path = format!("/api/v1/agents/{}", agent.session.agent.id);
    let response = agent_send(&app, &admin, Method::PATCH, &path, json!({"role": "admin"})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = agent_send(&app, &admin, Method::PATCH, &path, json!({"deactivated": true})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let log = audit_entries(&app, &admin, "").await;
    let actions: Vec<&str> = log.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "agent.deactivated",
            "agent.role",
            "workspace.api_key_created",
            "workspace.identity_secret",
            "workspace.origins"
        ]
    );
    assert!(log.iter().all(|entry| entry.actor == admin.session.agent.name));
    assert_eq!(log[1].after.as_deref(), Some("admin"));
    assert_eq!(log[4].after.as_deref(), Some("https://app.acme.example"));
    // Paging and filtering by time.
    let older = audit_entries(&app, &admin, &format!("before={}", log[2].id)).await;
    assert_eq!(older.len(), 2);
    assert!(audit_entries(&app, &admin, &format!("from={}", app.state.clock.now() + 1)).await.is_empty());

    // No way to change it: the database refuses, whoever asks.
    let pool = sqlx::AnyPool::connect(app.database_url()).await.expect("connect");
    let update = sqlx::query("UPDATE audit_log SET summary = 'nothing happened'").execute(&pool).await;
    assert!(update.is_err(), "an UPDATE went through");
    let delete = sqlx::query("DELETE FROM audit_log").execute(&pool).await;
    assert!(delete.is_err(), "a DELETE went through");
    pool.close().await;
    assert_eq!(audit_entries(&app, &admin, "").await, log);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn webhooks_are_signed_retried_after_a_failure_and_delivered_once(#[case] backend: Backend) {
    let receiver = e2e::receiver::Receiver::start(&[StatusCode::INTERNAL_SERVER_ERROR]).await;
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let secret = identity_settings(&app, &admin).await.secret;

    // Refusals first: not a URL, another scheme; admins only.
    for url in ["not a url", "ftp://host.example/hook"] {
        let response = agent_send(&app, &admin, Method::PUT, "/api/v1/workspace/webhook", json!({"url": url})).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{url}");
    }
    let agent = app.login(AGENT_EMAIL).await;
    let response =
        agent_send(&app, &agent, Method::PUT, "/api/v1/workspace/webhook", json!({"url": receiver.url})).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response =
        agent_send(&app, &admin, Method::PUT, "/api/v1/workspace/webhook", json!({"url": receiver.url})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let settings: protocol::access::WebhookSettings = response.json().await.expect("settings");
    assert!(settings.secret.starts_with("whsec_"));

    let visitor = verified_visitor(&app, &secret, "user-5").await;
    let response =
        as_visitor(&app, &visitor, Method::POST, "/api/v1/widget/access", Some(json!({"level": "view", "hours": 24})))
            .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let grant: Grant = response.json().await.expect("grant");

    // The first attempt is answered 500; the retry comes after the backoff, on the clock.
    // The worker records the failure (and when to retry, on that clock) just after the
    // receiver answers, so the clock moves on past the backoff until the retry comes.
    let first = receiver.wait_for(1).await;
    let mut retried = Err(1);
    for _ in 0..20 {
        app.state.clock.advance(Duration::from_secs(31));
        app.state.webhooks.poke();
        retried = receiver.wait_up_to(2, Duration::from_millis(500)).await;
        if retried.is_ok() {
            break;
        }
    }
    let hooks = retried.expect("the delivery is retried after its backoff");
    assert_eq!(
        hooks[0].header("helpline-delivery"),
        hooks[1].header("helpline-delivery"),
        "the same delivery, retried"
    );
    assert_eq!(hooks[1].header("helpline-event"), "access.granted");
    let body: Value = serde_json::from_str(&hooks[1].body).expect("json body");
    assert_eq!((body["event"].as_str(), body["grant"]["id"].as_i64()), (Some("access.granted"), Some(grant.id)));
    let now_secs = app.state.clock.now() / 1000;
    let signature = hooks[1].header("helpline-signature");
    assert!(server::webhooks::verify(&settings.secret, signature, &hooks[1].body, now_secs), "{signature}");
    assert!(!server::webhooks::verify(&settings.secret, signature, &hooks[1].body, now_secs + 301), "a replay later");
    assert!(!server::webhooks::verify("whsec_guess", signature, &hooks[1].body, now_secs), "forged");
    assert_eq!(first[0].body, hooks[1].body);

    // Delivered: nothing more comes for it, however often the worker runs.
    app.state.clock.advance(Duration::from_secs(3_600));
    let worker =
        server::webhooks::WebhookWorker::new(app.state.store.clone(), app.state.clock.clone()).expect("worker");
    assert_eq!(worker.run_once().await.expect("pass").delivered, 0);

    // Revoking is told too, at once.
    let revoke_path = format!("/api/v1/widget/access/{}", grant.id);
    assert_eq!(as_visitor(&app, &visitor, Method::DELETE, &revoke_path, None).await.status(), StatusCode::OK);
    let hooks = receiver.wait_for(3).await;
    assert_eq!(hooks[2].header("helpline-event"), "access.revoked");
    assert_eq!(receiver.hooks().len(), 3, "each event delivered once");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_agent_asks_from_the_chat_and_the_user_declines_or_approves(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let secret = identity_settings(&app, &admin).await.secret;
    let agent = app.login(AGENT_EMAIL).await;
    let visitor = verified_visitor(&app, &secret, "user-77").await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let chat = e2e::tickets::say(&mut socket, "Can you look at my billing page?").await;
    let ask = |body: Value| {
        let (app, agent) = (&app, &agent);
        async move {
            agent_send(app, agent, Method::POST, &format!("/api/v1/conversations/{chat}/access-request"), body).await
        }
    };

    // An unverified visitor's chat cannot be asked; a bad duration is a field error.
    let stranger = app.create_visitor().await;
    let mut stranger_socket = app.visitor_socket(&stranger).await;
    let stranger_chat = e2e::tickets::say(&mut stranger_socket, "Hello").await;
    let path = format!("/api/v1/conversations/{stranger_chat}/access-request");
    let refused = agent_send(&app, &agent, Method::POST, &path, json!({"level": "view", "hours": 1})).await;
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(ask(json!({"level": "view", "hours": 2})).await.status(), StatusCode::BAD_REQUEST);

    let response = ask(json!({"level": "view", "hours": 1})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let request: protocol::access::AccessRequest = response.json().await.expect("request");
    assert_eq!(ask(json!({"level": "act", "hours": 1})).await.status(), StatusCode::CONFLICT, "one waits at a time");
    // The visitor reads the request in the chat, and finds it under Support access.
    let frame = socket
        .recv_until(
            |f| matches!(f, ServerFrame::Message { message } if message.body.contains("asks for support access")),
        )
        .await;
    let ServerFrame::Message { message } = frame else { unreachable!() };
    assert!(message.body.contains("view only") && message.body.contains("1 hour"), "{}", message.body);
    assert_eq!(my_access(&app, &visitor).await.requests, std::slice::from_ref(&request));

    // Declined: nothing is granted, the request is gone, and the log says so.
    let answer_path = format!("/api/v1/widget/access/requests/{}", request.id);
    let response = as_visitor(&app, &visitor, Method::POST, &answer_path, Some(json!({"approve": false}))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let access: MyAccess = response.json().await.expect("access");
    assert!(access.grants.is_empty() && access.requests.is_empty());
    let again = as_visitor(&app, &visitor, Method::POST, &answer_path, Some(json!({"approve": true}))).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "answered already");

    // Asked again and approved: the grant is what the agent asked for.
    let response = ask(json!({"level": "act", "hours": 24})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let request: protocol::access::AccessRequest = response.json().await.expect("request");
    let other = verified_visitor(&app, &secret, "user-78").await;
    let answer_path = format!("/api/v1/widget/access/requests/{}", request.id);
    let foreign = as_visitor(&app, &other, Method::POST, &answer_path, Some(json!({"approve": true}))).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND, "another user's request");
    let response = as_visitor(&app, &visitor, Method::POST, &answer_path, Some(json!({"approve": true}))).await;
    assert_eq!(response.status(), StatusCode::OK);
    let access: MyAccess = response.json().await.expect("access");
    assert_eq!(access.grants.len(), 1);
    assert_eq!(
        (access.grants[0].level, access.grants[0].expires_at - access.grants[0].granted_at),
        (AccessLevel::Act, 24 * 3_600_000)
    );
    assert!(access.requests.is_empty());
    let log = audit_entries(&app, &admin, "user_id=user-77").await;
    let actions: Vec<&str> = log.iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, ["access.granted", "access.requested", "access.declined", "access.requested"]);

    // From a ticket of theirs: the messenger lists the request, with no chat to name.
    let ticket = e2e::tickets::email_us(&app, &visitor, "priya@example.com", "Billing page broken").await;
    let path = format!("/api/v1/tickets/{}/access-request", ticket.number);
    let response = agent_send(&app, &agent, Method::POST, &path, json!({"level": "view", "hours": 1})).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let request: protocol::access::AccessRequest = response.json().await.expect("request");
    assert_eq!(request.conversation_id, None);
    assert_eq!(my_access(&app, &visitor).await.requests, std::slice::from_ref(&request));
    let unknown = format!("/api/v1/tickets/{}/access-request", ticket.number + 1000);
    let response = agent_send(&app, &agent, Method::POST, &unknown, json!({"level": "view", "hours": 1})).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);

    // The chat's visitor panel reads the same; another workspace's agent can neither read
    // it nor ask, and learns nothing of the chat.
    let panel = agent.http.get(app.url(&format!("/api/v1/conversations/{chat}/access"))).send().await.expect("get");
    assert_eq!(panel.status(), StatusCode::OK);
    let panel: MyAccess = panel.json().await.expect("access");
    assert_eq!(panel, my_access(&app, &visitor).await);
    app.other_workspace().await;
    let eve = app.login(e2e::OTHER_EMAIL).await;
    let foreign = eve.http.get(app.url(&format!("/api/v1/conversations/{chat}/access"))).send().await.expect("get");
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    let path = format!("/api/v1/conversations/{chat}/access-request");
    let foreign = agent_send(&app, &eve, Method::POST, &path, json!({"level": "view", "hours": 1})).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);
    assert_eq!(my_access(&app, &visitor).await.requests.len(), 1, "Eve's request was not made");
}

/// The next `access` frame on a socket, skipping presence and the like: whose, and
/// the active grant's level.
async fn access_frame(socket: &mut e2e::WsClient) -> (String, Option<AccessLevel>) {
    match socket.recv_until(|frame| matches!(frame, ServerFrame::Access { .. })).await {
        ServerFrame::Access { user_id, access } => (user_id, access.level),
        _ => unreachable!(),
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn changes_of_access_reach_the_agents_and_every_socket_of_the_user_live(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let secret = identity_settings(&app, &admin).await.secret;
    let key = api_key(&app, &admin).await;
    let mut console = app.agent_socket(&admin).await;
    let user = |level| ("user-42".to_owned(), level);
    // The laptop's socket opens verified, and hears how access stands at once.
    let laptop = verified_visitor(&app, &secret, "user-42").await;
    let mut laptop_socket = app.visitor_socket(&laptop).await;
    assert_eq!(access_frame(&mut laptop_socket).await, user(None));
    // The phone's socket is verified once open, and hears it then.
    let phone = app.create_visitor().await;
    let mut phone_socket = app.visitor_socket(&phone).await;
    let identity = VisitorIdentity {
        user_id: Some("user-42".to_owned()),
        user_hash: Some(user_hash(&secret, "user-42")),
        ..VisitorIdentity::default()
    };
    let frames = identify(&mut phone_socket, identity).await.expect("the proof is accepted");
    let told = frames.iter().any(|frame| matches!(frame, ServerFrame::Access { user_id, .. } if user_id == "user-42"));
    assert!(told, "{frames:?}");
    let other = verified_visitor(&app, &secret, "user-7").await;
    let mut other_socket = app.visitor_socket(&other).await;
    assert_eq!(access_frame(&mut other_socket).await, ("user-7".to_owned(), None));
    let anonymous = app.create_visitor().await;
    let mut anonymous_socket = app.visitor_socket(&anonymous).await;

    let grant = |level: &str| Some(json!({"level": level, "hours": 1}));
    let response = as_visitor(&app, &laptop, Method::POST, "/api/v1/widget/access", grant("act")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let granted: Grant = response.json().await.expect("grant");
    for socket in [&mut console, &mut laptop_socket, &mut phone_socket] {
        assert_eq!(access_frame(socket).await, user(Some(AccessLevel::Act)));
    }

    // The host records an action, then the user revokes from the phone.
    let action = json!({"grant_id": granted.id, "action": "Changed the billing address", "agent": "Ada"});
    let recorded = as_host(&app, &key, Method::POST, "/api/v1/backend/access/actions", Some(action)).await;
    assert_eq!(recorded.status(), StatusCode::CREATED);
    for socket in [&mut console, &mut laptop_socket, &mut phone_socket] {
        assert_eq!(access_frame(socket).await, user(Some(AccessLevel::Act)));
    }
    let path = format!("/api/v1/widget/access/{}", granted.id);
    assert_eq!(as_visitor(&app, &phone, Method::DELETE, &path, None).await.status(), StatusCode::OK);
    for socket in [&mut console, &mut laptop_socket, &mut phone_socket] {
        assert_eq!(access_frame(socket).await, user(None));
    }

    // Another user's grant, and its expiry on the test clock: that user and the agents
    // hear of it; user-42's sockets and an anonymous visitor's hear nothing of it.
    let response = as_visitor(&app, &other, Method::POST, "/api/v1/widget/access", grant("view")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let seven = |level| ("user-7".to_owned(), level);
    assert_eq!(access_frame(&mut console).await, seven(Some(AccessLevel::View)));
    assert_eq!(access_frame(&mut other_socket).await, seven(Some(AccessLevel::View)));
    app.state.clock.advance(Duration::from_secs(61 * 60));
    let expired = server::access::expiry::record_expiries(server::access::Services::of(&app.state)).await;
    assert_eq!(expired.expect("expiry"), 1);
    assert_eq!(access_frame(&mut console).await, seven(None));
    assert_eq!(access_frame(&mut other_socket).await, seven(None));
    // The next thing user-42's sockets hear of is their own next grant.
    let response = as_visitor(&app, &laptop, Method::POST, "/api/v1/widget/access", grant("view")).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(access_frame(&mut laptop_socket).await, user(Some(AccessLevel::View)));
    assert_eq!(access_frame(&mut phone_socket).await, user(Some(AccessLevel::View)));
    assert_eq!(access_frame(&mut console).await, user(Some(AccessLevel::View)));
    // The anonymous visitor's socket is still served, and heard no access frame.
    anonymous_socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let next = anonymous_socket
        .recv_until(|frame| matches!(frame, ServerFrame::Access { .. } | ServerFrame::Synced { .. }))
        .await;
    assert!(matches!(next, ServerFrame::Synced { .. }), "{next:?}");
}
