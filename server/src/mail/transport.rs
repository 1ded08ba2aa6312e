//! Delivering a built message: over SMTP, or as an `.eml` file in a folder.
//!
//! [`Transport::send`] either delivers a message or says whether trying again later may
//! help ([`SendError::Temporary`]: the server was unreachable, timed out or answered 4xx)
//! or not ([`SendError::Permanent`]: the server answered 5xx, such as an unknown
//! recipient). The outbox worker retries the first with backoff and records the second
//! on the ticket.
//!
//! The file transport is the embedded default when no SMTP server is configured: each
//! message becomes one file in a folder (`./data/outbox/`), written under a temporary
//! name and renamed, so a reader never sees half a message.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::response::{Code, Severity};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::{ExposeSecret, SecretString};

/// Where outgoing mail goes.
#[derive(Clone)]
pub enum Transport {
    /// An SMTP server, through lettre's pooled async transport.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// One `.eml` file per message in `folder`, which is created when missing.
    Files {
        /// The folder the messages are written to.
        folder: PathBuf,
    },
}

/// How to reach the SMTP server. The password is a secret and never printed.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// The server's host name; also the name its TLS certificate must carry.
    pub host: String,
    /// Usually 587 with STARTTLS, 465 with implicit TLS, 25 without.
    pub port: u16,
    /// Whether and how the connection is encrypted.
    pub tls: SmtpTls,
    /// The user name to authenticate as; no authentication when `None`.
    pub username: Option<String>,
    /// The password for `username`.
    pub password: Option<SecretString>,
    /// How long to wait for the connection and for each reply.
    pub timeout: Duration,
}

/// The encryption of an SMTP connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain text: only for a server on the same machine or in tests.
    None,
    /// Plain text upgraded with STARTTLS, which the server must offer.
    StartTls,
    /// TLS from the first byte (implicit TLS, "SMTPS").
    Tls,
}

/// Why a message was not delivered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Trying again later may work: the server could not be reached, timed out, or
    /// answered with a 4xx reply; or the outbox folder could not be written.
    #[error("temporary delivery failure: {0}")]
    Temporary(String),
    /// Trying again will not help: the server answered with a 5xx reply (such as an
    /// unknown recipient), or refused the message as it is.
    #[error("permanent delivery failure: {0}")]
    Permanent(String),
}

impl Transport {
    /// An SMTP transport. Nothing connects until the first [`send`](Self::send).
    pub fn smtp(settings: &SmtpSettings) -> Result<Transport, lettre::transport::smtp::Error> {
        let host = settings.host.clone();
        let tls = match settings.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::StartTls => Tls::Required(TlsParameters::new(host.clone())?),
            SmtpTls::Tls => Tls::Wrapper(TlsParameters::new(host.clone())?),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(settings.port)
            .tls(tls)
            .timeout(Some(settings.timeout));
        if let Some(username) = &settings.username {
            let password = settings.password.as_ref().map(|p| p.expose_secret().to_owned()).unwrap_or_default();
            builder = builder.credentials(Credentials::new(username.clone(), password));
        }
        Ok(Transport::Smtp(builder.build()))
    }

    /// A file transport writing into `folder`.
    pub fn files(folder: impl Into<PathBuf>) -> Transport {
        Transport::Files { folder: folder.into() }
    }

    /// Delivers `message` to the recipients of its envelope (SMTP), or writes it to the
    /// folder as `<message id>.eml` (files; a message without a Message-ID gets a random
    /// name). Sending the same message twice to the file transport leaves one file.
    pub async fn send(&self, message: &Message) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send(message.clone()).await.map(drop).map_err(|error| classify(&error)),
            Transport::Files { folder } => {
                let name = file_name(message.headers().get_raw("Message-ID"));
                write_atomically(folder, &name, &message.formatted())
                    .await
                    .map_err(|error| SendError::Temporary(format!("write {}: {error}", folder.join(&name).display())))
            }
        }
    }

    /// Delivers bytes composed earlier (the outbox's stored message) to the envelope's
    /// recipients as they are, or writes them to the folder as `<message_id>.eml`. The
    /// same bytes and classification as [`send`](Self::send), for a message that is no
    /// longer a lettre [`Message`].
    pub async fn send_raw(&self, envelope: &Envelope, message_id: &str, bytes: &[u8]) -> Result<(), SendError> {
        match self {
            Transport::Smtp(smtp) => smtp.send_raw(envelope, bytes).await.map(drop).map_err(|error| classify(&error)),
            Transport::Files { folder } => {
                let name = file_name(Some(message_id));
                write_atomically(folder, &name, bytes)
                    .await
                    .map_err(|error| SendError::Temporary(format!("write {}: {error}", folder.join(&name).display())))
            }
        }
    }
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transport::Smtp(_) => f.write_str("Transport::Smtp"),
            Transport::Files { folder } => f.debug_struct("Transport::Files").field("folder", folder).finish(),
        }
    }
}

/// Sorts an SMTP error into temporary and permanent.
///
/// A reply code decides when there is one (4xx temporary, 5xx permanent). lettre's
/// client errors are permanent: the server lacks something this message or these
/// settings need (SMTPUTF8, STARTTLS, an authentication mechanism), and resending the
/// same thing gets the same answer. Everything else (connection refused or reset,
/// timeouts, TLS handshakes, garbled replies) is temporary.
fn classify(error: &lettre::transport::smtp::Error) -> SendError {
    classify_parts(error.status(), error.is_client(), error.to_string())
}

fn classify_parts(status: Option<Code>, client_error: bool, text: String) -> SendError {
    match status.map(|code| code.severity) {
        Some(Severity::PermanentNegativeCompletion) => SendError::Permanent(text),
        Some(Severity::TransientNegativeCompletion) => SendError::Temporary(text),
        _ if client_error => SendError::Permanent(text),
        _ => SendError::Temporary(text),
    }
}

