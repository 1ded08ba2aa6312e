//! Outgoing email: a ticket's acknowledgement or an agent's reply as an RFC 5322 message.
//!
//! [`OutgoingMail`] holds what a message says; [`OutgoingMail::to_message`] turns it into
//! a `lettre` message for the SMTP transport, and [`OutgoingMail::to_bytes`] into the
//! bytes of an `.eml` file for the file outbox. The body is a single `text/plain` part in
//! UTF-8.
//!
//! Threading: each message gets a Message-ID from [`message_id`]; replies carry
//! In-Reply-To (the message answered) and References (the thread so far), which is what
//! Gmail, Outlook and Apple Mail group conversations by.
//!
//! Header injection: names, subjects and addresses may come from customers. Control
//! characters in names and subjects (CR, LF, NUL, Unicode line separators) become spaces
//! before lettre sees them, and lettre quotes or RFC 2047-encodes what remains; addresses
//! and message ids are validated and refused with a [`ComposeError`], never repaired. So
//! no value can end a header line and start another. The tests check this by parsing the
//! produced bytes back.

use std::time::{Duration, UNIX_EPOCH};

use lettre::message::header::ContentType;
use lettre::message::header::{Header, HeaderName, HeaderValue, InReplyTo, MessageId, References};
use lettre::message::{Attachment, Mailbox as LettreMailbox, MultiPart, SinglePart};

use super::Mailbox;

/// An email to send, before encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// The sender, usually the workspace's name and support address.
    pub from: Mailbox,
    /// The recipient: the ticket's requester.
    pub to: Mailbox,
    /// Copied: the ticket's followers, on public replies. Each gets its own envelope
    /// ([`prepare_copies`](super::outbox::prepare_copies)) and sees the others here.
    pub cc: Vec<Mailbox>,
    /// Where replies should go: the ticket's signed reply address
    /// ([`ReplyAddress::address_for`](super::ReplyAddress::address_for)).
    pub reply_to: Option<String>,
    /// The subject line; control characters become spaces.
    pub subject: String,
    /// The plain-text body. Any line endings; they are sent as CRLF.
    pub text: String,
    /// This message's id, `<unique@domain>`, from [`message_id`].
    pub message_id: String,
    /// The id of the message this one answers, if any.
    pub in_reply_to: Option<String>,
    /// The ids of the thread so far, oldest first. Only the first and the last
    /// [`MAX_REFERENCES`]` - 1` are sent, which keeps the root and the recent replies that
    /// clients thread by.
    pub references: Vec<String>,
    /// Whether the server wrote this message on its own (an acknowledgement) rather than a
    /// person (an agent's reply). Automatic mail is marked so that auto-responders do not
    /// answer it and two systems cannot loop.
    pub automatic: bool,
    /// Files sent with it, after the text, as `multipart/mixed` attachments.
    pub attachments: Vec<OutgoingFile>,
    /// When the message was written, as Unix milliseconds ([`Clock::now`](crate::clock::Clock::now)).
    pub date: i64,
}

/// A file an outgoing message carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingFile {
    pub name: String,
    /// The sniffed type it was kept with.
    pub content_type: String,
    pub data: Vec<u8>,
}

/// Why a message could not be built. Each names the field at fault.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// An address (From, To or Reply-To) is not a valid email address.
    #[error("the {field} address {address:?} is not a valid email address")]
    InvalidAddress {
        /// `from`, `to`, `cc` or `reply_to`.
        field: &'static str,
        /// The address as given.
        address: String,
    },
    /// A message id is not of the form `<left@right>` in printable ASCII.
    #[error("the {field} {id:?} is not a valid message id")]
    InvalidMessageId {
        /// `message_id`, `in_reply_to` or `references`.
        field: &'static str,
        /// The id as given.
        id: String,
    },
    /// lettre refused the message as a whole.
    #[error("cannot build the message")]
    Build(#[from] lettre::error::Error),
}

/// How many References are kept: the thread's first message and the latest ones.
pub const MAX_REFERENCES: usize = 20;

/// The longest message id accepted, angle brackets included. Real ids are under 120
/// characters; the limit keeps a folded References line under RFC 5322's 998 octets.
pub const MAX_MESSAGE_ID_LEN: usize = 500;

/// A message id, `<unique@domain>`. `unique` must be unique for all time within `domain`,
/// such as `ticket-1001-` followed by a random UUID; both should be letters, digits,
/// dots and hyphens, or [`OutgoingMail::to_message`] refuses the id.
pub fn message_id(domain: &str, unique: &str) -> String {
    format!("<{unique}@{domain}>")
}

/// Whether `id` is a usable message id: `<`, then printable ASCII without spaces or angle
/// brackets and with an `@`, then `>`. Inbound parsing keeps only ids that pass, so ids
/// stored from incoming mail can always be sent back in References.
pub fn is_valid_message_id(id: &str) -> bool {
    let Some(inner) = id.strip_prefix('<').and_then(|id| id.strip_suffix('>')) else {
        return false;
    };
    id.len() <= MAX_MESSAGE_ID_LEN
        && inner.contains('@')
        && inner.bytes().all(|byte| byte.is_ascii_graphic() && byte != b'<' && byte != b'>')
}

