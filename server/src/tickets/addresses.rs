//! No anonymous mail relay: what mail a requester's address may get before it is
//! proven, and how it is proven.
//!
//! Anyone can type any address into "Email us", claim one in `identify`, or forge the
//! `From` of an inbound mail. So an address is proven per workspace only by its owner
//! replying to Helpline mail sent to it (a signed reply address, or the Message-ID of
//! mail Helpline sent, from that address), by following the signed, expiring
//! confirmation link mailed to it, by a verified identity carrying it, or by the host's
//! backend naming it with an API key. Until then a new ticket's acknowledgement is the
//! neutral one (the number and how to confirm, nothing the requester typed), and each
//! unproven address gets at most `limits.unverified_mail_per_address_per_day` of those
//! a day, counted in the database; past that the ticket is still created and its
//! history says why no mail went out.

use hmac::Mac;
use protocol::tickets::TicketEventKind;

use super::TicketError;
use super::desk::{Desk, queue};
use super::letters::{self, Address};
use super::words::Words;
use crate::mail::InboundMail;
use crate::store::{RequesterMail, TicketRecord, VerifiedBy, normalize_address};

/// How long a confirmation link works.
pub const CONFIRM_DAYS: i64 = 7;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Keeps a confirmation link's MAC apart from any other use of the secret.
const CONFIRM_DOMAIN: &[u8] = b"helpline address confirmation v1\0";
/// Bytes of the MAC a confirmation link carries (128 bits).
const CONFIRM_TAG_BYTES: usize = 16;

/// What a new ticket's requester gets by way of acknowledgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Acknowledge {
    /// The full acknowledgement, quoting the request: the address is proven.
    Full,
    /// The neutral one, counted against the address's daily share.
    Neutral,
    /// Nothing: the address had its share today.
    Withhold,
}

/// A confirmation link that verified: the ticket, as it is now.
#[derive(Debug, Clone)]
pub struct Confirmation {
    pub ticket: TicketRecord,
    /// Whether the address was already proven before this link was used.
    pub already: bool,
}

/// What an acknowledgement says and answers.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct AckFacts<'a> {
    /// What the requester wrote, repeated to a proven address.
    pub description: Option<&'a str>,
    /// When to expect an answer (Unix milliseconds), written in the requester's
    /// language and time zone.
    pub expected: Option<i64>,
    /// The Message-ID of the customer's mail the ticket came in as, which the
    /// acknowledgement threads under.
    pub answering: Option<&'a str>,
}

impl Desk {
    /// Records that a party the workspace trusts proved `address` (a host backend with
    /// its API key): its tickets' mail may say what the requester wrote.
    pub async fn vouch_for_address(&self, workspace_id: i64, address: &str, by: VerifiedBy) -> anyhow::Result<bool> {
        self.store.verify_address(workspace_id, address, by, self.clock.now()).await
    }

    /// Whether the ticket's requester address is proven in its workspace.
    pub async fn address_of(&self, ticket: &TicketRecord) -> anyhow::Result<Address> {
        let verified = self.store.address_verified(ticket.workspace_id, &ticket.requester_email).await?;
        Ok(if verified { Address::Verified } else { Address::Unverified })
    }

    /// The acknowledgement a new ticket to `email` gets, before the daily share of an
    /// unproven address is counted: `Full` or `Neutral`, which the creating
    /// transaction turns into `Withhold` when the share is used up.
    pub(super) async fn acknowledgement_plan(
        &self,
        workspace_id: i64,
        email: &str,
        forgeable: bool,
    ) -> anyhow::Result<Acknowledge> {
        let verified = !forgeable && self.store.address_verified(workspace_id, email).await?;
        Ok(if verified { Acknowledge::Full } else { Acknowledge::Neutral })
    }

    /// The acknowledgement a new ticket to `email` gets; a neutral one is counted now.
    /// `forgeable` says the request may not come from the address's owner even when the
    /// address is proven (mail, whose `From` anyone can write): then the full text could
    /// reach a real customer from someone else, so it is acknowledged neutrally too.
    pub(super) async fn acknowledgement_for(
        &self,
        workspace_id: i64,
        email: &str,
        forgeable: bool,
    ) -> anyhow::Result<Acknowledge> {
        if !forgeable && self.store.address_verified(workspace_id, email).await? {
            return Ok(Acknowledge::Full);
        }
        let now = self.clock.now();
        Ok(if self.store.take_unverified_mail(email, now, self.unverified_mail_per_day).await? {
            Acknowledge::Neutral
        } else {
            tracing::info!(workspace_id, "acknowledgement withheld: unverified address over its daily mail");
            Acknowledge::Withhold
        })
    }

    /// The mail (or its absence) that acknowledges `ticket` as `plan` says.
    pub(super) fn acknowledgement_mail(
        &self,
        plan: Acknowledge,
        ticket: &TicketRecord,
        words: &Words,
        workspace_name: &str,
        facts: AckFacts<'_>,
        now: i64,
    ) -> Result<RequesterMail, TicketError> {
        let AckFacts { description, expected, answering } = facts;
        let mail = match plan {
            Acknowledge::Full => {
                letters::acknowledgement(&self.mailer, ticket, words, workspace_name, description, expected, false, now)
            }
            Acknowledge::Neutral => {
                let link = self.confirmation_url(ticket, now);
                letters::neutral_acknowledgement(&self.mailer, ticket, words, workspace_name, expected, &link, now)
            }
            Acknowledge::Withhold => {
                return Ok(RequesterMail::Withhold(format!(
                    "No acknowledgement was sent: the address is not verified and has had its {} mails for today. \
                     It is verified when the requester replies to earlier mail or follows its confirmation link.",
                    self.unverified_mail_per_day
                )));
            }
        };
        // Threaded under the customer's own mail, when the ticket came in as one.
        let thread = letters::Thread { message_ids: answering.map(str::to_owned).into_iter().collect() };
        Ok(RequesterMail::Send(queue(&thread.apply(mail), ticket)?))
    }

