//! The mail a ticket sends: acknowledgement, agent replies, the pending reminder, the
//! closing notice and the satisfaction request. Pure: each returns an [`OutgoingMail`]
//! from the ticket and the words to say; the desk queues it.
//!
//! Mail to an address nobody has proven ([`Address::Unverified`]) carries nothing the
//! requester typed: no name (in the greeting or the `To` header), no subject (the
//! subject line says "Your request"), no description. The acknowledgement to such an
//! address is [`neutral_acknowledgement`]: the number, when to expect an answer, and how
//! to confirm the address.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::words::Words;
use crate::mail::{Mailbox, OutgoingMail, ReplyAddress, message_id};
use crate::store::TicketRecord;

/// Who the workspace's mail comes from and how replies and rating links find their way
/// back. Built once at start-up from the configuration and the server secret.
#[derive(Clone)]
pub struct Mailer {
    /// The support address and display name.
    pub from: Mailbox,
    /// The domain message ids are made in.
    pub domain: String,
    /// Signs and checks reply addresses.
    pub reply: ReplyAddress,
    /// The server's public base URL, for rating and confirmation links, without a
    /// trailing slash.
    pub public_url: String,
    /// The receiving mail server whose `Authentication-Results` prove who sent inbound
    /// mail (`mail.authserv_id`); None believes none, so subject numbers never thread.
    pub trusted_authserv_id: Option<String>,
    /// HMAC keyed with the server secret; each kind of link adds its own domain prefix.
    link_key: Hmac<Sha256>,
}

/// Whether a ticket's requester address is proven to be theirs; see the module docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    Verified,
    Unverified,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).field("domain", &self.domain).finish_non_exhaustive()
    }
}

/// Keeps a rating link's MAC apart from any other use of the secret. Version 2 signs
/// the expiry too.
const RATING_DOMAIN: &[u8] = b"helpline rating link v2\0";

/// Bytes of the MAC a rating link carries (128 bits).
const RATING_TAG_BYTES: usize = 16;

/// How long a rating link works after the mail that carries it was written.
pub const RATING_LINK_DAYS: i64 = 30;

/// Why a rating link does not open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingLinkError {
    /// Not a token this server signed: mistyped, tampered with or forged.
    Invalid,
    /// Signed here, but older than `RATING_LINK_DAYS`.
    Expired,
}

impl Mailer {
    /// Whether mail to `address` reaches Helpline itself: the support address or the
    /// reply base, with or without a `+tag`. Such addresses never follow a ticket.
    pub fn is_own_address(&self, address: &str) -> bool {
        let support = self.from.address.rsplit_once('@').is_some_and(|(local, domain)| {
            crate::mail::is_tagged_form_of(address, local.split_once('+').map_or(local, |(base, _)| base), domain)
        });
        support || self.reply.is_ours(address)
    }

