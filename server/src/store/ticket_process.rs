//! The support process on stored tickets: threading lookups for inbound mail, the
//! pending-ticket timers (one reminder, then closing), ratings, engineering details and
//! the requester's address. Each write is one transaction with its history event.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;
use super::identity::SAME_USER_VISITORS;
use super::outbox::{NewOutgoing, RequesterMail, enqueue_mail};
use super::ticket_events::{
    Actor, EventKind, EventWrite, Received, TicketEventRecord, insert_event, lock_ticket, save_ticket,
};
use super::tickets::{Status, TICKET_COLUMNS, TicketError, TicketRecord, TicketRow};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// A ticket after a process step, with the event that recorded it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub ticket: TicketRecord,
    /// None when the step changed nothing.
    pub event: Option<TicketEventRecord>,
}

#[derive(FromRow)]
struct TicketId {
    ticket_id: i64,
}

impl Store {
    /// The ticket a mail with any of these Message-IDs belongs to: one of its events
    /// (a reply, an acknowledgement) or one of its outgoing mails. Ids are tried in the
    /// order given, so pass In-Reply-To first.
    pub async fn ticket_by_message_ids(&self, message_ids: &[String]) -> anyhow::Result<Option<TicketRecord>> {
        for message_id in message_ids {
            let found: Option<TicketId> = sqlx::query_as(
                "SELECT ticket_id FROM ticket_events WHERE message_id = $1
                 UNION ALL
                 SELECT ticket_id FROM mail_outbox WHERE message_id = $2 AND ticket_id IS NOT NULL
                 LIMIT 1",
            )
            .bind(message_id)
            .bind(message_id)
            .fetch_optional(self.pool())
            .await
            .context("find ticket by message id")?;
            if let Some(found) = found {
                return self.ticket(found.ticket_id).await;
            }
        }
        Ok(None)
    }

    /// Pending tickets whose customer has been silent for their workspace's
    /// `reminder_days` and that got no reminder in this pending spell.
    pub async fn tickets_due_reminder(&self, now: i64, limit: i64) -> anyhow::Result<Vec<TicketRecord>> {
        self.pending_past("w.reminder_days", "AND t.reminded_at IS NULL", now, limit).await
    }

    /// Pending tickets whose customer has been silent for their workspace's `close_days`.
    pub async fn tickets_due_closing(&self, now: i64, limit: i64) -> anyhow::Result<Vec<TicketRecord>> {
        self.pending_past("w.close_days", "", now, limit).await
    }

    /// Resolved tickets nobody reopened within their workspace's `close_days`.
    pub async fn tickets_resolved_past(&self, now: i64, limit: i64) -> anyhow::Result<Vec<TicketRecord>> {
        self.in_status_past("resolved", "resolved_at", "w.close_days", "", now, limit).await
    }

