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
use protocol::tickets::{TicketPriority, TicketType};
use sha2::Sha256;

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

/// `[#1001] Subject`, or `[#1001] Your request` for an unproven address.
pub fn subject_line(ticket: &TicketRecord, address: Address) -> String {
    match address {
        Address::Verified => format!("[#{}] {}", ticket.number, ticket.subject),
        Address::Unverified => format!("[#{}] Your request", ticket.number),
    }
}

/// The ticket as the body of a letter names it: its number, and its subject when the
/// address is proven.
fn ticket_words(ticket: &TicketRecord, address: Address) -> String {
    match address {
        Address::Verified => format!("ticket #{} ({})", ticket.number, ticket.subject),
        Address::Unverified => format!("ticket #{}", ticket.number),
    }
}

fn greeting(ticket: &TicketRecord, address: Address) -> String {
    let name = ticket.requester_name.as_deref().map(str::trim).filter(|name| !name.is_empty());
    match (address, name) {
        (Address::Verified, Some(name)) => format!("Hello {name},"),
        _ => "Hello,".to_owned(),
    }
}

/// The acknowledgement of a new ticket to a proven address: its number, a summary and
/// when to expect an answer (`expected`, already worded in the workspace's time zone).
/// `confirmed` opens with thanks for confirming the address, for the acknowledgement
/// that follows a confirmation.
pub fn acknowledgement(
    mailer: &Mailer,
    ticket: &TicketRecord,
    workspace_name: &str,
    description: Option<&str>,
    expected: Option<&str>,
    confirmed: bool,
    now: i64,
) -> OutgoingMail {
    let opening = if confirmed {
        format!(
            "Thank you for confirming your address. Here is your request to {workspace_name}, ticket #{}.",
            ticket.number
        )
    } else {
        format!(
            "Thanks for contacting {workspace_name}. We have received your request and opened ticket #{}.",
            ticket.number
        )
    };
    let mut text = format!("{}\n\n{opening}\n\n", greeting(ticket, Address::Verified));
    text.push_str(&format!(
        "Subject: {}\nType: {}\nPriority: {}\n",
        ticket.subject,
        type_words(ticket),
        priority_words(ticket)
    ));
    if let Some(description) = description.map(str::trim).filter(|text| !text.is_empty()) {
        text.push_str("\nYou wrote:\n");
        for line in summary(description).lines() {
            text.push_str("> ");
            text.push_str(line);
            text.push('\n');
        }
    }
    text.push_str(&next_steps(expected));
    text.push_str(&format!(
        "To add anything, reply to this email and keep [#{}] in the subject.\n\n{}\n",
        ticket.number,
        signature(mailer)
    ));
    mailer.letter(ticket, Address::Verified, subject_line(ticket, Address::Verified), text, true, now)
}

/// The acknowledgement to an address nobody has proven: the number, when to expect an
/// answer, and how to confirm the address (reply, or `confirm_url`), and nothing the
/// requester typed.
pub fn neutral_acknowledgement(
    mailer: &Mailer,
    ticket: &TicketRecord,
    workspace_name: &str,
    expected: Option<&str>,
    confirm_url: &str,
    now: i64,
) -> OutgoingMail {
    let mut text = format!(
        "Hello,\n\nWe received your request #{number} to {workspace_name}.\n\n\
         To confirm that this is your address and continue, reply to this email or open this link \
         (it works for {days} days):\n\n  {confirm_url}\n\n\
         Until then we will not repeat anything of your request by email.\n",
        number = ticket.number,
        days = super::addresses::CONFIRM_DAYS,
    );
    text.push_str(&next_steps(expected));
    text.push_str(&format!(
        "If you did not contact {workspace_name}, you can ignore this email.\n\n{}\n",
        signature(mailer)
    ));
    mailer.letter(ticket, Address::Unverified, subject_line(ticket, Address::Unverified), text, true, now)
}