    /// A mailer signing with `secret` (at least 32 bytes).
    pub fn new(
        from: Mailbox,
        domain: String,
        reply: ReplyAddress,
        public_url: &str,
        secret: &[u8],
    ) -> anyhow::Result<Mailer> {
        let link_key = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| anyhow::anyhow!("invalid secret"))?;
        Ok(Mailer {
            from,
            domain,
            reply,
            public_url: public_url.trim_end_matches('/').to_owned(),
            trusted_authserv_id: None,
            link_key,
        })
    }

    /// A fresh Message-ID for mail about `ticket_id`.
    pub fn new_message_id(&self, ticket_id: i64) -> String {
        message_id(&self.domain, &format!("ticket-{ticket_id}-{}", uuid::Uuid::new_v4().simple()))
    }

    /// The token of a ticket's rating links in mail written at `now`: the ticket id,
    /// when the links expire (Unix seconds) and a MAC over both, so neither can be
    /// changed.
    pub fn rating_token(&self, ticket_id: i64, now: i64) -> String {
        let expires = now.div_euclid(1000) + RATING_LINK_DAYS * 86_400;
        let tag = self.rating_mac(ticket_id, expires).finalize().into_bytes();
        format!("{ticket_id}.{expires}.{}", hex::encode(&tag[..RATING_TAG_BYTES]))
    }

    /// The ticket id a rating token was made for, if its MAC verifies and it has not
    /// expired at `now`.
    pub fn verify_rating_token(&self, token: &str, now: i64) -> Result<i64, RatingLinkError> {
        let mut parts = token.split('.');
        let (Some(id), Some(expires), Some(mac), None) = (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(RatingLinkError::Invalid);
        };
        let ticket_id: i64 = id.parse().map_err(|_| RatingLinkError::Invalid)?;
        let expires: i64 = expires.parse().map_err(|_| RatingLinkError::Invalid)?;
        let given =
            hex::decode(mac).ok().filter(|tag| tag.len() == RATING_TAG_BYTES).ok_or(RatingLinkError::Invalid)?;
        // Constant-time comparison of the truncated tag, before the expiry is believed.
        self.rating_mac(ticket_id, expires).verify_truncated_left(&given).map_err(|_| RatingLinkError::Invalid)?;
        if now.div_euclid(1000) >= expires {
            return Err(RatingLinkError::Expired);
        }
        Ok(ticket_id)
    }

    /// The MAC of a ticket's rating links, before finalising.
    fn rating_mac(&self, ticket_id: i64, expires: i64) -> Hmac<Sha256> {
        let mut mac = self.link_mac(RATING_DOMAIN);
        mac.update(&ticket_id.to_be_bytes());
        mac.update(&expires.to_be_bytes());
        mac
    }

    /// A MAC keyed with the server secret for one kind of link, named by `domain` (a
    /// unique, NUL-terminated text), before its data and finalising.
    pub(super) fn link_mac(&self, domain: &[u8]) -> Hmac<Sha256> {
        let mut mac = self.link_key.clone();
        mac.update(domain);
        mac
    }

    fn letter(
        &self,
        ticket: &TicketRecord,
        address: Address,
        subject: String,
        text: String,
        automatic: bool,
        now: i64,
    ) -> OutgoingMail {
        // An unproven address's display name is the requester's words too.
        let name = match address {
            Address::Verified => ticket.requester_name.as_deref().unwrap_or(""),
            Address::Unverified => "",
        };
        OutgoingMail {
            from: self.from.clone(),
            to: Mailbox::new(name, &ticket.requester_email),
            cc: Vec::new(),
            attachments: Vec::new(),
            reply_to: Some(self.reply.address_for(ticket.workspace_id, ticket.id)),
            subject,
            text,
            message_id: self.new_message_id(ticket.id),
            in_reply_to: None,
            references: Vec::new(),
            automatic,
            date: now,
        }
    }
}

/// The thread a letter continues: the ticket's earlier Message-IDs, oldest first.
#[derive(Debug, Clone, Default)]
pub struct Thread {
    pub message_ids: Vec<String>,
}

impl Thread {
    /// Threads `mail` after the thread's last message.
    pub(super) fn apply(self, mut mail: OutgoingMail) -> OutgoingMail {
        mail.in_reply_to = self.message_ids.last().cloned();
        mail.references = self.message_ids;
        mail
    }
}

/// `[#1001] Subject`, or `[#1001] Your request` (in the requester's language) for an
/// unproven address. The `[#1001]` tag is the same in every language: replies thread by it.
pub fn subject_line(ticket: &TicketRecord, address: Address, words: &Words) -> String {
    match address {
        Address::Verified => format!("[#{}] {}", ticket.number, ticket.subject),
        Address::Unverified => format!("[#{}] {}", ticket.number, words.text("subject-your-request")),
    }
}