    async fn pending_past(
        &self,
        days_column: &str,
        extra: &str,
        now: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<TicketRecord>> {
        self.in_status_past("pending", "pending_since", days_column, extra, now, limit).await
    }

    /// Tickets in `status` since `since_column` for longer than `days_column` days.
    async fn in_status_past(
        &self,
        status: &str,
        since_column: &str,
        days_column: &str,
        extra: &str,
        now: i64,
        limit: i64,
    ) -> anyhow::Result<Vec<TicketRecord>> {
        let columns = TICKET_COLUMNS.split(", ").map(|column| format!("t.{}", column.trim())).collect::<Vec<_>>();
        let rows: Vec<TicketRow> = sqlx::query_as(&format!(
            "SELECT {} FROM tickets t JOIN workspaces w ON w.id = t.workspace_id
             WHERE t.status = '{status}' AND t.{since_column} IS NOT NULL
               AND t.{since_column} + {days_column} * {DAY_MS} <= $1 {extra}
             ORDER BY t.{since_column}, t.id LIMIT $2",
            columns.join(", ")
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list pending tickets")?;
        rows.into_iter().map(TicketRecord::try_from).collect()
    }

    /// Records the one reminder of a pending spell and queues its mail, unless the
    /// ticket moved on since `expected_pending_since` was read (then [`TicketError::Stale`]).
    pub async fn record_reminder(
        &self,
        ticket_id: i64,
        expected_pending_since: i64,
        mail: NewOutgoing,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.pool().begin().await.context("begin record reminder")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        let still_due = current.status == Status::Pending
            && current.pending_since == Some(expected_pending_since)
            && current.reminded_at.is_none();
        if !still_due {
            return Err(TicketError::Stale);
        }
        let next = TicketRecord { reminded_at: Some(now), ..current };
        let ticket = save_ticket(&mut tx, &next, 1, now).await?;
        let write = EventWrite { message_id: Some(&mail.message_id), ..EventWrite::new(EventKind::ReminderSent) };
        let event = insert_event(&mut tx, ticket_id, ticket.last_seq, Actor::System, &write, now).await?;
        let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
        enqueue_mail(&mut tx, &mail, now).await?;
        tx.commit().await.context("commit record reminder")?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Records the requester's rating (1 to 5) and comment; rating again replaces both.
    pub async fn rate_ticket(
        &self,
        ticket_id: i64,
        rating: i64,
        comment: Option<&str>,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.pool().begin().await.context("begin rate ticket")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        if current.rating == Some(rating) && current.rating_comment.as_deref() == comment {
            return Ok(Recorded { ticket: current, event: None });
        }
        let next = TicketRecord {
            rating: Some(rating),
            rating_comment: comment.map(str::to_owned),
            rated_at: Some(now),
            ..current
        };
        let ticket = save_ticket(&mut tx, &next, 1, now).await?;
        let rating_text = rating.to_string();
        let write = EventWrite {
            body: comment,
            new_value: Some(&rating_text),
            ..EventWrite::new(EventKind::SatisfactionRated)
        };
        let event = insert_event(&mut tx, ticket_id, ticket.last_seq, Actor::Customer, &write, now).await?;
        tx.commit().await.context("commit rate ticket")?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Replaces the engineering details (a JSON object of texts), recording the change.
    pub async fn set_ticket_details(
        &self,
        ticket_id: i64,
        actor: Actor,
        details: &serde_json::Value,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.pool().begin().await.context("begin set ticket details")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        if &current.details == details {
            return Ok(Recorded { ticket: current, event: None });
        }
        if let Actor::Agent(agent_id) = actor {
            super::tickets::check_agent(&mut tx, agent_id, current.workspace_id).await?;
        }
        let old = current.details.to_string();
        let new = details.to_string();
        let next = TicketRecord { details: details.clone(), ..current };
        let ticket = save_ticket(&mut tx, &next, 1, now).await?;
        let write =
            EventWrite { old_value: Some(&old), new_value: Some(&new), ..EventWrite::new(EventKind::DetailsChanged) };
        let event = insert_event(&mut tx, ticket_id, ticket.last_seq, actor, &write, now).await?;
        tx.commit().await.context("commit set ticket details")?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Sets the requester's address (a chat hand-off that lacked one) and queues the
    /// mail `compose` makes of the updated ticket (its acknowledgement), whose
    /// Message-ID the event keeps; a withheld mail is recorded as a `mail_withheld`
    /// event after it. The same address again changes nothing.
    pub async fn set_requester_email(
        &self,
        ticket_id: i64,
        actor: Actor,
        email: &str,
        now: i64,
        compose: impl FnOnce(&TicketRecord) -> anyhow::Result<Option<RequesterMail>>,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.pool().begin().await.context("begin set requester email")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        if current.requester_email == email {
            return Ok(Recorded { ticket: current, event: None });
        }
        let old = current.requester_email.clone();
        let next = TicketRecord { requester_email: email.to_owned(), ..current };
        let mut ticket = save_ticket(&mut tx, &next, 1, now).await?;
        let (mail, withheld) = match compose(&ticket)? {
            Some(RequesterMail::Send(mail)) => (Some(mail), None),
            Some(RequesterMail::Withhold(reason)) => (None, Some(reason)),
            None => (None, None),
        };
        let write = EventWrite {
            old_value: Some(&old),
            new_value: Some(email),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(EventKind::RequesterChanged)
        };
        let event = insert_event(&mut tx, ticket_id, ticket.last_seq, actor, &write, now).await?;
        if let Some(mail) = mail {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
            enqueue_mail(&mut tx, &mail, now).await?;
        }
        if let Some(reason) = withheld {
            ticket = save_ticket(&mut tx, &ticket, 1, now).await?;
            let write = EventWrite { body: Some(&reason), ..EventWrite::new(EventKind::MailWithheld) };
            insert_event(&mut tx, ticket_id, ticket.last_seq, Actor::System, &write, now).await?;
        }
        tx.commit().await.context("commit set requester email")?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Records an automatic reply (out of office, …) on its ticket, without touching
    /// its status or what it owes. A repeated Message-ID is [`TicketError::DuplicateMessage`].
    pub async fn record_auto_reply(
        &self,
        ticket_id: i64,
        body: &str,
        message_id: Option<&str>,
        received: Option<Received<'_>>,
        now: i64,
    ) -> Result<Recorded, TicketError> {
        let mut tx = self.pool().begin().await.context("begin record auto reply")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        let ticket = save_ticket(&mut tx, &current, 1, now).await?;
        let write = EventWrite {
            body: Some(body),
            message_id,
            received: received.map(|received| (received, self.storage())),
            ..EventWrite::new(EventKind::AutoReply)
        };
        let event = insert_event(&mut tx, ticket_id, ticket.last_seq, Actor::System, &write, now).await?;
        tx.commit().await.context("commit record auto reply")?;
        Ok(Recorded { ticket, event: Some(event) })
    }

    /// Records a bounce of the outgoing mail `message_id` on its ticket, the way the
    /// outbox records a failed delivery. False when no ticket sent that mail.
    pub async fn record_bounce(&self, message_id: &str, reason: &str, now: i64) -> anyhow::Result<Option<i64>> {
        let ticket_id: Option<Option<i64>> =
            sqlx::query_scalar("SELECT ticket_id FROM mail_outbox WHERE message_id = $1")
                .bind(message_id)
                .fetch_optional(self.pool())
                .await
                .context("find bounced mail")?;
        let Some(ticket_id) = ticket_id.flatten() else {
            return Ok(None);
        };
        let mut tx = self.pool().begin().await.context("begin record bounce")?;
        match super::ticket_events::append_delivery_failed(&mut tx, ticket_id, reason, message_id, now).await {
            Ok(_) => {}
            Err(TicketError::NotFound) => return Ok(None),
            Err(other) => return Err(anyhow::Error::new(other).context("record bounce")),
        }
        tx.commit().await.context("commit record bounce")?;
        Ok(Some(ticket_id))
    }

    /// A visitor's tickets, newest first, with those of every visitor verified as the
    /// same user (their other browsers and devices).
    pub async fn tickets_of_visitor(&self, visitor_id: i64, limit: i64) -> anyhow::Result<Vec<TicketRecord>> {
        let rows: Vec<TicketRow> = sqlx::query_as(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE visitor_id IN ({SAME_USER_VISITORS})
             ORDER BY created_at DESC, id DESC LIMIT $2"
        ))
        .bind(visitor_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await
        .context("list visitor tickets")?;
        rows.into_iter().map(TicketRecord::try_from).collect()
    }

    /// The ticket a chat was handed off to, unless it is closed.
    pub async fn open_ticket_of_conversation(&self, conversation_id: i64) -> anyhow::Result<Option<TicketRecord>> {
        let row: Option<TicketRow> = sqlx::query_as(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE conversation_id = $1 AND status <> 'closed'
             ORDER BY id DESC LIMIT 1"
        ))
        .bind(conversation_id)
        .fetch_optional(self.pool())
        .await
        .context("find ticket of conversation")?;
        row.map(TicketRecord::try_from).transpose()
    }

    /// The Message-IDs of a ticket's mail, in thread order (for threading headers).
    pub async fn ticket_message_ids(&self, ticket_id: i64) -> anyhow::Result<Vec<String>> {
        sqlx::query_scalar(
            "SELECT message_id FROM ticket_events WHERE ticket_id = $1 AND message_id IS NOT NULL ORDER BY seq",
        )
        .bind(ticket_id)
        .fetch_all(self.pool())
        .await
        .context("load ticket message ids")
    }
}

impl Store {
    /// Recomputes a ticket's due times from its current state under the ticket's lock,
    /// so a concurrent change cannot leave times computed from an older state.
    pub async fn refresh_due_times(
        &self,
        ticket_id: i64,
        compute: impl FnOnce(&TicketRecord) -> (Option<i64>, Option<i64>),
    ) -> Result<TicketRecord, TicketError> {
        let mut tx = self.pool().begin().await.context("begin refresh due times")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        let (first, next) = compute(&current);
        if (first, next) == (current.first_response_due_at, current.next_response_due_at) {
            return Ok(current);
        }
        let row: TicketRow = sqlx::query_as(&format!(
            "UPDATE tickets SET first_response_due_at = $1, next_response_due_at = $2 WHERE id = $3
             RETURNING {TICKET_COLUMNS}"
        ))
        .bind(first)
        .bind(next)
        .bind(ticket_id)
        .fetch_one(&mut *tx)
        .await
        .context("set due times")?;
        tx.commit().await.context("commit refresh due times")?;
        Ok(row.try_into()?)
    }
}
