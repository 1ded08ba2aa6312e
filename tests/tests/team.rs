//! The team, managed in the console, against the real server on both databases and a
//! real SMTP server: an invitation mailed as a one-time link that creates the agent,
//! roles, and deactivation that ends the agent's socket and returns their chats to the
//! queue.

use std::time::Duration;

use e2e::smtp::SmtpServer;
use e2e::tickets::{self, agent_send};
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, Backend, TestApp};
use protocol::api::{Login, Role};
use protocol::frames::ServerFrame;
use protocol::inbox::{AgentAvailability, AssignReason, ConversationChange, Invite};
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::json;

const NEW_PASSWORD: &str = "a long enough new password";

/// The invitation link in a message the server sent.
fn invite_link(raw: &[u8]) -> String {
    let mail = tickets::parse(raw);
    mail.text.split_whitespace().find(|word| word.contains("/invite/")).expect("an invitation link").to_owned()
}

async fn sign_in(app: &TestApp, email: &str, password: &str) -> StatusCode {
    reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&Login { email: email.into(), password: password.into() })
        .send()
        .await
        .expect("login")
        .status()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_invitation_link_creates_the_agent_once(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = tickets::spawn(backend, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let response = agent_send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/agents/invites",
        json!({"email": " Grace@Acme.example ", "name": "Grace Hopper", "role": "agent"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let invite: Invite = response.json().await.expect("invite");
    assert_eq!(invite.email, "grace@acme.example");
    let pending: Vec<Invite> =
        admin.http.get(app.url("/api/v1/agents/invites")).send().await.expect("list").json().await.expect("json");
    assert_eq!(pending, std::slice::from_ref(&invite));

    let mail = smtp.wait_for_messages(1, Duration::from_secs(10)).await;
    let raw = String::from_utf8_lossy(&mail[0]);
    assert!(tickets::header(&raw, "To").is_some_and(|to| to.contains("grace@acme.example")), "{raw}");
    let link = invite_link(&mail[0]);
    let path = link.split_once("/invite/").map(|(_, token)| format!("/invite/{token}")).expect("path");

    // Opening the link spends nothing; it shows the form.
    let client = reqwest::Client::new();
    let page = client.get(app.url(&path)).send().await.expect("page");
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.expect("html").contains("grace@acme.example"));
    // A short or mismatched password is refused and spends nothing either.
    let short = client.post(app.url(&path)).form(&[("password", "short"), ("confirm", "short")]).send().await;
    assert_eq!(short.expect("post").status(), StatusCode::BAD_REQUEST);
    let differ =
        client.post(app.url(&path)).form(&[("password", NEW_PASSWORD), ("confirm", "something else entirely")]).send();
    assert_eq!(differ.await.expect("post").status(), StatusCode::BAD_REQUEST);

    let accepted = client.post(app.url(&path)).form(&[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).send();
    assert_eq!(accepted.await.expect("post").status(), StatusCode::OK);
    assert_eq!(sign_in(&app, "grace@acme.example", NEW_PASSWORD).await, StatusCode::OK);

    // Once only.
    let again = client.post(app.url(&path)).form(&[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]).send();
    assert_eq!(again.await.expect("post").status(), StatusCode::GONE);
    assert_eq!(client.get(app.url(&path)).send().await.expect("page").status(), StatusCode::GONE);
    let pending: Vec<Invite> =
        admin.http.get(app.url("/api/v1/agents/invites")).send().await.expect("list").json().await.expect("json");
    assert!(pending.is_empty());
    let agents: Vec<AgentAvailability> =
        admin.http.get(app.url("/api/v1/agents")).send().await.expect("agents").json().await.expect("json");
    let grace = agents.iter().find(|agent| agent.email == "grace@acme.example").expect("the new agent");
    assert_eq!((grace.name.as_str(), grace.role), ("Grace Hopper", Role::Agent));

    // An invitation expires.
    let response = agent_send(
        &app,
        &admin,
        Method::POST,
        "/api/v1/agents/invites",
        json!({"email": "late@acme.example", "name": "Late", "role": "admin"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let mail = smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    let late = invite_link(&mail[1]);
    let late_path = late.split_once("/invite/").map(|(_, token)| format!("/invite/{token}")).expect("path");
    app.state.clock.advance(Duration::from_secs(8 * 24 * 60 * 60));
    let expired = client.post(app.url(&late_path)).form(&[("password", NEW_PASSWORD), ("confirm", NEW_PASSWORD)]);
    assert_eq!(expired.send().await.expect("post").status(), StatusCode::GONE);
    assert_eq!(client.get(app.url("/invite/not-a-token")).send().await.expect("page").status(), StatusCode::GONE);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn invitations_and_changes_are_refused_when_they_should_be(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = tickets::spawn(backend, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let invites = "/api/v1/agents/invites";
    let refusals = [
        (&agent, json!({"email": "x@acme.example", "name": "X", "role": "agent"}), StatusCode::FORBIDDEN),
        (&admin, json!({"email": "not an address", "name": "X", "role": "agent"}), StatusCode::BAD_REQUEST),
        (&admin, json!({"email": "x@acme.example", "name": " ", "role": "agent"}), StatusCode::BAD_REQUEST),
        (&admin, json!({"email": "x@acme.example", "name": "X", "role": "owner"}), StatusCode::BAD_REQUEST),
        (&admin, json!({"email": AGENT_EMAIL, "name": "Again", "role": "agent"}), StatusCode::CONFLICT),
    ];
    for (who, body, expected) in refusals {
        let response = agent_send(&app, who, Method::POST, invites, body.clone()).await;
        assert_eq!(response.status(), expected, "{body}");
    }
    let me = format!("/api/v1/agents/{}", admin.session.agent.id);
    // Nobody takes their own admin rights or deactivates themselves, and a workspace
    // keeps an active admin.
    for body in [json!({"role": "agent"}), json!({"deactivated": true})] {
        let response = agent_send(&app, &admin, Method::PATCH, &me, body.clone()).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
    }
    let agent_path = format!("/api/v1/agents/{}", agent.session.agent.id);
    let response = agent_send(&app, &agent, Method::PATCH, &agent_path, json!({"role": "admin"})).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN, "an agent cannot promote themselves");
    // Promoted, the agent may invite.
    let response = agent_send(&app, &admin, Method::PATCH, &agent_path, json!({"role": "admin"})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let agent = app.login(AGENT_EMAIL).await;
    let response = agent_send(
        &app,
        &agent,
        Method::POST,
        invites,
        json!({"email": "new@acme.example", "name": "New", "role": "agent"}),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    // With two admins, one may now step down.
    let response = agent_send(&app, &admin, Method::PATCH, &me, json!({"role": "agent"})).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST, "still not their own rights");
    let response = agent_send(&app, &agent, Method::PATCH, &me, json!({"role": "agent"})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn deactivation_closes_the_agents_socket_and_returns_their_chats(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut agent_socket = app.agent_socket(&agent).await;
    let visitor = app.create_visitor().await;
    let mut visitor_socket = app.visitor_socket(&visitor).await;
    let id = tickets::say(&mut visitor_socket, "Hello, anyone?").await;
    // Only the agent is online: the chat is theirs.
    let routed = agent_socket
        .recv_until(
            |f| matches!(f, ServerFrame::Conversation { summary } if summary.id == id && summary.assignee_id.is_some()),
        )
        .await;
    assert!(
        matches!(routed, ServerFrame::Conversation { summary } if summary.assignee_id == Some(agent.session.agent.id))
    );

    let path = format!("/api/v1/agents/{}", agent.session.agent.id);
    let response = agent_send(&app, &admin, Method::PATCH, &path, json!({"deactivated": true})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    // The socket closes with its sign-in.
    loop {
        match agent_socket.next().await {
            e2e::ws::Received::Closed(close) => {
                assert_eq!(close.map(|frame| u16::from(frame.code)), Some(4001));
                break;
            }
            e2e::ws::Received::Frame(_) => continue,
        }
    }
    assert_eq!(sign_in(&app, AGENT_EMAIL, e2e::PASSWORD).await, StatusCode::FORBIDDEN, "deactivated");
    let detail: protocol::api::ConversationDetail = admin
        .http
        .get(app.url(&format!("/api/v1/conversations/{id}")))
        .send()
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(detail.summary.assignee_id, None, "back in the queue");
    assert!(detail.messages.iter().any(|message| matches!(
        message.change,
        Some(ConversationChange::Assigned { assignee_id: None, reason: AssignReason::AssigneeDeactivated, .. })
    )));

    // Reactivated, they may sign in again.
    let response = agent_send(&app, &admin, Method::PATCH, &path, json!({"deactivated": false})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(sign_in(&app, AGENT_EMAIL, e2e::PASSWORD).await, StatusCode::OK);
}
