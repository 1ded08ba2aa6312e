//! The mail a ticket sends: acknowledgement, agent replies, the pending reminder, the
//! closing notice and the satisfaction request. Pure: each returns an [`OutgoingMail`]
//! from the ticket and the words to say; the desk queues it.

use hmac::{Hmac, Mac};
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
    /// The server's public base URL, for rating links, without a trailing slash.
    pub public_url: String,
    /// The receiving mail server whose `Authentication-Results` prove who sent inbound
    /// mail (`mail.authserv_id`); None believes none, so subject numbers never thread.
    pub trusted_authserv_id: Option<String>,
    rating_key: Hmac<Sha256>,
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
    /// A mailer signing with `secret` (at least 32 bytes).
    pub fn new(
        from: Mailbox,
        domain: String,
        reply: ReplyAddress,
        public_url: &str,
        secret: &[u8],
    ) -> anyhow::Result<Mailer> {
        let rating_key = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| anyhow::anyhow!("invalid secret"))?;
        Ok(Mailer {
            from,
            domain,
            reply,
            public_url: public_url.trim_end_matches('/').to_owned(),
            trusted_authserv_id: None,
            rating_key,
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
        let mut mac = self.rating_key.clone();
        mac.update(RATING_DOMAIN);
        mac.update(&ticket_id.to_be_bytes());
        mac.update(&expires.to_be_bytes());
        mac
    }

    fn letter(&self, ticket: &TicketRecord, subject: String, text: String, automatic: bool, now: i64) -> OutgoingMail {
        OutgoingMail {
            from: self.from.clone(),
            to: Mailbox::new(ticket.requester_name.as_deref().unwrap_or(""), &ticket.requester_email),
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
    fn apply(self, mut mail: OutgoingMail) -> OutgoingMail {
        mail.in_reply_to = self.message_ids.last().cloned();
        mail.references = self.message_ids;
        mail
    }
}

/// `[#1001] Subject`.
pub fn subject_line(ticket: &TicketRecord) -> String {
    format!("[#{}] {}", ticket.number, ticket.subject)
}

fn greeting(ticket: &TicketRecord) -> String {
    match ticket.requester_name.as_deref().map(str::trim).filter(|name| !name.is_empty()) {
        Some(name) => format!("Hello {name},"),
        None => "Hello,".to_owned(),
    }
}

/// The acknowledgement of a new ticket: its number, a summary and when to expect an
/// answer (`expected`, already worded in the workspace's time zone).
pub fn acknowledgement(
    mailer: &Mailer,
    ticket: &TicketRecord,
    workspace_name: &str,
    description: Option<&str>,
    expected: Option<&str>,
    now: i64,
) -> OutgoingMail {
    let mut text = format!(
        "{}\n\nThanks for contacting {workspace_name}. We have received your request and opened ticket #{}.\n\n",
        greeting(ticket),
        ticket.number
    );
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
    match expected {
        Some(expected) => text.push_str(&format!("\nWhat happens next: we aim to answer by {expected}.\n")),
        None => text.push_str("\nWhat happens next: we will answer as soon as we can.\n"),
    }
    text.push_str(&format!(
        "To add anything, reply to this email and keep [#{}] in the subject.\n\n{}\n",
        ticket.number,
        signature(mailer)
    ));
    mailer.letter(ticket, subject_line(ticket), text, true, now)
}

/// An agent's public reply, threaded after the ticket's earlier mail.
pub fn reply(
    mailer: &Mailer,
    ticket: &TicketRecord,
    agent_name: &str,
    body: &str,
    thread: Thread,
    now: i64,
) -> OutgoingMail {
    let text = format!("{}\n\n{}\n\n{agent_name}\n{}\n", greeting(ticket), body.trim_end(), signature(mailer));
    thread.apply(mailer.letter(ticket, format!("Re: {}", subject_line(ticket)), text, false, now))
}

/// The one reminder of a pending spell: the team is waiting, and when the ticket closes.
pub fn reminder(mailer: &Mailer, ticket: &TicketRecord, close_on: &str, thread: Thread, now: i64) -> OutgoingMail {
    let text = format!(
        "{}\n\nWe are waiting for your reply on ticket #{} ({}).\n\nIf we do not hear from you by {close_on}, we will close it. \
         Reply to this email to keep it open.\n\n{}\n",
        greeting(ticket),
        ticket.number,
        ticket.subject,
        signature(mailer)
    );
    thread.apply(mailer.letter(ticket, format!("Re: {}", subject_line(ticket)), text, true, now))
}

/// The notice that a pending ticket was closed for want of a reply.
pub fn closed_for_silence(mailer: &Mailer, ticket: &TicketRecord, days: i64, thread: Thread, now: i64) -> OutgoingMail {
    let text = format!(
        "{}\n\nWe have closed ticket #{} ({}) because we have not heard back from you for {days} days.\n\n\
         If you still need help, reply to this email and we will open a follow-up ticket.\n\n{}\n",
        greeting(ticket),
        ticket.number,
        ticket.subject,
        signature(mailer)
    );
    thread.apply(mailer.letter(ticket, format!("Re: {}", subject_line(ticket)), text, true, now))
}

/// The satisfaction request sent when a ticket is resolved: one link per rating. Each
/// opens a page that asks to confirm, so a mail scanner following links rates nothing.
pub fn satisfaction_request(mailer: &Mailer, ticket: &TicketRecord, thread: Thread, now: i64) -> OutgoingMail {
    let token = mailer.rating_token(ticket.id, now);
    let mut text = format!(
        "{}\n\nWe have marked ticket #{} ({}) as resolved. How would you rate our support? Choose a link and confirm:\n\n",
        greeting(ticket),
        ticket.number,
        ticket.subject
    );
    for (rating, words) in [(5, "Excellent"), (4, "Good"), (3, "OK"), (2, "Poor"), (1, "Bad")] {
        text.push_str(&format!("  {rating} - {words}: {}/rate/{token}?rating={rating}\n", mailer.public_url));
    }
    text.push_str(&format!(
        "\nThe links work for {RATING_LINK_DAYS} days. If something is still not right, reply to this email and the \
         ticket reopens.\n\n{}\n",
        signature(mailer)
    ));
    thread.apply(mailer.letter(ticket, format!("Re: {}", subject_line(ticket)), text, true, now))
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
    use crate::store::TicketType;
    match ticket.ticket_type {
        TicketType::Question => "Question",
        TicketType::Configuration => "Configuration",
        TicketType::Bug => "Bug",
        TicketType::FeatureRequest => "Feature request",
    }
}

fn priority_words(ticket: &TicketRecord) -> &'static str {
    use super::Priority;
    match ticket.priority {
        Priority::Low => "Low",
        Priority::Medium => "Medium",
        Priority::High => "High",
        Priority::Critical => "Critical",
    }
}