/// The ticket as the body of a letter names it: its number, and its subject when the
/// address is proven.
fn ticket_words(ticket: &TicketRecord, address: Address, words: &Words) -> String {
    let number = ticket.number.to_string();
    match address {
        Address::Verified => words.text_with(
            "ticket-with-subject",
            &[("number", number.as_str().into()), ("subject", ticket.subject.as_str().into())],
        ),
        Address::Unverified => words.text_with("ticket-only", &[("number", number.as_str().into())]),
    }
}

fn greeting(ticket: &TicketRecord, address: Address, words: &Words) -> String {
    let name = ticket.requester_name.as_deref().map(str::trim).filter(|name| !name.is_empty());
    match (address, name) {
        (Address::Verified, Some(name)) => words.text_with("greeting-named", &[("name", name.into())]),
        _ => words.text("greeting"),
    }
}

/// The acknowledgement of a new ticket to a proven address: its number, its subject,
/// what the requester wrote and when to expect an answer (`expected`, Unix
/// milliseconds, written in the requester's time zone). `confirmed` opens with thanks
/// for confirming the address, for the acknowledgement that follows a confirmation.
/// The ticket's type and priority are the team's words, not the requester's, so they
/// stay out of it.
#[allow(clippy::too_many_arguments)]
pub fn acknowledgement(
    mailer: &Mailer,
    ticket: &TicketRecord,
    words: &Words,
    workspace_name: &str,
    description: Option<&str>,
    expected: Option<i64>,
    confirmed: bool,
    now: i64,
) -> OutgoingMail {
    let number = ticket.number.to_string();
    let facts = [("workspace", workspace_name.into()), ("number", number.as_str().into())];
    let opening = words.text_with(if confirmed { "ack-confirmed-opening" } else { "ack-opening" }, &facts);
    let mut text = format!("{}\n\n{opening}\n\n", greeting(ticket, Address::Verified, words));
    text.push_str(&words.text_with("ack-subject", &[("subject", ticket.subject.as_str().into())]));
    text.push('\n');
    if let Some(description) = description.map(str::trim).filter(|text| !text.is_empty()) {
        text.push('\n');
        text.push_str(&words.text("ack-you-wrote"));
        text.push('\n');
        for line in summary(description).lines() {
            text.push_str("> ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(&next_steps(expected, words));
    text.push_str(&format!(
        "{}\n\n{}\n",
        words.text_with("ack-add-anything", &[("number", number.as_str().into())]),
        signature(mailer, words)
    ));
    mailer.letter(ticket, Address::Verified, subject_line(ticket, Address::Verified, words), text, true, now)
}

/// The acknowledgement to an address nobody has proven: the number, when to expect an
/// answer, and how to confirm the address (reply, or `confirm_url`), and nothing the
/// requester typed.
pub fn neutral_acknowledgement(
    mailer: &Mailer,
    ticket: &TicketRecord,
    words: &Words,
    workspace_name: &str,
    expected: Option<i64>,
    confirm_url: &str,
    now: i64,
) -> OutgoingMail {
    let number = ticket.number.to_string();
    let workspace = [("workspace", workspace_name.into())];
    let mut text = format!(
        "{}\n\n{}\n\n{}\n\n  {confirm_url}\n\n{}\n",
        words.text("greeting"),
        words.text_with("neutral-received", &[("number", number.as_str().into()), workspace[0]]),
        words.text_with("neutral-confirm", &[("days", super::addresses::CONFIRM_DAYS.into())]),
        words.text("neutral-until"),
    );
    text.push_str(&next_steps(expected, words));
    text.push_str(&format!("{}\n\n{}\n", words.text_with("neutral-ignore", &workspace), signature(mailer, words)));
    mailer.letter(ticket, Address::Unverified, subject_line(ticket, Address::Unverified, words), text, true, now)
}

/// When to expect an answer, as a paragraph followed by a blank line.
fn next_steps(expected: Option<i64>, words: &Words) -> String {
    let line = match expected {
        Some(at) => words.text_with("next-steps-by", &[("when", words.when(at).as_str().into())]),
        None => words.text("next-steps-soon"),
    };
    format!("\n{line}\n\n")
}

/// An agent's public reply, threaded after the ticket's earlier mail.
#[allow(clippy::too_many_arguments)]
pub fn reply(
    mailer: &Mailer,
    ticket: &TicketRecord,
    words: &Words,
    address: Address,
    agent_name: &str,
    body: &str,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let text = format!(
        "{}\n\n{}\n\n{agent_name}\n{}\n",
        greeting(ticket, address, words),
        body.trim_end(),
        signature(mailer, words)
    );
    let subject = format!("Re: {}", subject_line(ticket, address, words));
    thread.apply(mailer.letter(ticket, address, subject, text, false, now))
}

/// The one reminder of a pending spell: the team is waiting, and when (`close_at`, Unix
/// milliseconds) the ticket closes.
pub fn reminder(
    mailer: &Mailer,
    ticket: &TicketRecord,
    words: &Words,
    address: Address,
    close_at: i64,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let text = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        greeting(ticket, address, words),
        words.text_with("reminder-waiting", &[("ticket", ticket_words(ticket, address, words).as_str().into())]),
        words.text_with("reminder-close", &[("when", words.when(close_at).as_str().into())]),
        signature(mailer, words)
    );
    let subject = format!("Re: {}", subject_line(ticket, address, words));
    thread.apply(mailer.letter(ticket, address, subject, text, true, now))
}

/// The notice that a pending ticket was closed for want of a reply.
#[allow(clippy::too_many_arguments)]
pub fn closed_for_silence(
    mailer: &Mailer,
    ticket: &TicketRecord,
    words: &Words,
    address: Address,
    days: i64,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let named = ticket_words(ticket, address, words);
    let text = format!(
        "{}\n\n{}\n\n{}\n\n{}\n",
        greeting(ticket, address, words),
        words.text_with("closed-silence", &[("ticket", named.as_str().into()), ("days", days.into())]),
        words.text("closed-follow-up"),
        signature(mailer, words)
    );
    let subject = format!("Re: {}", subject_line(ticket, address, words));
    thread.apply(mailer.letter(ticket, address, subject, text, true, now))
}

/// The satisfaction request sent when a ticket is resolved: one link per rating. Each
/// opens a page that asks to confirm, so a mail scanner following links rates nothing.
/// The links carry the requester's language, so the page asks in it.
pub fn satisfaction_request(
    mailer: &Mailer,
    ticket: &TicketRecord,
    words: &Words,
    address: Address,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let token = mailer.rating_token(ticket.id, now);
    let named = ticket_words(ticket, address, words);
    let mut text = format!(
        "{}\n\n{}\n\n",
        greeting(ticket, address, words),
        words.text_with("rating-resolved", &[("ticket", named.as_str().into())]),
    );
    let locale = words.locale();
    for rating in (1..=5).rev() {
        text.push_str(&format!(
            "  {rating} - {}: {}/rate/{token}?rating={rating}&lang={locale}\n",
            words.text(&format!("rating-{rating}")),
            mailer.public_url
        ));
    }
    text.push_str(&format!(
        "\n{}\n\n{}\n",
        words.text_with("rating-links-expire", &[("days", RATING_LINK_DAYS.into())]),
        signature(mailer, words)
    ));
    let subject = format!("Re: {}", subject_line(ticket, address, words));
    thread.apply(mailer.letter(ticket, address, subject, text, true, now))
}

fn signature(mailer: &Mailer, words: &Words) -> String {
    let name = mailer.from.name.clone().unwrap_or_else(|| words.text("signature-fallback"));
    format!("-- \n{name}")
}

/// The first 1,000 characters of a description, cut at a character boundary.
fn summary(description: &str) -> String {
    const LIMIT: usize = 1000;
    match description.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &description[..cut]),
        None => description.to_owned(),
    }
}
