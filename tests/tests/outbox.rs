//! The mail outbox and its worker on both databases, against a real SMTP server
//! (aiosmtpd, `tests/smtp/server.py`): queued mail is delivered exactly once, a 4xx
//! reply is retried after the backoff, a 5xx reply fails the mail and tells the ticket,
//! competing workers never send a message twice, and without SMTP the mail becomes one
//! `.eml` file.
//!
//! The server's own worker runs in every test. Tests wake it with the outbox handle, or
//! run extra workers with `run_once`, and wait for what the database and the SMTP server
//! show, never for a fixed time.

use std::path::Path;
use std::time::{Duration, Instant};

use e2e::smtp::SmtpServer;
use e2e::{Backend, TestApp};
use protocol::tickets::{TicketEventKind, TicketPriority, TicketSource, TicketType};
use rstest::rstest;
use serde_json::json;
use server::config::{SmtpConfig, SmtpTlsMode};
use server::mail::outbox::prepare;
use server::mail::{
    InboundMail, Mailbox, OutboxSettings, OutboxWorker, OutgoingMail, SmtpSettings, SmtpTls, Transport,
};
use server::store::{Actor, OutboxRecord, OutboxStatus, TicketRecord};
use server::tickets::Request;

const WAIT: Duration = Duration::from_secs(10);

async fn spawn_with_smtp(backend: Backend, smtp: &SmtpServer) -> TestApp {
    let port = smtp.port;
    TestApp::spawn_with(backend, |config| {
        config.mail.smtp = Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTlsMode::None,
            username: None,
            password: None,
            timeout_secs: 5,
        });
    })
    .await
}

async fn ticket(app: &TestApp) -> TicketRecord {
    let context = json!({});
    let ticket = Request {
        workspace_id: app.workspace.id,
        subject: "Cannot sign in",
        description: None,
        message_id: None,
        requester_email: "jane@customer.example",
        requester_name: Some("Jane"),
        requester_user_id: None,
        requester_company_id: None,
        ticket_type: TicketType::Question,
        priority: TicketPriority::Medium,
        tags: &[],
        source: TicketSource::Email,
        conversation_id: None,
        visitor_id: None,
        context: &context,
        details: &context,
        created_by: Actor::Customer,
        acknowledge: false,
        notice: None,
        received: None,
        followers: &[],
        attachments: None,
    };
    app.state.desk.open(ticket).await.expect("ticket")
}

fn outgoing(unique: &str) -> OutgoingMail {
    OutgoingMail {
        cc: Vec::new(),
        attachments: Vec::new(),
        from: Mailbox::new("Acme Support", "support@acme.example"),
        to: Mailbox::new("Jane Doe", "jane@customer.example"),
        reply_to: None,
        subject: "[#1001] About your sign-in".into(),
        text: "Hello Jane,\n\nplease try again now.\n".into(),
        message_id: format!("<{unique}@acme.example>"),
        in_reply_to: None,
        references: vec![],
        automatic: false,
        date: 1_700_000_000_000,
    }
}

/// Queues a mail, without waking the worker.
async fn queue(app: &TestApp, ticket: Option<&TicketRecord>, unique: &str) -> OutboxRecord {
    let mail = prepare(&outgoing(unique), app.workspace.id, ticket.map(|t| t.id), None).expect("a valid mail");
    app.state.store.enqueue_mail_now(&mail, app.state.clock.now()).await.expect("queued")
}

