//! Email for tickets: the pure building blocks that turn tickets into email and email
//! back into ticket messages, and the transports that deliver it.
//!
//! Apart from [`Transport`], which sends, and the outbox worker, nothing here touches the
//! database, the network or the clock; the worker and the inbound endpoint build on these
//! modules and pass in whatever they need (the server secret, the support address, the
//! time).
//!
//! Out: [`OutgoingMail`] becomes an RFC 5322 message with a Message-ID, In-Reply-To and
//! References that thread in common clients, `Auto-Submitted` on automatic mail, and no
//! way for customer-supplied text to add a header. Its Reply-To is a [`ReplyAddress`]:
//! the support address plus-addressed with the ticket's id and an HMAC signature.
//!
//! In: [`InboundMail::parse`] reads raw RFC 5322 bytes, with the recipients a reply token
//! may be in, the threading headers, the text, and what kind of mail it is ([`MailKind`]:
//! a person's mail, an auto-reply that must not be answered, or a delivery-status
//! notification with the message that bounced). [`strip_quoted`] cuts the quoted history
//! and signature from a reply so only the customer's new words reach the ticket.
//!
//! - `reply_token.rs` — [`ReplyAddress`]: signed Reply-To addresses and their check.
//! - `authentication.rs` — `Authentication-Results` (RFC 8601) from the receiving host,
//!   and whether they prove the From address.
//! - `compose.rs` — [`OutgoingMail`], [`message_id`], [`ComposeError`].
//! - `inbound.rs` — [`InboundMail`], [`MailKind`], [`InboundError`]; `inbound/report.rs`
//!   reads delivery-status notifications, `inbound/flowed.rs` undoes `format=flowed`.
//! - `quote.rs` — [`strip_quoted`]: top-posted, bottom-posted and interleaved replies,
//!   Gmail, Outlook, Apple Mail and Thunderbird quoting, and the `-- ` signature
//!   delimiter; `quote/html.rs` reads HTML-only mail's quote elements as `>` lines.
//! - `transport.rs` — [`Transport`]: delivery over SMTP or as `.eml` files in a folder,
//!   with [`SendError`] saying whether a failure is worth retrying.
//! - `outbox.rs` — [`OutboxWorker`]: delivers the database's mail outbox with retries
//!   and exponential backoff, recording permanent failures on the ticket; [`OutboxHandle`]
//!   wakes it when mail is queued.
//!
//! Test fixtures, one raw message per client, are in `tests/fixtures/mail/`; their
//! README says which secret their reply tokens were signed with.

pub mod authentication;
pub mod compose;
pub mod inbound;
pub mod outbox;
pub mod quote;
pub mod reply_token;
pub mod transport;

pub use compose::{ComposeError, OutgoingFile, OutgoingMail, message_id};
pub use inbound::{InboundError, InboundMail, MailFile, MailKind};
pub use outbox::{OutboxHandle, OutboxSettings, OutboxWorker, RunSummary};
pub use quote::strip_quoted;
pub use reply_token::{ReplyAddress, ReplyAddressError, ReplyTarget, is_tagged_form_of};
pub use transport::{SendError, SmtpSettings, SmtpTls, Transport};

/// Whether mail can be sent to `address`: one `local@domain` with a dot in the domain,
/// that lettre accepts as an address (so composing mail to it cannot fail).
pub fn is_email(address: &str) -> bool {
    address.len() <= 254
        && address.rsplit_once('@').is_some_and(|(_, domain)| domain.contains('.'))
        && address.parse::<lettre::Address>().is_ok()
}

/// A name and an email address, as in `Jane Doe <jane@example.com>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    /// The display name, if there is one. Never empty when `Some`.
    pub name: Option<String>,
    /// The address, `local@domain`, as written.
    pub address: String,
}

impl Mailbox {
    /// A mailbox with `name` as its display name, or none when `name` is blank.
    pub fn new(name: &str, address: &str) -> Mailbox {
        let name = name.trim();
        Mailbox { name: (!name.is_empty()).then(|| name.to_owned()), address: address.to_owned() }
    }
}

#[cfg(test)]
mod fixtures;
