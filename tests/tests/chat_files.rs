//! Files in the live chat and in "Email us", on both databases: a visitor's file and an
//! agent's file each reach the other side with the message that carries them, stay in
//! the history, and are served only to that conversation's visitor and the workspace's
//! agents; one visitor cannot send or fetch another's upload; limits and bad input are
//! refused with the message kept out.

use e2e::tickets::*;
use e2e::{AGENT_EMAIL, AgentClient, Backend, OTHER_EMAIL, TestApp, Visitor, WsClient};
use protocol::ErrorCode;
use protocol::api::{AuthorKind, ConversationDetail};
use protocol::files::FileRef;
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::tickets::{TicketEventKind, WidgetTicket};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

/// A JPEG whose EXIF and XMP segments name a GPS position.
fn photo() -> Vec<u8> {
    include_bytes!("../fixtures/files/location.jpg").to_vec()
}

/// `POST /api/v1/widget/uploads?name=…` with the visitor's token.
async fn visitor_upload(app: &TestApp, visitor: &Visitor, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    reqwest::Client::new()
        .post(app.url("/api/v1/widget/uploads"))
        .query(&[("name", name)])
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .body(bytes)
        .send()
        .await
        .expect("visitor upload")
}

async fn visitor_uploaded(app: &TestApp, visitor: &Visitor, name: &str, bytes: Vec<u8>) -> FileRef {
    let response = visitor_upload(app, visitor, name, bytes).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("upload json")
}

async fn agent_uploaded(app: &TestApp, agent: &AgentClient, name: &str, bytes: Vec<u8>) -> FileRef {
    let response = agent
        .http
        .post(app.url("/api/v1/uploads"))
        .query(&[("name", name)])
        .header("x-csrf-token", &agent.session.csrf_token)
        .body(bytes)
        .send()
        .await
        .expect("agent upload");
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("upload json")
}

/// `GET /api/v1/widget/files/{id}` with the visitor's token.
async fn visitor_fetch(app: &TestApp, visitor: &Visitor, id: i64) -> reqwest::Response {
    reqwest::Client::new()
        .get(app.url(&format!("/api/v1/widget/files/{id}")))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .send()
        .await
        .expect("visitor fetch")
}

async fn agent_fetch(app: &TestApp, agent: &AgentClient, id: i64) -> reqwest::Response {
    agent.http.get(app.url(&format!("/api/v1/files/{id}"))).send().await.expect("agent fetch")
}

fn send_files(conversation_id: Option<i64>, client_id: &str, body: &str, files: Vec<i64>) -> ClientFrame {
    ClientFrame::Send { conversation_id, client_id: client_id.into(), body: body.into(), files, internal: false }
}

async fn subscribed_visitor(app: &TestApp, visitor: &Visitor) -> WsClient {
    let mut socket = app.visitor_socket(visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.recv_until(|frame| matches!(frame, ServerFrame::Synced { .. })).await;
    socket
}

async fn acked(socket: &mut WsClient) -> i64 {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Ack { conversation_id, .. } => conversation_id,
        other => panic!("expected an ack, got {other:?}"),
    }
}

async fn refused(socket: &mut WsClient) -> (ErrorCode, Option<String>) {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Error { code, message, client_id, .. } => {
            assert!(!message.is_empty());
            (code, client_id)
        }
        other => panic!("expected an error, got {other:?}"),
    }
}

