//! Malware scanning through a real clamd (Debian's clamav-daemon, with a signature
//! the test writes for the EICAR test file): an infected upload is refused with the
//! signature's name, as it streams and when it is an image held whole; an infected
//! mail attachment is listed on the ticket as refused; and a configured scanner that
//! cannot be reached refuses files (503) instead of letting them through unscanned.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use e2e::clamd::{Clamd, EICAR, EICAR_SIGNATURE, free_port};
use e2e::tickets::{INBOUND_SECRET, inbound, ticket_detail};
use e2e::{AGENT_EMAIL, AgentClient, Backend, TestApp};
use protocol::ErrorBody;
use protocol::tickets::TicketEventKind;
use reqwest::StatusCode;

async fn spawn(clamd: &str) -> TestApp {
    let clamd = clamd.to_owned();
    TestApp::spawn_with(Backend::Sqlite, |config| {
        config.files.clamd = Some(clamd);
        config.mail.inbound_secret = Some(INBOUND_SECRET.to_owned().into());
    })
    .await
}

async fn upload(app: &TestApp, agent: &AgentClient, name: &str, bytes: Vec<u8>) -> reqwest::Response {
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

async fn file_count(app: &TestApp) -> i64 {
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(app.database_url()).await.expect("pool");
    sqlx::query_scalar("SELECT COUNT(*) FROM files").fetch_one(&pool).await.expect("count files")
}

/// A JPEG with EICAR in a comment segment: an image held whole, scanned as one.
fn jpeg_carrying_eicar() -> Vec<u8> {
    let jpeg = include_bytes!("../fixtures/files/location.jpg");
    let mut comment = vec![0xFF, 0xFE];
    comment.extend_from_slice(&u16::try_from(EICAR.len() + 2).expect("short").to_be_bytes());
    comment.extend_from_slice(EICAR);
    [&jpeg[..2], comment.as_slice(), &jpeg[2..]].concat()
}

fn mail_with_eicar() -> String {
    let part = |name: &str, declared: &str, bytes: &[u8]| {
        format!(
            "--b1\r\nContent-Type: {declared}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n{}\r\n",
            STANDARD.encode(bytes)
        )
    };
    format!(
        "From: Priya Raman <priya.raman@example.com>\r\nTo: support@helpline.example\r\nSubject: Logs\r\n\
         Message-ID: <scan-1@mail.example.com>\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe logs.\r\n{}{}--b1--\r\n",
        part("readme.txt", "text/plain", EICAR),
        part("export.log", "text/plain", b"12:00:01 export started\n"),
    )
}

#[tokio::test]
async fn infected_files_are_refused_with_their_signature_and_clean_ones_kept() {
    let clamd = Clamd::start();
    let app = spawn(&clamd.address).await;
    let agent = app.login(AGENT_EMAIL).await;

    let response = upload(&app, &agent, "notes.txt", EICAR.to_vec()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: ErrorBody = response.json().await.expect("the JSON error");
    assert_eq!(error.fields[0].field, "file");
    assert!(error.message.contains("malware") && error.message.contains(EICAR_SIGNATURE), "{}", error.message);

    let response = upload(&app, &agent, "photo.jpg", jpeg_carrying_eicar()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST, "an image is scanned too");
    let error: ErrorBody = response.json().await.expect("the JSON error");
    assert!(error.message.contains(EICAR_SIGNATURE), "{}", error.message);
    assert_eq!(file_count(&app).await, 0, "nothing infected is kept");

    let clean = upload(&app, &agent, "notes.txt", b"12:00:01 export started\n".repeat(30_000)).await;
    assert_eq!(clean.status(), StatusCode::CREATED, "a clean file streams through the scanner");

    let number = inbound(&app, mail_with_eicar().as_bytes()).await.ticket_number.expect("a ticket");
    let detail = ticket_detail(&app, &agent, number).await;
    let mail = detail.events.iter().find(|event| event.kind == TicketEventKind::CustomerReply).expect("the mail");
    let infected = mail.attachments.iter().find(|file| file.name == "readme.txt").expect("listed");
    assert_eq!(infected.file_id, None, "not kept");
    let why = infected.refused.as_deref().expect("refused");
    assert!(why.contains("malware") && why.contains(EICAR_SIGNATURE), "{why}");
    let log = mail.attachments.iter().find(|file| file.name == "export.log").expect("listed");
    assert!(log.file_id.is_some(), "the clean file beside it is kept");
}

#[tokio::test]
async fn a_scanner_that_cannot_be_reached_refuses_files_instead_of_passing_them() {
    // Nothing listens on this port: clamd is configured but down.
    let app = spawn(&format!("127.0.0.1:{}", free_port())).await;
    let agent = app.login(AGENT_EMAIL).await;

    for (name, bytes) in [("notes.txt", b"12:00:01 export started\n".to_vec()), ("photo.png", tiny_png())] {
        let response = upload(&app, &agent, name, bytes).await;
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{name}");
        let error: ErrorBody = response.json().await.expect("the JSON error");
        assert!(error.message.contains("checked for malware"), "{}", error.message);
    }
    assert_eq!(file_count(&app).await, 0, "nothing unscanned is kept");

    let response = reqwest::Client::new()
        .post(app.url("/api/v1/mail/inbound"))
        .bearer_auth(INBOUND_SECRET)
        .header("content-type", "message/rfc822")
        .body(mail_with_eicar())
        .send()
        .await
        .expect("inbound post");
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "the mail server is asked to deliver it again");
}

/// A 1×1 PNG.
fn tiny_png() -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    image::RgbImage::new(1, 1).write_to(&mut out, image::ImageFormat::Png).expect("encode");
    out.into_inner()
}
