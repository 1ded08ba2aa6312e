//! Verified identity at the API boundary on both databases: `user_hash` and identity
//! tokens checked against the workspace's secret, forged, expired and foreign proofs
//! refused with nothing stored, a workspace that requires verification, the secret's
//! rotation, and a verified user's chat and tickets following them to another browser
//! while claims grant nothing.

use e2e::identity::*;
use e2e::tickets::{email_us, visitor_post};
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, Backend, TestApp, Visitor};
use protocol::ErrorCode;
use protocol::api::{ConversationDetail, VerificationMethod, VisitorIdentity};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::WidgetTicket;
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

async fn secret(app: &TestApp) -> String {
    let admin = app.login(ADMIN_EMAIL).await;
    identity_settings(app, &admin).await.secret
}

async fn my_tickets(app: &TestApp, visitor: &Visitor) -> Vec<i64> {
    let response = reqwest::Client::new()
        .get(app.url("/api/v1/widget/tickets"))
        .bearer_auth(&visitor.token)
        .send()
        .await
        .expect("list tickets");
    assert_eq!(response.status(), StatusCode::OK);
    let tickets: Vec<WidgetTicket> = response.json().await.expect("tickets");
    tickets.iter().map(|ticket| ticket.number).collect()
}

fn hashed(secret: &str, user_id: &str, email: &str) -> VisitorIdentity {
    VisitorIdentity { user_hash: Some(user_hash(secret, user_id)), ..claimed(user_id, email) }
}