async fn history(app: &TestApp, agent: &AgentClient, conversation_id: i64) -> ConversationDetail {
    let response =
        agent.http.get(app.url(&format!("/api/v1/conversations/{conversation_id}"))).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("detail")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_file_goes_each_way_in_the_chat_and_only_its_people_can_fetch_it(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = app.create_visitor().await;
    let mut visitor_socket = subscribed_visitor(&app, &visitor).await;

    // The visitor sends a photo with no text: its metadata is gone before anyone sees it.
    let upload = visitor_uploaded(&app, &visitor, "screen.jpg", photo()).await;
    assert_eq!(upload.content_type, "image/jpeg");
    visitor_socket.send(&send_files(None, "v-1", "", vec![upload.id])).await;
    let conversation_id = acked(&mut visitor_socket).await;

    let agent = app.login(AGENT_EMAIL).await;
    let detail = history(&app, &agent, conversation_id).await;
    let message = detail.messages.last().expect("the visitor's message");
    assert_eq!((message.author, message.body.as_str()), (AuthorKind::Visitor, ""));
    assert_eq!(message.files, std::slice::from_ref(&upload));
    let served = agent_fetch(&app, &agent, upload.id).await;
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    assert_eq!(served.headers()["x-content-type-options"], "nosniff");
    let bytes = served.bytes().await.expect("bytes");
    assert!(!bytes.windows(3).any(|window| window == b"GPS"), "the location is gone");
    let own = visitor_fetch(&app, &visitor, upload.id).await;
    assert_eq!(own.status(), StatusCode::OK);
    assert_eq!(own.bytes().await.expect("bytes"), bytes);

    // The agent answers with a log file; the visitor's socket receives it live.
    let mut agent_socket = app.agent_socket(&agent).await;
    let log = agent_uploaded(&app, &agent, "steps.txt", b"1. Open billing\n2. Press Export\n".to_vec()).await;
    assert_eq!(log.content_type, "text/plain");
    agent_socket.send(&send_files(Some(conversation_id), "a-1", "Try these steps", vec![log.id])).await;
    acked(&mut agent_socket).await;
    let arrived = visitor_socket
        .recv_until(|frame| matches!(frame, ServerFrame::Message { message } if message.author == AuthorKind::Agent))
        .await;
    let ServerFrame::Message { message } = arrived else { unreachable!() };
    assert_eq!((message.body.as_str(), message.files.as_slice()), ("Try these steps", [log.clone()].as_slice()));
    let fetched = visitor_fetch(&app, &visitor, log.id).await;
    assert_eq!(fetched.status(), StatusCode::OK);
    assert!(fetched.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment;"));
    assert_eq!(fetched.text().await.expect("text"), "1. Open billing\n2. Press Export\n");

    // A reconnecting visitor replays both files with their messages.
    let mut again = app.visitor_socket(&visitor).await;
    again.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let mut replayed = Vec::new();
    loop {
        match again.recv_significant().await {
            ServerFrame::Message { message } => replayed.extend(message.files),
            ServerFrame::Synced { .. } => break,
            _ => {}
        }
    }
    assert_eq!(replayed, [upload.clone(), log.clone()]);

    // Nobody else can fetch them: another visitor, another workspace's agent.
    let stranger = app.create_visitor().await;
    for id in [upload.id, log.id] {
        assert_eq!(visitor_fetch(&app, &stranger, id).await.status(), StatusCode::NOT_FOUND);
    }
    app.other_workspace().await;
    let eve = app.login(OTHER_EMAIL).await;
    assert_eq!(agent_fetch(&app, &eve, upload.id).await.status(), StatusCode::NOT_FOUND);
    let anonymous = reqwest::Client::new().get(app.url(&format!("/api/v1/widget/files/{}", upload.id))).send().await;
    assert_eq!(anonymous.expect("anonymous").status(), StatusCode::UNAUTHORIZED);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_message_cannot_carry_someone_elses_upload_too_many_files_or_nothing(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let owner = app.create_visitor().await;
    let thief = app.create_visitor().await;
    let upload = visitor_uploaded(&app, &owner, "notes.txt", b"private notes".to_vec()).await;

    // Another visitor's upload: refused, and nothing is stored.
    let mut thief_socket = subscribed_visitor(&app, &thief).await;
    thief_socket.send(&send_files(None, "t-1", "look", vec![upload.id])).await;
    assert_eq!(refused(&mut thief_socket).await, (ErrorCode::NotFound, Some("t-1".to_owned())));
    assert_eq!(visitor_fetch(&app, &thief, upload.id).await.status(), StatusCode::NOT_FOUND);

    let mut socket = subscribed_visitor(&app, &owner).await;
    socket.send(&send_files(None, "o-1", "", Vec::new())).await;
    assert_eq!(refused(&mut socket).await.0, ErrorCode::EmptyBody);
    socket.send(&send_files(None, "o-2", "six", vec![upload.id; 6])).await;
    assert_eq!(refused(&mut socket).await.0, ErrorCode::TooLarge);

    // Sent once, resent with the same client id: stored once, still attached.
    socket.send(&send_files(None, "o-3", "my notes", vec![upload.id])).await;
    let conversation_id = acked(&mut socket).await;
    socket.send(&send_files(None, "o-3", "my notes", vec![upload.id])).await;
    acked(&mut socket).await;
    // Attached already: a second message cannot take it again.
    socket.send(&send_files(None, "o-4", "again", vec![upload.id])).await;
    assert_eq!(refused(&mut socket).await.0, ErrorCode::NotFound);

    let agent = app.login(AGENT_EMAIL).await;
    let detail = history(&app, &agent, conversation_id).await;
    let with_files: Vec<_> = detail.messages.iter().filter(|message| !message.files.is_empty()).collect();
    assert_eq!(with_files.len(), 1, "{:?}", detail.messages);
    assert_eq!(with_files[0].files[0].id, upload.id);
    assert!(detail.messages.iter().all(|message| message.body != "look" && message.body != "again"));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn visitor_uploads_are_judged_and_limited(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.limits.uploads_per_visitor = "3/hour".parse().expect("rate");
    })
    .await;
    let visitor = app.create_visitor().await;

    let executable = visitor_upload(&app, &visitor, "invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00PE\0\0".to_vec()).await;
    assert_eq!(executable.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = executable.json().await.expect("error json");
    assert_eq!(body["fields"][0]["field"], "file", "{body}");

    let polyglot = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"#;
    let inert = visitor_uploaded(&app, &visitor, "cat.svg", polyglot.to_vec()).await;
    assert_eq!(inert.content_type, "text/plain", "the bytes decide, and text is never a page");
    let served = visitor_fetch(&app, &visitor, inert.id).await;
    assert_eq!(served.headers()["content-security-policy"], "sandbox");
    assert!(served.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment;"));

    let nameless = visitor_upload(&app, &visitor, "  ", b"text".to_vec()).await;
    assert_eq!(nameless.status(), StatusCode::BAD_REQUEST);
    let anonymous = reqwest::Client::new()
        .post(app.url("/api/v1/widget/uploads?name=a.txt"))
        .header("origin", e2e::HOST_ORIGIN)
        .body("text")
        .send()
        .await
        .expect("anonymous upload");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    // Three uploads an hour (refused ones count): the fourth waits.
    let limited = visitor_upload(&app, &visitor, "more.txt", b"more".to_vec()).await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn email_us_sends_the_visitors_files_with_the_request(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let screenshot = visitor_uploaded(&app, &visitor, "export-error.jpg", photo()).await;
    let log = visitor_uploaded(&app, &visitor, "console.log", b"TypeError: x is undefined\n".to_vec()).await;
    let form = |attachments: Vec<i64>| {
        json!({
            "email": "priya.raman@example.com", "subject": "Export fails",
            "description": "The CSV export button does nothing.", "ticket_type": "question",
            "attachments": attachments,
        })
    };

    // Someone else's upload, or too many: refused beside the field, nothing opened.
    let stranger = app.create_visitor().await;
    let theirs = visitor_uploaded(&app, &stranger, "theirs.txt", b"not yours".to_vec()).await;
    let refused = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(vec![theirs.id])).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let body: serde_json::Value = refused.json().await.expect("error json");
    assert_eq!(body["fields"][0]["field"], "attachments", "{body}");
    let too_many = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(vec![screenshot.id; 6])).await;
    assert_eq!(too_many.status(), StatusCode::BAD_REQUEST);

    let response = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form(vec![screenshot.id, log.id])).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let ticket: WidgetTicket = response.json().await.expect("ticket");

    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, ticket.number).await;
    let request = detail.events.iter().find(|event| event.kind == TicketEventKind::CustomerReply).expect("request");
    let names: Vec<&str> = request.attachments.iter().map(|file| file.name.as_str()).collect();
    assert_eq!(names, ["export-error.jpg", "console.log"]);
    let file_id = request.attachments[1].file_id.expect("kept");
    let served = agent_fetch(&app, &agent, file_id).await;
    assert_eq!(served.text().await.expect("text"), "TypeError: x is undefined\n");
    // The visitor still sees their own files on their ticket; the stranger does not.
    assert_eq!(visitor_fetch(&app, &visitor, file_id).await.status(), StatusCode::OK);
    assert_eq!(visitor_fetch(&app, &stranger, file_id).await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_largest_file_and_the_files_per_message_follow_the_configuration() {
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        config.limits.file_bytes = 1_000;
        config.limits.files_per_message = 2;
    })
    .await;
    let visitor = app.create_visitor().await;
    let big = visitor_upload(&app, &visitor, "big.txt", vec![b'a'; 1_001]).await;
    assert_eq!(big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: serde_json::Value = big.json().await.expect("error json");
    assert_eq!(body["message"], "a file may be at most 1 KB", "{body}");

    let mut ids = Vec::new();
    for name in ["a.txt", "b.txt", "c.txt"] {
        ids.push(visitor_uploaded(&app, &visitor, name, vec![b'a'; 1_000]).await.id);
    }
    let mut socket = subscribed_visitor(&app, &visitor).await;
    socket.send(&send_files(None, "three", "", ids.clone())).await;
    assert_eq!(refused(&mut socket).await.0, ErrorCode::TooLarge);
    socket.send(&send_files(None, "two", "", ids[..2].to_vec())).await;
    acked(&mut socket).await;
    let form = json!({
        "email": "priya.raman@example.com", "subject": "Files", "description": "See the files.",
        "attachments": [ids[2], ids[2], ids[2]],
    });
    let refused = visitor_post(&app, &visitor, "/api/v1/widget/tickets", form).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
}