/// A file name for a message id: its letters, digits, dots, hyphens and underscores,
/// with anything else (`<`, `>`, `@`, `/`, ...) as `_`, and `.eml` after. The result
/// cannot leave the folder or be hidden. Without a usable id the name is random.
fn file_name(message_id: Option<&str>) -> String {
    let safe: String = message_id
        .unwrap_or_default()
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .take(200)
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .collect();
    let safe = safe.trim_start_matches('.');
    if safe.chars().any(|c| c.is_ascii_alphanumeric()) {
        format!("{safe}.eml")
    } else {
        format!("{}.eml", uuid::Uuid::new_v4().simple())
    }
}

/// Writes `bytes` to `folder/name` under a temporary name first, then renames it, so the
/// file appears whole or not at all. The temporary name starts with a dot and does not
/// end in `.eml`, so readers of the folder skip it.
async fn write_atomically(folder: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(folder).await?;
    let temporary = folder.join(format!(".{}.tmp", uuid::Uuid::new_v4().simple()));
    let written = async {
        let mut file = tokio::fs::File::create(&temporary).await?;
        tokio::io::AsyncWriteExt::write_all(&mut file, bytes).await?;
        file.sync_all().await?;
        tokio::fs::rename(&temporary, folder.join(name)).await
    };
    let result = written.await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&temporary).await;
    }
    result
}

#[cfg(test)]
mod tests {
    use lettre::transport::smtp::response::{Category, Detail};

    use super::*;
    use crate::mail::{Mailbox, OutgoingMail};

    fn mail(message_id: &str) -> Message {
        OutgoingMail {
            cc: Vec::new(),
            attachments: Vec::new(),
            from: Mailbox::new("Acme Support", "support@acme.example"),
            to: Mailbox::new("Jane", "jane@customer.example"),
            reply_to: None,
            subject: "Your request".into(),
            text: "We got it.\n".into(),
            message_id: message_id.into(),
            in_reply_to: None,
            references: vec![],
            automatic: true,
            date: 1_700_000_000_000,
        }
        .to_message()
        .expect("a valid message")
    }

    fn eml_files(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .expect("the outbox folder")
            .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[tokio::test]
    async fn file_transport_writes_one_eml_named_after_the_message_id() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let folder = dir.path().join("data/outbox");
        let message = mail("<ticket-1001-abc@acme.example>");

        Transport::files(&folder).send(&message).await.expect("written");

        assert_eq!(eml_files(&folder), ["ticket-1001-abc_acme.example.eml"]);
        let bytes = std::fs::read(folder.join("ticket-1001-abc_acme.example.eml")).expect("the file");
        assert_eq!(bytes, message.formatted());
    }

    #[tokio::test]
    async fn file_transport_sending_twice_leaves_one_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let transport = Transport::files(dir.path());
        let message = mail("<twice@acme.example>");

        transport.send(&message).await.expect("written");
        transport.send(&message).await.expect("written again");

        assert_eq!(eml_files(dir.path()), ["twice_acme.example.eml"]);
    }

    #[tokio::test]
    async fn file_transport_reports_an_unwritable_folder_as_temporary() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let not_a_folder = dir.path().join("file");
        std::fs::write(&not_a_folder, b"").expect("a file");

        let result = Transport::files(not_a_folder.join("outbox")).send(&mail("<a@b.example>")).await;

        assert!(matches!(result, Err(SendError::Temporary(_))), "{result:?}");
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_name(Some("<a.b-c_d@host.example>")), "a.b-c_d_host.example.eml");
        assert_eq!(file_name(Some("<../../etc/passwd@x>")), "_.._etc_passwd_x.eml");
        assert_eq!(file_name(Some("<..hidden@x>")), "hidden_x.eml");
        assert_eq!(file_name(Some("<\u{e9}t\u{e9}\r\n@x>")), "_t____x.eml");
        for missing in [None, Some(""), Some("<>"), Some("<../..>")] {
            let name = file_name(missing);
            assert!(name.ends_with(".eml") && name.len() == 36, "{missing:?} gave {name}");
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'), "{name}");
        }
    }

    fn code(severity: Severity, category: Category, detail: Detail) -> Option<Code> {
        Some(Code::new(severity, category, detail))
    }

    #[test]
    fn four_hundred_replies_are_temporary_and_five_hundred_replies_permanent() {
        let try_later = code(Severity::TransientNegativeCompletion, Category::MailSystem, Detail::One);
        let no_such_user = code(Severity::PermanentNegativeCompletion, Category::MailSystem, Detail::Zero);

        assert!(matches!(classify_parts(try_later, false, "451".into()), SendError::Temporary(_)));
        assert!(matches!(classify_parts(no_such_user, false, "550".into()), SendError::Permanent(_)));
    }

    #[test]
    fn errors_without_a_reply_are_temporary_unless_the_client_refused() {
        assert!(matches!(classify_parts(None, false, "connection reset".into()), SendError::Temporary(_)));
        assert!(matches!(classify_parts(None, true, "no SMTPUTF8".into()), SendError::Permanent(_)));
    }

    #[tokio::test]
    async fn a_closed_port_is_a_temporary_failure() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("its address").port();
        drop(listener);
        let settings = SmtpSettings {
            host: "127.0.0.1".into(),
            port,
            tls: SmtpTls::None,
            username: None,
            password: None,
            timeout: Duration::from_secs(5),
        };

        let result = Transport::smtp(&settings).expect("a transport").send(&mail("<a@b.example>")).await;

        assert!(matches!(result, Err(SendError::Temporary(_))), "{result:?}");
    }
}
