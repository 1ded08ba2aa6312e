//! The SMTP transport against a real SMTP server (aiosmtpd, `tests/smtp/server.py`):
//! a composed message arrives intact, 4xx replies are temporary and the retry delivers
//! exactly once, 5xx replies are permanent, and an unreachable server is temporary.

use std::time::Duration;

use e2e::smtp::SmtpServer;
use server::mail::{InboundMail, MailKind, Mailbox, OutgoingMail, SendError, SmtpSettings, SmtpTls, Transport};

const WAIT: Duration = Duration::from_secs(10);

fn outgoing(message_id: &str) -> OutgoingMail {
    OutgoingMail {
        cc: Vec::new(),
        attachments: Vec::new(),
        from: Mailbox::new("Acme Support", "support@acme.example"),
        to: Mailbox::new("Jane Doe", "jane@customer.example"),
        reply_to: Some("support+t1001.abc@acme.example".into()),
        subject: "[#1001] We received your request".into(),
        text: "Hello Jane,\n\nwe received your request and will answer soon.\n".into(),
        message_id: message_id.into(),
        in_reply_to: None,
        references: vec![],
        automatic: true,
        date: 1_700_000_000_000,
    }
}

fn transport_to(port: u16) -> Transport {
    let settings = SmtpSettings {
        host: "127.0.0.1".into(),
        port,
        tls: SmtpTls::None,
        username: None,
        password: None,
        timeout: Duration::from_secs(5),
    };
    Transport::smtp(&settings).expect("an SMTP transport")
}

#[tokio::test]
async fn composed_message_arrives_intact_over_smtp() {
    let smtp = SmtpServer::start();
    let message = outgoing("<ticket-1001-ack@acme.example>").to_message().expect("a valid message");

    transport_to(smtp.port).send(&message).await.expect("delivered");

    let received = smtp.wait_for_messages(1, WAIT).await;
    assert_eq!(received.len(), 1);
    let raw = &received[0];
    let text = String::from_utf8_lossy(raw);
    assert!(text.contains("\r\nAuto-Submitted: auto-generated\r\n"), "{text}");
    let mail = InboundMail::parse(raw).expect("the received message parses");
    assert_eq!(mail.subject, "[#1001] We received your request");
    assert_eq!(mail.message_id.as_deref(), Some("<ticket-1001-ack@acme.example>"));
    assert_eq!(mail.kind, MailKind::AutoReply);
    assert_eq!(mail.recipients, ["jane@customer.example"]);
    assert_eq!(mail.text.trim_end(), "Hello Jane,\n\nwe received your request and will answer soon.");
}

#[tokio::test]
async fn temporary_rejection_is_temporary_and_the_retry_delivers_exactly_once() {
    let smtp = SmtpServer::start();
    let transport = transport_to(smtp.port);
    let message = outgoing("<ticket-1001-retry@acme.example>").to_message().expect("a valid message");

    smtp.reject_temporarily(true);
    let refused = transport.send(&message).await;
    assert!(matches!(&refused, Err(SendError::Temporary(text)) if text.contains("451")), "{refused:?}");
    assert!(smtp.messages().is_empty());

    smtp.reject_temporarily(false);
    transport.send(&message).await.expect("delivered on retry");

    let received = smtp.wait_for_messages(1, WAIT).await;
    assert_eq!(received.len(), 1, "exactly one copy arrives");
    let mail = InboundMail::parse(&received[0]).expect("the received message parses");
    assert_eq!(mail.message_id.as_deref(), Some("<ticket-1001-retry@acme.example>"));
}

#[tokio::test]
async fn permanent_rejection_is_permanent() {
    let smtp = SmtpServer::start();
    smtp.reject_permanently(true);
    let message = outgoing("<ticket-1001-bounce@acme.example>").to_message().expect("a valid message");

    let refused = transport_to(smtp.port).send(&message).await;

    assert!(matches!(&refused, Err(SendError::Permanent(text)) if text.contains("550")), "{refused:?}");
    assert!(smtp.messages().is_empty());
}

#[tokio::test]
async fn a_server_that_is_not_listening_is_a_temporary_failure() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let closed_port = listener.local_addr().expect("its address").port();
    drop(listener);
    let message = outgoing("<ticket-1001-down@acme.example>").to_message().expect("a valid message");

    let refused = transport_to(closed_port).send(&message).await;

    assert!(matches!(refused, Err(SendError::Temporary(_))), "{refused:?}");
}
