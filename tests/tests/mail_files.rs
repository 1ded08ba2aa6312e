//! The files in customers' mail, on both databases: an allowed file is kept on the
//! ticket with the type sniffed from its bytes and, for images, without its EXIF and
//! XMP (GPS) metadata; an executable renamed to a document is refused and the agent is
//! told; a script posing as an image is kept only as inert text; and only agents of the
//! ticket's workspace can fetch a file.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, Backend, OTHER_EMAIL};
use protocol::tickets::{MailAttachment, TicketEventKind};
use reqwest::StatusCode;
use rstest::rstest;

/// A JPEG whose EXIF and XMP segments name a GPS position (the server's unit tests use
/// the same file).
fn jpeg_with_location() -> Vec<u8> {
    include_bytes!("../fixtures/files/location.jpg").to_vec()
}

/// One MIME part of `bytes`, base64-encoded, declared as `declared` and named `name`.
fn part(name: &str, declared: &str, bytes: &[u8]) -> String {
    format!(
        "--b1\r\nContent-Type: {declared}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        STANDARD.encode(bytes)
    )
}

fn mail_with_files() -> String {
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00PE\0\0";
    let polyglot = b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><script>alert(2)</script></svg>";
    format!(
        "From: Priya Raman <priya.raman@example.com>\r\nTo: support@helpline.example\r\nSubject: Screenshots\r\n\
         Message-ID: <files-1@mail.example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHere is what I see.\r\n{}{}{}{}--b1--\r\n",
        part("photo.jpg", "image/jpeg", &jpeg_with_location()),
        part("invoice.pdf", "application/pdf", exe),
        part("cat.png", "image/png", polyglot),
        part("export.log", "text/plain", b"12:00:01 export started\n"),
    )
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn mail_files_are_kept_by_their_real_type_without_metadata_and_served_only_to_the_workspace(
    #[case] backend: Backend,
) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let number = inbound(&app, mail_with_files().as_bytes()).await.ticket_number.expect("a ticket");

    let detail = ticket_detail(&app, &agent, number).await;
    let entry = detail.events.iter().find(|event| event.kind == TicketEventKind::CustomerReply).expect("the mail");
    let by_name = |name: &str| -> &MailAttachment {
        entry.attachments.iter().find(|file| file.name == name).unwrap_or_else(|| panic!("{name} listed"))
    };
    let photo = by_name("photo.jpg");
    assert_eq!(photo.content_type, "image/jpeg");
    assert!(photo.refused.is_none());
    let exe = by_name("invoice.pdf");
    assert_eq!(exe.file_id, None, "an executable is not kept, whatever its name");
    assert!(exe.refused.as_deref().is_some_and(|why| why.contains("not accepted")), "{exe:?}");
    let polyglot = by_name("cat.png");
    assert_eq!(polyglot.content_type, "text/plain", "the bytes decide, not the name");
    assert_eq!(by_name("export.log").content_type, "text/plain");

    let get = |id: i64| agent.http.get(app.url(&format!("/api/v1/files/{id}"))).send();
    let response = get(photo.file_id.expect("kept")).await.expect("photo");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert!(response.headers()["content-disposition"].to_str().expect("ascii").starts_with("inline;"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let served = response.bytes().await.expect("bytes");
    assert!(!served.windows(3).any(|window| window == b"GPS"), "the location is gone");
    assert!(served.starts_with(&[0xFF, 0xD8]) && served.ends_with(&[0xFF, 0xD9]), "still a JPEG");

    let response = get(polyglot.file_id.expect("kept")).await.expect("polyglot");
    assert_eq!(response.headers()["content-type"], "text/plain");
    assert!(response.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment;"));
    assert_eq!(response.headers()["content-security-policy"], "sandbox");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");

    let path = format!("/api/v1/files/{}", photo.file_id.expect("kept"));
    assert_eq!(reqwest::get(app.url(&path)).await.expect("anonymous").status(), StatusCode::UNAUTHORIZED);
    app.other_workspace().await;
    let eve = app.login(OTHER_EMAIL).await;
    let response = eve.http.get(app.url(&path)).send().await.expect("other workspace");
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "another workspace's agent cannot fetch it");
    let response = get(i64::MAX).await.expect("unknown");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

/// `POST /api/v1/uploads?name=…` with the agent's session.
async fn upload(app: &e2e::TestApp, agent: &e2e::AgentClient, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    agent
        .http
        .post(app.url("/api/v1/uploads"))
        .query(&[("name", name)])
        .header("x-csrf-token", &agent.session.csrf_token)
        .body(bytes)
        .send()
        .await
        .expect("upload")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_agent_reply_sends_uploaded_files_as_mime_attachments_and_refuses_what_it_must(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let visitor = app.create_visitor().await;
    let ticket = email_us(&app, &visitor, "priya.raman@example.com", "Export fails").await;
    smtp.wait_for_messages(1, WAIT).await;

    let photo = upload(&app, &agent, "where.jpg", jpeg_with_location()).await;
    assert_eq!(photo.status(), StatusCode::CREATED);
    let photo: protocol::tickets::Upload = photo.json().await.expect("upload json");
    assert_eq!(photo.content_type, "image/jpeg");
    let log = upload(&app, &agent, "steps.txt", b"1. open billing\n2. press export\n".to_vec()).await;
    let log: protocol::tickets::Upload = log.json().await.expect("upload json");

    // Refusals: an executable, an empty file, a file over 10 MB, no name.
    let refused = upload(&app, &agent, "setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00".to_vec()).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.text().await.expect("body").contains("not accepted"));
    assert_eq!(upload(&app, &agent, "empty.txt", Vec::new()).await.status(), StatusCode::BAD_REQUEST);
    let huge = upload(&app, &agent, "huge.txt", vec![b'a'; 10 * 1024 * 1024 + 1]).await;
    assert_eq!(huge.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(upload(&app, &agent, "  ", b"text".to_vec()).await.status(), StatusCode::BAD_REQUEST);

    // Another workspace's agent cannot send this agent's upload.
    app.other_workspace().await;
    let eve = app.login(OTHER_EMAIL).await;
    let path = format!("/api/v1/tickets/{}/replies", ticket.number);
    let body = serde_json::json!({ "body": "Here you go.", "attachments": [photo.id, log.id] });
    let stolen = agent_send(&app, &eve, reqwest::Method::POST, &path, body.clone()).await;
    assert_eq!(stolen.status(), StatusCode::NOT_FOUND, "not even the ticket is found");
    let six = serde_json::json!({ "body": "Too many", "attachments": [1, 2, 3, 4, 5, 6] });
    let response = agent_send(&app, &agent, reqwest::Method::POST, &path, six).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    let response = agent_send(&app, &agent, reqwest::Method::POST, &path, body.clone()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let sent = &smtp.wait_for_messages(2, WAIT).await[1];
    let message = parse(sent);
    assert!(message.text.contains("Here you go."));
    let files: Vec<(String, Vec<u8>)> = message.files.into_iter().map(|file| (file.name, file.data)).collect();
    assert_eq!(files.len(), 2, "both files arrive as MIME attachments");
    assert_eq!(files[0].0, "where.jpg");
    assert!(!files[0].1.windows(3).any(|window| window == b"GPS"), "no location leaves with it");
    assert_eq!(files[1], ("steps.txt".to_owned(), b"1. open billing\n2. press export\n".to_vec()));

    let detail = ticket_detail(&app, &agent, ticket.number).await;
    let reply = detail.events.iter().rev().find(|event| event.kind == TicketEventKind::PublicReply).expect("reply");
    let names: Vec<&str> = reply.attachments.iter().map(|file| file.name.as_str()).collect();
    assert_eq!(names, ["where.jpg", "steps.txt"], "the thread shows what was sent");
    assert!(reply.attachments.iter().all(|file| file.file_id.is_some()));

    // Sent uploads are gone: the same ids cannot be sent twice.
    let again = agent_send(&app, &agent, reqwest::Method::POST, &path, body).await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn images_wait_for_a_free_slot_and_a_saturated_server_says_when_to_retry() {
    let smtp = SmtpServer::start();
    let port = smtp.port;
    let app = e2e::TestApp::spawn_with(Backend::Sqlite, |config| {
        config.limits.files_at_once = 2;
        config.limits.file_wait_ms = 200;
        config.mail.smtp = Some(server::config::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: server::config::SmtpTlsMode::None,
            username: None,
            password: None,
            timeout_secs: 5,
        });
    })
    .await;
    let agent = app.login(AGENT_EMAIL).await;

    let busy = app.state.limits.file_slots.occupy_all().expect("every slot");
    let refused = upload(&app, &agent, "photo.jpg", jpeg_with_location()).await;
    assert_eq!(refused.status(), StatusCode::SERVICE_UNAVAILABLE, "an image is held whole, so it needs a slot");
    assert!(refused.headers().contains_key("retry-after"), "the client is told when to retry");
    let streamed = upload(&app, &agent, "notes.txt", b"while busy".to_vec()).await;
    assert_eq!(streamed.status(), StatusCode::CREATED, "text streams to storage without a slot");
    drop(busy);

    let accepted = upload(&app, &agent, "photo.jpg", jpeg_with_location()).await;
    assert_eq!(accepted.status(), StatusCode::CREATED, "a free slot takes the image");
}