/// Waits until the mail's row satisfies `done`; panics with the row after `WAIT`.
async fn wait_for_row(app: &TestApp, id: i64, done: impl Fn(&OutboxRecord) -> bool) -> OutboxRecord {
    let deadline = Instant::now() + WAIT;
    loop {
        let row = app.state.store.outbox_mail(id).await.expect("load").expect("the row");
        if done(&row) {
            return row;
        }
        assert!(Instant::now() < deadline, "the mail did not get there in {WAIT:?}: {row:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn worker(app: &TestApp, smtp: &SmtpServer, batch: usize) -> OutboxWorker {
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port: smtp.port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        timeout: Duration::from_secs(5),
    };
    OutboxWorker {
        store: app.state.store.clone(),
        transport: Transport::smtp(&settings).expect("an SMTP transport"),
        clock: app.state.clock.clone(),
        settings: OutboxSettings { batch, ..OutboxSettings::default() },
    }
}

fn message_ids(messages: &[Vec<u8>]) -> Vec<String> {
    let mut ids: Vec<String> =
        messages.iter().map(|raw| InboundMail::parse(raw).expect("parses").message_id.expect("a Message-ID")).collect();
    ids.sort();
    ids
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn queued_mail_is_delivered_exactly_once(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn_with_smtp(backend, &smtp).await;
    let queued = queue(&app, None, "once").await;

    app.state.outbox.poke();

    let received = smtp.wait_for_messages(1, WAIT).await;
    let sent = wait_for_row(&app, queued.id, |row| row.status == OutboxStatus::Sent).await;
    assert_eq!(message_ids(&received), ["<once@acme.example>"]);
    assert_eq!(sent.attempts, 1);
    assert!(sent.sent_at.is_some() && sent.locked_until.is_none(), "{sent:?}");

    // Later passes, even far in the future, find nothing to send.
    let extra = worker(&app, &smtp, 20);
    assert_eq!(extra.run_once().await.expect("a pass").claimed, 0);
    app.state.clock.advance(Duration::from_secs(24 * 60 * 60));
    assert_eq!(extra.run_once().await.expect("a pass").claimed, 0);
    assert_eq!(smtp.messages().len(), 1, "exactly one copy arrives");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn temporary_rejection_is_retried_after_the_backoff_and_delivered_once(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn_with_smtp(backend, &smtp).await;
    let backoff_base = OutboxSettings::default().backoff_base;
    let base = i64::try_from(backoff_base.as_millis()).expect("a small number");
    let ticket = ticket(&app).await;
    smtp.reject_temporarily(true);
    let before = app.state.clock.now();
    let queued = queue(&app, Some(&ticket), "retry").await;

    app.state.outbox.poke();

    let waiting = wait_for_row(&app, queued.id, |row| row.attempts == 1 && row.status == OutboxStatus::Queued).await;
    let after = app.state.clock.now();
    assert!(waiting.last_error.as_deref().is_some_and(|error| error.contains("451")), "{waiting:?}");
    assert!(
        (before + base..=after + base).contains(&waiting.next_attempt_at),
        "due {} not base after the attempt ({before}..={after})",
        waiting.next_attempt_at
    );
    assert!(smtp.messages().is_empty());
    // The ticket's history shows the failed attempt and that it will be retried.
    let events = app.state.store.ticket_events(ticket.id).await.expect("events");
    let deferred = events.iter().find(|event| event.kind == TicketEventKind::DeliveryDeferred).expect("recorded");
    assert_eq!(deferred.old_value.as_deref(), Some("1"), "the attempt's number");
    assert_eq!(deferred.new_value.as_deref(), Some("<retry@acme.example>"));
    assert!(deferred.body.as_deref().is_some_and(|body| body.contains("451")), "{deferred:?}");
    // Not due yet: a pass now leaves it alone.
    assert_eq!(worker(&app, &smtp, 20).run_once().await.expect("a pass").claimed, 0);

    smtp.reject_temporarily(false);
    app.state.clock.advance(backoff_base + Duration::from_secs(1));
    app.state.outbox.poke();

    let received = smtp.wait_for_messages(1, WAIT).await;
    let sent = wait_for_row(&app, queued.id, |row| row.status == OutboxStatus::Sent).await;
    assert_eq!(message_ids(&received), ["<retry@acme.example>"]);
    assert_eq!(sent.attempts, 2);
    assert_eq!(worker(&app, &smtp, 20).run_once().await.expect("a pass").claimed, 0);
    assert_eq!(smtp.messages().len(), 1, "exactly one copy arrives");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn permanent_rejection_fails_the_mail_and_tells_the_ticket(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn_with_smtp(backend, &smtp).await;
    let ticket = ticket(&app).await;
    smtp.reject_permanently(true);
    let queued = queue(&app, Some(&ticket), "bounce").await;

    app.state.outbox.poke();

    let failed = wait_for_row(&app, queued.id, |row| row.status == OutboxStatus::Failed).await;
    assert_eq!(failed.attempts, 1, "a permanent failure is not retried");
    assert!(failed.last_error.as_deref().is_some_and(|error| error.contains("550")), "{failed:?}");
    let events = app.state.store.ticket_events(ticket.id).await.expect("events");
    let kinds: Vec<TicketEventKind> = events.iter().map(|event| event.kind).collect();
    assert_eq!(kinds, [TicketEventKind::Created, TicketEventKind::DeliveryFailed]);
    let failure = &events[1];
    assert!(failure.body.as_deref().is_some_and(|body| body.contains("550")), "{failure:?}");
    assert_eq!(failure.new_value.as_deref(), Some("<bounce@acme.example>"));
    let ticket_now = app.state.store.ticket(ticket.id).await.expect("load").expect("the ticket");
    assert_eq!(ticket_now.last_seq, 2);
    assert!(smtp.messages().is_empty());
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn competing_workers_never_send_a_message_twice(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn_with_smtp(backend, &smtp).await;
    let mut queued = Vec::new();
    for n in 0..12 {
        queued.push(queue(&app, None, &format!("race-{n:02}")).await);
    }

    // Two extra workers, small batches, each passing until it finds nothing; the
    // server's own worker joins in too.
    let drain = |worker: OutboxWorker| async move {
        let mut sent = 0;
        loop {
            let summary = worker.run_once().await.expect("a pass");
            assert_eq!(summary.lost, 0);
            sent += summary.sent;
            if summary.claimed == 0 {
                return sent;
            }
        }
    };
    app.state.outbox.poke();
    let (first, second) = tokio::join!(drain(worker(&app, &smtp, 2)), drain(worker(&app, &smtp, 3)));
    assert!(first + second <= queued.len());

    for mail in &queued {
        wait_for_row(&app, mail.id, |row| row.status == OutboxStatus::Sent).await;
    }
    // Every row is marked sent only after its one send finished, so nothing is in flight.
    let received = smtp.messages();
    let expected: Vec<String> = (0..12).map(|n| format!("<race-{n:02}@acme.example>")).collect();
    assert_eq!(message_ids(&received), expected, "each message exactly once");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn without_smtp_mail_becomes_one_eml_file_in_the_outbox_folder(#[case] backend: Backend) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("data/outbox");
    let configured = folder.clone();
    let app = TestApp::spawn_with(backend, move |config| {
        config.mail.smtp = None;
        config.mail.outbox_folder = configured;
    })
    .await;
    let queued = queue(&app, None, "file").await;

    app.state.outbox.poke();

    wait_for_row(&app, queued.id, |row| row.status == OutboxStatus::Sent).await;
    assert_eq!(eml_files(&folder), ["file_acme.example.eml"]);
    let written = std::fs::read(folder.join("file_acme.example.eml")).expect("the file");
    assert_eq!(written, queued.raw.as_bytes(), "the stored message, byte for byte");
}

fn eml_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .expect("the outbox folder")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".eml"))
        .collect();
    names.sort();
    names
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_expired_claim_is_taken_over_and_its_old_holder_cannot_mark_the_mail(#[case] backend: Backend) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().to_owned();
    let app = TestApp::spawn_with(backend, move |config| config.mail.outbox_folder = folder).await;
    let store = &app.state.store;
    // Queued and claimed an hour ahead of the server's clock, so its own worker keeps out.
    let start = app.state.clock.now() + 60 * 60 * 1000;
    let mail = prepare(&outgoing("lease"), app.workspace.id, None, None).expect("a valid mail");
    let queued = store.enqueue_mail_now(&mail, start).await.expect("queued");

    let first = store.claim_due_mail(start, 1_000, 10).await.expect("claim");
    assert_eq!(first.iter().map(|row| row.id).collect::<Vec<_>>(), [queued.id]);
    assert!(store.claim_due_mail(start + 999, 1_000, 10).await.expect("claim").is_empty(), "the lease holds");
    let second = store.claim_due_mail(start + 1_000, 1_000, 10).await.expect("claim");
    assert_eq!(second.len(), 1, "an expired lease is claimed again");
    assert_eq!(second[0].attempts, 2);

    assert!(!store.mark_mail_sent(&first[0], start + 1_001).await.expect("mark"), "the old claim is lost");
    assert!(store.mark_mail_sent(&second[0], start + 1_002).await.expect("mark"));
    let row = store.outbox_mail(queued.id).await.expect("load").expect("the row");
    assert_eq!((row.status, row.sent_at), (OutboxStatus::Sent, Some(start + 1_002)));
}
