//! Helpers for the identity suites: the workspace's identity secret, proofs a host
//! would compute (`user_hash`, identity tokens), and sending `identify` over a visitor's
//! socket with its outcome.

use protocol::ErrorBody;
use protocol::api::{IdentitySettings, VisitorIdentity};
use protocol::frames::{ClientFrame, ServerFrame};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{AgentClient, TestApp, WsClient};

const CSRF_HEADER: &str = "x-csrf-token";

/// The workspace's identity settings, read by an admin through the console API.
pub async fn identity_settings(app: &TestApp, admin: &AgentClient) -> IdentitySettings {
    let response = admin.http.get(app.url("/api/v1/workspace/identity")).send().await.expect("get identity");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("identity settings")
}

/// `PUT /api/v1/workspace/identity` or `POST …/rotate` as the given agent.
pub async fn change_identity_settings(
    app: &TestApp,
    agent: &AgentClient,
    path: &str,
    body: Value,
) -> reqwest::Response {
    let request = if path.ends_with("/rotate") {
        agent.http.post(app.url(path))
    } else {
        agent.http.put(app.url(path)).json(&body)
    };
    request.header(CSRF_HEADER, &agent.session.csrf_token).send().await.expect("identity settings request")
}

/// The `user_hash` a host computes for `subject` (its user id, or the email).
pub fn user_hash(secret: &str, subject: &str) -> String {
    server::identity::user_hash(secret, subject)
}

/// An identity token as a host backend mints it: HS256 over `claims`.
pub fn identity_token(secret: &str, claims: &Value) -> String {
    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &EncodingKey::from_secret(secret.as_bytes()))
        .expect("encode token")
}

/// Seconds since the epoch on the server's clock, for a token's `exp`.
pub fn server_secs(app: &TestApp) -> i64 {
    app.state.clock.now() / 1000
}

/// An identity with a user id and email, and no proof.
pub fn claimed(user_id: &str, email: &str) -> VisitorIdentity {
    VisitorIdentity {
        user_id: Some(user_id.to_owned()),
        email: Some(email.to_owned()),
        name: Some(format!("User {user_id}")),
        ..VisitorIdentity::default()
    }
}

/// Sends `identify` as the messenger does (a `context` frame) and returns the server's
/// refusal, or the frames that came meanwhile (a replay, when the identity joined the
/// visitor to a user's open chat). A malformed frame after it is the marker: its answer
/// comes only once the context was handled, so no answer is missed or waited for in vain.
pub async fn identify(socket: &mut WsClient, identity: VisitorIdentity) -> Result<Vec<ServerFrame>, ErrorBody> {
    socket
        .send(&ClientFrame::Context {
            page_url: "https://host.example/app".into(),
            identity: Some(identity),
            locale: None,
            time_zone: None,
        })
        .await;
    socket.send_raw(&json!({ "type": "typing" }).to_string()).await;
    let mut refusal = None;
    let mut frames = Vec::new();
    loop {
        match socket.recv().await {
            ServerFrame::Error { code: protocol::ErrorCode::MalformedFrame, .. } => {
                return refusal.map_or(Ok(frames), Err);
            }
            refused @ ServerFrame::Error { .. } => refusal = refused.into_error().map(|(error, _)| error),
            frame => frames.push(frame),
        }
    }
}