/// When to expect an answer, as a paragraph.
fn next_steps(expected: Option<&str>) -> String {
    match expected {
        Some(expected) => format!("\nWhat happens next: we aim to answer by {expected}.\n"),
        None => "\nWhat happens next: we will answer as soon as we can.\n".to_owned(),
    }
}

/// An agent's public reply, threaded after the ticket's earlier mail.
pub fn reply(
    mailer: &Mailer,
    ticket: &TicketRecord,
    address: Address,
    agent_name: &str,
    body: &str,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let text = format!("{}\n\n{}\n\n{agent_name}\n{}\n", greeting(ticket, address), body.trim_end(), signature(mailer));
    let subject = format!("Re: {}", subject_line(ticket, address));
    thread.apply(mailer.letter(ticket, address, subject, text, false, now))
}

/// The one reminder of a pending spell: the team is waiting, and when the ticket closes.
pub fn reminder(
    mailer: &Mailer,
    ticket: &TicketRecord,
    address: Address,
    close_on: &str,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let text = format!(
        "{}\n\nWe are waiting for your reply on {}.\n\nIf we do not hear from you by {close_on}, we will close it. \
         Reply to this email to keep it open.\n\n{}\n",
        greeting(ticket, address),
        ticket_words(ticket, address),
        signature(mailer)
    );
    let subject = format!("Re: {}", subject_line(ticket, address));
    thread.apply(mailer.letter(ticket, address, subject, text, true, now))
}

/// The notice that a pending ticket was closed for want of a reply.
pub fn closed_for_silence(
    mailer: &Mailer,
    ticket: &TicketRecord,
    address: Address,
    days: i64,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let text = format!(
        "{}\n\nWe have closed {} because we have not heard back from you for {days} days.\n\n\
         If you still need help, reply to this email and we will open a follow-up ticket.\n\n{}\n",
        greeting(ticket, address),
        ticket_words(ticket, address),
        signature(mailer)
    );
    let subject = format!("Re: {}", subject_line(ticket, address));
    thread.apply(mailer.letter(ticket, address, subject, text, true, now))
}

/// The satisfaction request sent when a ticket is resolved: one link per rating. Each
/// opens a page that asks to confirm, so a mail scanner following links rates nothing.
pub fn satisfaction_request(
    mailer: &Mailer,
    ticket: &TicketRecord,
    address: Address,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let token = mailer.rating_token(ticket.id, now);
    let mut text = format!(
        "{}\n\nWe have marked {} as resolved. How would you rate our support? Choose a link and confirm:\n\n",
        greeting(ticket, address),
        ticket_words(ticket, address),
    );
    for (rating, words) in [(5, "Excellent"), (4, "Good"), (3, "OK"), (2, "Poor"), (1, "Bad")] {
        text.push_str(&format!("  {rating} - {words}: {}/rate/{token}?rating={rating}\n", mailer.public_url));
    }
    text.push_str(&format!(
        "\nThe links work for {RATING_LINK_DAYS} days. If something is still not right, reply to this email and the \
         ticket reopens.\n\n{}\n",
        signature(mailer)
    ));
    let subject = format!("Re: {}", subject_line(ticket, address));
    thread.apply(mailer.letter(ticket, address, subject, text, true, now))
}

fn signature(mailer: &Mailer) -> String {
    format!("-- \n{}", mailer.from.name.as_deref().unwrap_or("Support"))
}

/// The first 1,000 characters of a description, cut at a character boundary.
fn summary(description: &str) -> String {
    const LIMIT: usize = 1000;
    match description.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}…", &description[..cut]),
        None => description.to_owned(),
    }
}

fn type_words(ticket: &TicketRecord) -> &'static str {
    match ticket.ticket_type {
        TicketType::Question => "Question",
        TicketType::Configuration => "Configuration",
        TicketType::Bug => "Bug",
        TicketType::FeatureRequest => "Feature request",
    }
}

fn priority_words(ticket: &TicketRecord) -> &'static str {
    match ticket.priority {
        TicketPriority::Low => "Low",
        TicketPriority::Medium => "Medium",
        TicketPriority::High => "High",
        TicketPriority::Critical => "Critical",
    }
}