fn tokened(token: String) -> VisitorIdentity {
    VisitorIdentity { identity_token: Some(token), ..VisitorIdentity::default() }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_forged_user_hash_is_refused_and_a_valid_one_verifies_the_user_id(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let secret = secret(&app).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;

    let forged =
        VisitorIdentity { user_hash: Some(user_hash("not the secret", "u-1")), ..claimed("u-1", "a@x.example") };
    let refused = identify(&mut socket, forged).await.expect_err("a forged hash is refused");
    let someone_else = VisitorIdentity { user_hash: Some(user_hash(&secret, "u-2")), ..claimed("u-1", "a@x.example") };
    let misplaced = identify(&mut socket, someone_else).await.expect_err("another user's hash is refused");

    assert_eq!(refused.code, ErrorCode::IdentityNotVerified);
    assert!(refused.message.contains("user_hash"), "{}", refused.message);
    assert_eq!(misplaced.code, ErrorCode::IdentityNotVerified);
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert_eq!(stored.identity, "{}", "nothing of a refused identity is stored");
    assert!(!stored.is_verified());

    identify(&mut socket, hashed(&secret, "u-1", "a@x.example")).await.expect("a valid hash verifies");
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert_eq!(stored.verified_user_id.as_deref(), Some("u-1"));
    assert_eq!(stored.verified_email, None, "a hash of the user id does not cover the email");
    assert!(!stored.identity.contains("user_hash"), "the proof itself is not stored: {}", stored.identity);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn expired_forged_and_foreign_identity_tokens_are_refused(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let secret = secret(&app).await;
    let other = app.other_workspace().await;
    let eve = app.login(e2e::OTHER_EMAIL).await;
    let other_secret = identity_settings(&app, &eve).await.secret;
    assert_ne!(other_secret, secret, "each workspace has its own secret");
    assert!(other.id != app.workspace.id);
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    let now = server_secs(&app);
    let claims = |exp: i64| json!({ "user_id": 42, "email": "ann@example.com", "name": "Ann Lee", "exp": exp });

    let expired = identify(&mut socket, tokened(identity_token(&secret, &claims(now - 3600)))).await;
    let forged = identify(&mut socket, tokened(identity_token("guessed", &claims(now + 600)))).await;
    let foreign = identify(&mut socket, tokened(identity_token(&other_secret, &claims(now + 600)))).await;
    let without_exp = identify(&mut socket, tokened(identity_token(&secret, &json!({ "user_id": "42" })))).await;

    for (what, outcome) in [("expired", expired), ("forged", forged), ("foreign", foreign), ("exp-less", without_exp)] {
        let error = outcome.expect_err(what);
        assert_eq!(error.code, ErrorCode::IdentityNotVerified, "{what}: {}", error.message);
    }
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert_eq!(stored.identity, "{}");

    let valid =
        VisitorIdentity { name: Some("Mallory".into()), ..tokened(identity_token(&secret, &claims(now + 600))) };
    identify(&mut socket, valid).await.expect("a valid token verifies");
    let conversation_id = {
        socket
            .send(&ClientFrame::Send {
                conversation_id: None,
                client_id: "c1".into(),
                body: "Hi".into(),
                files: Vec::new(),
                internal: false,
            })
            .await;
        match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await {
            ServerFrame::Ack { conversation_id, .. } => conversation_id,
            _ => unreachable!(),
        }
    };
    let agent = app.login(AGENT_EMAIL).await;
    let detail: ConversationDetail = agent
        .http
        .get(app.url(&format!("/api/v1/conversations/{conversation_id}")))
        .send()
        .await
        .expect("conversation")
        .json()
        .await
        .expect("detail");
    let verified = detail.visitor.verified.expect("the console sees what was verified");
    assert_eq!(verified.method, VerificationMethod::IdentityToken);
    assert_eq!(verified.user_id.as_deref(), Some("42"), "numeric ids are read as text");
    assert_eq!(verified.email.as_deref(), Some("ann@example.com"));
    assert_eq!(detail.visitor.name, "Ann Lee", "the token's name wins over a plain claim");
    assert!(
        app.state.store.address_verified(app.workspace.id, "ANN@example.com").await.expect("lookup"),
        "a verified identity's email is a verified address"
    );
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_workspace_that_requires_verification_refuses_claims_and_rotation_voids_old_proofs(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let path = "/api/v1/workspace/identity";
    let hidden = agent.http.get(app.url(path)).send().await.expect("get");
    assert_eq!(hidden.status(), StatusCode::FORBIDDEN, "agents do not see the secret");
    let refused = change_identity_settings(&app, &agent, path, json!({ "require_verified": true })).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN, "only admins change it");
    let secret = identity_settings(&app, &admin).await.secret;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    identify(&mut socket, claimed("u-1", "a@x.example")).await.expect("claims are taken while not required");

    let saved = change_identity_settings(&app, &admin, path, json!({ "require_verified": true })).await;

    assert_eq!(saved.status(), StatusCode::OK);
    let refusal = identify(&mut socket, claimed("u-1", "b@x.example")).await.expect_err("a claim is refused now");
    assert_eq!(refusal.code, ErrorCode::IdentityNotVerified);
    assert!(refusal.message.contains("only verified"), "{}", refusal.message);
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert!(stored.identity.contains("a@x.example") && !stored.identity.contains("b@x.example"));
    identify(&mut socket, hashed(&secret, "u-1", "a@x.example")).await.expect("a verified identity is taken");

    let rotated = change_identity_settings(&app, &admin, "/api/v1/workspace/identity/rotate", json!({})).await;
    assert_eq!(rotated.status(), StatusCode::OK);
    let new_secret = identity_settings(&app, &admin).await.secret;
    assert_ne!(new_secret, secret);
    let stale = identify(&mut socket, hashed(&secret, "u-1", "a@x.example")).await;
    assert_eq!(stale.expect_err("the old secret's proofs stop working").code, ErrorCode::IdentityNotVerified);
    identify(&mut socket, hashed(&new_secret, "u-1", "a@x.example")).await.expect("the new secret works");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_verified_users_tickets_and_chat_follow_them_to_another_browser_and_claims_get_nothing(
    #[case] backend: Backend,
) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = e2e::tickets::spawn(backend, &smtp).await;
    let secret = secret(&app).await;
    let first = app.create_visitor().await;
    let mut first_socket = app.visitor_socket(&first).await;
    identify(&mut first_socket, hashed(&secret, "u-7", "kim@example.com")).await.expect("verified");
    first_socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    first_socket.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;
    first_socket
        .send(&ClientFrame::Send {
            conversation_id: None,
            client_id: "k1".into(),
            body: "My invoice is wrong".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    first_socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await;
    let ticket = email_us(&app, &first, "kim@example.com", "Invoice").await;

    // The same user in another browser: a new visitor, verified as u-7.
    let second = app.create_visitor().await;
    let mut second_socket = app.visitor_socket(&second).await;
    second_socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let synced = second_socket.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;
    assert!(matches!(synced, ServerFrame::Synced { conversation_id: None, .. }), "nothing before verification");
    let replay = identify(&mut second_socket, hashed(&secret, "u-7", "kim@example.com")).await.expect("verified");

    assert!(
        replay.iter().any(|f| matches!(f, ServerFrame::Message { message } if message.body == "My invoice is wrong")),
        "the user's open chat continues in the new browser: {replay:?}"
    );
    assert_eq!(my_tickets(&app, &second).await, [ticket.number], "the user's tickets are listed");
    // Someone who only claims to be u-7, and another verified user, see nothing.
    let claimer = app.create_visitor().await;
    let mut claimer_socket = app.visitor_socket(&claimer).await;
    identify(&mut claimer_socket, claimed("u-7", "kim@example.com")).await.expect("a claim is stored");
    let stranger = app.create_visitor().await;
    let mut stranger_socket = app.visitor_socket(&stranger).await;
    identify(&mut stranger_socket, hashed(&secret, "u-8", "lee@example.com")).await.expect("verified");
    assert!(my_tickets(&app, &claimer).await.is_empty(), "a claim grants nothing");
    assert!(my_tickets(&app, &stranger).await.is_empty());
    for socket in [&mut claimer_socket, &mut stranger_socket] {
        socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
        let synced = socket.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;
        assert!(matches!(synced, ServerFrame::Synced { conversation_id: None, .. }), "no chat of u-7's");
    }
    let ServerFrame::Synced { conversation_id: Some(chat), .. } = synced_of(&mut first_socket).await else {
        panic!("the first browser has its chat");
    };
    claimer_socket.send(&ClientFrame::Subscribe { conversation_id: Some(chat), after_seq: 0 }).await;
    let refused = claimer_socket.recv_until(|f| matches!(f, ServerFrame::Error { .. })).await;
    assert!(matches!(refused, ServerFrame::Error { code: ErrorCode::NotFound, .. }));
    let claimed_ticket = visitor_post(
        &app,
        &claimer,
        &format!("/api/v1/widget/tickets/{}/email", ticket.number),
        json!({ "email": "x@example.com" }),
    )
    .await;
    assert_eq!(claimed_ticket.status(), StatusCode::NOT_FOUND);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_visitor_verified_as_one_user_cannot_become_another(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let secret = secret(&app).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    identify(&mut socket, hashed(&secret, "u-1", "a@x.example")).await.expect("verified");

    let switched = identify(&mut socket, hashed(&secret, "u-2", "b@x.example")).await;

    let error = switched.expect_err("another user on the same visitor is refused");
    assert_eq!(error.code, ErrorCode::IdentityNotVerified);
    assert!(error.message.contains("reset"), "{}", error.message);
    let stored = app.state.store.visitor(visitor.id).await.expect("load").expect("visitor");
    assert_eq!(stored.verified_user_id.as_deref(), Some("u-1"));
    identify(&mut socket, hashed(&secret, "u-1", "a@x.example")).await.expect("the same user again is fine");
}

/// Subscribes again and returns the `synced` answer.
async fn synced_of(socket: &mut e2e::WsClient) -> ServerFrame {
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await
}