    /// The ticket a confirmation link was made for, if it verifies, has not expired and
    /// the ticket still has the address it was mailed to.
    pub async fn confirmation_ticket(&self, token: &str) -> anyhow::Result<Option<TicketRecord>> {
        let Some((ticket_id, expires, tag)) = parse_confirmation(token) else {
            return Ok(None);
        };
        if expires.saturating_mul(1000) < self.clock.now() {
            return Ok(None);
        }
        let Some(ticket) = self.store.ticket(ticket_id).await? else {
            return Ok(None);
        };
        // Constant-time comparison of the truncated tag.
        let mac = self.confirmation_mac(ticket_id, expires, &ticket.requester_email);
        Ok(mac.verify_truncated_left(&tag).ok().map(|()| ticket))
    }

    /// Follows a confirmation link: the address is proven, the history says so, and the
    /// full acknowledgement goes out (threaded after the neutral one). None when the
    /// link does not verify.
    pub async fn confirm_address(&self, token: &str) -> Result<Option<Confirmation>, TicketError> {
        let Some(ticket) = self.confirmation_ticket(token).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        let words = self.words_for(&ticket).await?;
        let workspace = self.store.workspace(ticket.workspace_id).await?.ok_or(TicketError::NoWorkspace)?;
        let events = self.store.ticket_events(ticket.id).await?;
        let description =
            events.iter().find(|event| event.kind == TicketEventKind::CustomerReply).and_then(|e| e.body.clone());
        let thread = self.thread(ticket.id).await?;
        let recorded = self
            .writes()
            .record_address_verified(ticket.id, &ticket.requester_email, VerifiedBy::Link, now, |ticket| {
                let mail = letters::acknowledgement(
                    &self.mailer,
                    ticket,
                    &words,
                    &workspace.name,
                    description.as_deref(),
                    ticket.next_response_due_at,
                    true,
                    now,
                );
                let mail = thread.apply(mail);
                Ok(Some(queue(&mail, ticket).map_err(anyhow::Error::new)?))
            })
            .await?;
        self.outbox.poke();
        Ok(Some(Confirmation { already: recorded.event.is_none(), ticket: recorded.ticket }))
    }

    /// Proves the requester's address when `mail`, threaded to `ticket`, came from it in
    /// answer to mail Helpline sent (a signed reply address, or the Message-ID of such
    /// mail). A matching subject number alone proves nothing: `From` is easily forged.
    pub(super) async fn proves_address(&self, ticket: &TicketRecord, mail: &InboundMail) -> anyhow::Result<bool> {
        let from_requester = mail
            .from
            .as_ref()
            .is_some_and(|from| normalize_address(&from.address) == normalize_address(&ticket.requester_email));
        if !from_requester || ticket.requester_email.is_empty() {
            return Ok(false);
        }
        let by_token = mail
            .recipients
            .iter()
            .filter_map(|recipient| self.mailer.reply.parse(recipient))
            .any(|target| target.ticket_id == ticket.id && target.workspace_id == ticket.workspace_id);
        if by_token {
            return Ok(true);
        }
        let mut ids = mail.in_reply_to.clone();
        ids.extend(mail.references.iter().cloned());
        self.store.ticket_sent_any(ticket.id, &ids).await
    }

    /// Records that a reply proved the ticket's requester address.
    pub(super) async fn address_proven_by_reply(&self, ticket: &TicketRecord) -> Result<(), TicketError> {
        let now = self.clock.now();
        self.writes()
            .record_address_verified(ticket.id, &ticket.requester_email, VerifiedBy::Reply, now, |_| Ok(None))
            .await?;
        Ok(())
    }

    /// The link in a neutral acknowledgement.
    fn confirmation_url(&self, ticket: &TicketRecord, now: i64) -> String {
        let expires = (now + CONFIRM_DAYS * DAY_MS) / 1000;
        let tag = self.confirmation_mac(ticket.id, expires, &ticket.requester_email).finalize().into_bytes();
        let token = format!("{}.{expires}.{}", ticket.id, hex::encode(&tag[..CONFIRM_TAG_BYTES]));
        format!("{}/confirm/{token}", self.mailer.public_url)
    }

    fn confirmation_mac(&self, ticket_id: i64, expires: i64, address: &str) -> hmac::Hmac<sha2::Sha256> {
        let mut mac = self.mailer.link_mac(CONFIRM_DOMAIN);
        mac.update(&ticket_id.to_be_bytes());
        mac.update(&expires.to_be_bytes());
        mac.update(normalize_address(address).as_bytes());
        mac
    }
}

/// The ticket id, expiry (Unix seconds) and MAC a token carries, before the MAC is
/// checked.
fn parse_confirmation(token: &str) -> Option<(i64, i64, Vec<u8>)> {
    let mut parts = token.splitn(3, '.');
    let ticket_id = parts.next()?.parse().ok()?;
    let expires = parts.next()?.parse().ok()?;
    let tag = hex::decode(parts.next()?).ok().filter(|tag| tag.len() == CONFIRM_TAG_BYTES)?;
    Some((ticket_id, expires, tag))
}
