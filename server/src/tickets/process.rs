//! The desk's process steps on a ticket, each one [`TicketTx`](crate::store::TicketTx)
//! with its history event: the pending reminder, the requester's rating, engineering
//! details, the requester's address and its proof, automatic replies, due times, and
//! deletion.

use protocol::tickets::{TicketEventKind, TicketStatus};

use super::writes::{Writes, append};
use super::{DeskKey, TicketError};
use crate::store::{
    Actor, EventWrite, NewOutgoing, Received, RequesterMail, TicketEventRecord, TicketRecord, VerifiedBy,
    normalize_address,
};

/// A ticket after a process step, with the event that recorded it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub ticket: TicketRecord,
    /// None when the step changed nothing.
    pub event: Option<TicketEventRecord>,
}

impl Writes<'_> {
    /// Records the one reminder of a pending spell and queues its mail, unless the ticket
    /// moved on since `expected_pending_since` was read (then [`TicketError::Stale`]).
    pub(super) async fn record_reminder(
        self,
        ticket_id: i64,
        expected_pending_since: i64,
        mail: NewOutgoing,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        let still_due = current.status == TicketStatus::Pending
            && current.pending_since == Some(expected_pending_since)
            && current.reminded_at.is_none();
        if !still_due {
            return Err(TicketError::Stale);
        }
        let next = TicketRecord { reminded_at: Some(now), ..current };
        let write = EventWrite { message_id: Some(&mail.message_id), ..EventWrite::new(TicketEventKind::ReminderSent) };
        let (ticket, event) = append(&mut tx, &next, Actor::System, &write, now).await?;
        let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
        tx.enqueue_mail(&mail, now).await?;
        tx.commit().await?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Records the requester's rating (1 to 5) and comment; rating again replaces both, and
    /// the same rating and comment again records nothing.
    pub(super) async fn rate(
        self,
        ticket_id: i64,
        rating: i64,
        comment: Option<&str>,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        if current.rating == Some(rating) && current.rating_comment.as_deref() == comment {
            return Ok(Recorded { ticket: current, event: None });
        }
        let next = TicketRecord {
            rating: Some(rating),
            rating_comment: comment.map(str::to_owned),
            rated_at: Some(now),
            ..current
        };
        let rating_text = rating.to_string();
        let write = EventWrite {
            body: comment,
            new_value: Some(&rating_text),
            ..EventWrite::new(TicketEventKind::SatisfactionRated)
        };
        let (ticket, event) = append(&mut tx, &next, Actor::Customer, &write, now).await?;
        tx.commit().await?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Replaces the engineering details (a JSON object of texts), recording the change.
    pub(super) async fn set_details(
        self,
        ticket_id: i64,
        actor: Actor,
        details: &serde_json::Value,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        if &current.details == details {
            return Ok(Recorded { ticket: current, event: None });
        }
        if let Actor::Agent(agent_id) = actor {
            tx.check_agent(agent_id, current.workspace_id).await?;
        }
        let old = current.details.to_string();
        let new = details.to_string();
        let next = TicketRecord { details: details.clone(), ..current };
        let write = EventWrite {
            old_value: Some(&old),
            new_value: Some(&new),
            ..EventWrite::new(TicketEventKind::DetailsChanged)
        };
        let (ticket, event) = append(&mut tx, &next, actor, &write, now).await?;
        tx.commit().await?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Sets the requester's address (a chat hand-off that lacked one) and queues the mail
    /// `compose` makes of the updated ticket (its acknowledgement), whose Message-ID the
    /// event keeps; a withheld mail is recorded as a `mail_withheld` event after it. The
    /// same address again changes nothing.
    pub(super) async fn set_requester_email(
        self,
        ticket_id: i64,
        actor: Actor,
        email: &str,
        now: i64,
        compose: impl FnOnce(&TicketRecord) -> anyhow::Result<Option<RequesterMail>>,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        if current.requester_email == email {
            return Ok(Recorded { ticket: current, event: None });
        }
        let old = current.requester_email.clone();
        let next = TicketRecord { requester_email: email.to_owned(), ..current };
        let mut ticket = tx.save(&next, 1, now).await?;
        let (mail, withheld) = match compose(&ticket)? {
            Some(RequesterMail::Send(mail)) => (Some(mail), None),
            Some(RequesterMail::Withhold(reason)) => (None, Some(reason)),
            None => (None, None),
        };
        let write = EventWrite {
            old_value: Some(&old),
            new_value: Some(email),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(TicketEventKind::RequesterChanged)
        };
        let event = tx.insert_event(ticket_id, ticket.last_seq, actor, &write, now).await?;
        if let Some(mail) = mail {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
            tx.enqueue_mail(&mail, now).await?;
        }
        if let Some(reason) = withheld {
            let write = EventWrite { body: Some(&reason), ..EventWrite::new(TicketEventKind::MailWithheld) };
            ticket = append(&mut tx, &ticket, Actor::System, &write, now).await?.0;
        }
        tx.commit().await?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Records an automatic reply (out of office, …) on its ticket, without touching its
    /// status or what it owes. A repeated Message-ID is [`TicketError::DuplicateMessage`].
    pub(super) async fn record_auto_reply(
        self,
        ticket_id: i64,
        body: &str,
        message_id: Option<&str>,
        received: Option<Received<'_>>,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        let write =
            EventWrite { body: Some(body), message_id, received, ..EventWrite::new(TicketEventKind::AutoReply) };
        let (ticket, event) = append(&mut tx, &current, Actor::System, &write, now).await?;
        tx.commit().await?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Records on a ticket that its requester's address is now proven (how, in
    /// `new_value`) and, in the same transaction, that the workspace knows it, queuing the
    /// mail `compose` makes of the ticket (the full acknowledgement) with the event.
    /// Nothing is written when the address was proven already or is no longer the
    /// ticket's.
    pub(super) async fn record_address_verified(
        self,
        ticket_id: i64,
        address: &str,
        by: VerifiedBy,
        now: i64,
        compose: impl FnOnce(&TicketRecord) -> anyhow::Result<Option<NewOutgoing>>,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        if normalize_address(&current.requester_email) != normalize_address(address)
            || !tx.verify_address(current.workspace_id, address, by, now).await?
        {
            return Ok(Recorded { ticket: current, event: None });
        }
        let ticket = tx.save(&current, 1, now).await?;
        let mail = compose(&ticket)?;
        let write = EventWrite {
            new_value: Some(by.as_str()),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(TicketEventKind::AddressVerified)
        };
        let event = tx.insert_event(ticket_id, ticket.last_seq, Actor::Customer, &write, now).await?;
        if let Some(mail) = mail {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
            tx.enqueue_mail(&mail, now).await?;
        }
        tx.commit().await?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Recomputes a ticket's due times from its current state under the ticket's lock, so
    /// a concurrent change cannot leave times computed from an older state.
    pub(super) async fn refresh_due_times(
        self,
        ticket_id: i64,
        compute: impl FnOnce(&TicketRecord) -> (Option<i64>, Option<i64>),
    ) -> Result<TicketRecord, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let current = tx.lock(ticket_id).await?;
        let (first, next) = compute(&current);
        if (first, next) == (current.first_response_due_at, current.next_response_due_at) {
            return Ok(current);
        }
        let ticket = tx.set_due_times(ticket_id, first, next).await?;
        tx.commit().await?;
        Ok(ticket)
    }

    /// Deletes a ticket with its events. Its number is not handed out again.
    pub(super) async fn delete(self, ticket_id: i64) -> Result<bool, TicketError> {
        let mut tx = self.store.begin_ticket_tx(DeskKey::new()).await?;
        let deleted = tx.delete_ticket(ticket_id).await?;
        tx.commit().await?;
        Ok(deleted)
    }
}