impl OutgoingMail {
    /// The message as lettre builds it, ready for its SMTP transport.
    pub fn to_message(&self) -> Result<lettre::Message, ComposeError> {
        let mut builder = lettre::Message::builder().from(mailbox(&self.from, "from")?).to(mailbox(&self.to, "to")?);
        for copied in &self.cc {
            builder = builder.cc(mailbox(copied, "cc")?);
        }
        builder = builder
            .subject(single_line(&self.subject))
            .date(UNIX_EPOCH + Duration::from_millis(u64::try_from(self.date).unwrap_or(0)))
            .header(MessageId::from(checked_id(&self.message_id, "message_id")?));
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(LettreMailbox::new(None, address(reply_to, "reply_to")?));
        }
        if let Some(in_reply_to) = &self.in_reply_to {
            builder = builder.header(InReplyTo::from(checked_id(in_reply_to, "in_reply_to")?));
        }
        if !self.references.is_empty() {
            let kept = kept_references(&self.references);
            for id in &kept {
                checked_id(id, "references")?;
            }
            builder = builder.header(References::from(kept.join(" ")));
        }
        if self.automatic {
            builder = builder.header(AutoSubmitted::AutoGenerated).header(AutoResponseSuppress::All);
        }
        // lettre turns `\n` into CRLF but would keep a lone `\r`.
        let text = self.text.replace("\r\n", "\n").replace('\r', "\n");
        if self.attachments.is_empty() {
            return Ok(builder.singlepart(SinglePart::plain(text))?);
        }
        let mut parts = MultiPart::mixed().singlepart(SinglePart::plain(text));
        for file in &self.attachments {
            let content_type = ContentType::parse(&file.content_type)
                .unwrap_or_else(|_| ContentType::parse("application/octet-stream").expect("a valid type"));
            parts = parts.singlepart(Attachment::new(single_line(&file.name)).body(file.data.clone(), content_type));
        }
        Ok(builder.multipart(parts)?)
    }

    /// The message as RFC 5322 bytes with CRLF line endings, for an `.eml` file.
    pub fn to_bytes(&self) -> Result<Vec<u8>, ComposeError> {
        Ok(self.to_message()?.formatted())
    }
}

/// `Auto-Submitted` (RFC 3834): the message was sent by a program, not a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AutoSubmitted {
    AutoGenerated,
}

/// `X-Auto-Response-Suppress` (Microsoft): asks Exchange and Outlook not to send
/// out-of-office or other automatic replies to this message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AutoResponseSuppress {
    All,
}

impl Header for AutoSubmitted {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        match text.trim() {
            value if value.eq_ignore_ascii_case("auto-generated") => Ok(AutoSubmitted::AutoGenerated),
            other => Err(format!("unsupported Auto-Submitted value {other:?}").into()),
        }
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "auto-generated".to_owned())
    }
}

impl Header for AutoResponseSuppress {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("X-Auto-Response-Suppress")
    }

    fn parse(text: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        match text.trim() {
            value if value.eq_ignore_ascii_case("all") => Ok(AutoResponseSuppress::All),
            other => Err(format!("unsupported X-Auto-Response-Suppress value {other:?}").into()),
        }
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "All".to_owned())
    }
}

fn mailbox(mailbox: &Mailbox, field: &'static str) -> Result<LettreMailbox, ComposeError> {
    // lettre's Display for a mailbox fails, and panics, on a name with CR or LF, so names
    // are always made single-line first.
    let name = mailbox.name.as_deref().map(single_line).filter(|name| !name.is_empty());
    Ok(LettreMailbox::new(name, address(&mailbox.address, field)?))
}

fn address(text: &str, field: &'static str) -> Result<lettre::Address, ComposeError> {
    text.parse().map_err(|_| ComposeError::InvalidAddress { field, address: text.to_owned() })
}

fn checked_id(id: &str, field: &'static str) -> Result<String, ComposeError> {
    if is_valid_message_id(id) {
        Ok(id.to_owned())
    } else {
        Err(ComposeError::InvalidMessageId { field, id: id.to_owned() })
    }
}

/// The first reference and the latest `MAX_REFERENCES - 1`.
fn kept_references(references: &[String]) -> Vec<&str> {
    if references.len() <= MAX_REFERENCES {
        return references.iter().map(String::as_str).collect();
    }
    let latest = &references[references.len() - (MAX_REFERENCES - 1)..];
    references[..1].iter().chain(latest).map(String::as_str).collect()
}

/// `text` on one line: control characters (CR, LF, tab, NUL, NEL) and Unicode line and
/// paragraph separators become spaces, and runs of whitespace collapse to one.
fn single_line(text: &str) -> String {
    let spaced: String =
        text.chars().map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c }).collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
