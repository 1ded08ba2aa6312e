//! The ticket transaction: the SQL every ticket write is made of (a number, a locked
//! ticket saved back, events with their sequence numbers, queued mail, followers,
//! files, address counts), all in one database transaction.
//!
//! Only the desk can begin one: [`Store::begin_ticket_tx`] asks for a
//! [`DeskKey`], which nothing outside `tickets/` can make. Which writes an operation
//! makes, and whether the rules allow it, is the desk's to decide; this module writes
//! what it is told.

use anyhow::Context;
use sqlx::{Any, Transaction};

use super::addresses::{insert_verified, take_unverified_mail};
use super::files::{Uploader, attach_to_event};
use super::mail_records::{Follower, count_followers, insert_follower};
use super::outbox::{NewOutgoing, OutboxRecord, enqueue_mail, fail_mail, requeue_mail};
use super::ticket_events::{Actor, EventWrite, TicketEventRecord, insert_event, lock_ticket, save_ticket};
use super::tickets::{NewTicket, TICKET_COLUMNS, TicketRecord, TicketRow, tags_to_db};
use super::{Store, VerifiedBy};
use crate::tickets::{DeskKey, TicketError};

/// An open ticket transaction. Dropping it without [`TicketTx::commit`] rolls back
/// everything written through it.
pub struct TicketTx {
    tx: Transaction<'static, Any>,
    /// Where the files of mail taken in go.
    storage: crate::files::Storage,
}

impl Store {
    /// Begins a ticket transaction, for the desk that holds the key.
    pub async fn begin_ticket_tx(&self, _key: DeskKey) -> anyhow::Result<TicketTx> {
        let tx = self.pool().begin().await.context("begin ticket transaction")?;
        Ok(TicketTx { tx, storage: self.storage().clone() })
    }
}

impl TicketTx {
    /// Takes the workspace's next ticket number. Writing first takes SQLite's write
    /// lock (and PostgreSQL's row lock on the workspace), so concurrent creators queue
    /// instead of failing, and numbers have no gaps and are never reused.
    pub async fn take_number(&mut self, workspace_id: i64) -> Result<i64, TicketError> {
        let number: Option<i64> = sqlx::query_scalar(
            "UPDATE workspaces SET next_ticket_number = next_ticket_number + 1
             WHERE id = $1 RETURNING next_ticket_number - 1",
        )
        .bind(workspace_id)
        .fetch_optional(&mut *self.tx)
        .await
        .context("take ticket number")?;
        number.ok_or(TicketError::NoWorkspace)
    }

    /// Inserts a ticket with the number taken, `last_seq` sequence numbers handed out
    /// for the events the caller writes with it.
    pub async fn insert_ticket(
        &mut self,
        number: i64,
        ticket: &NewTicket<'_>,
        last_seq: i64,
        now: i64,
    ) -> anyhow::Result<TicketRecord> {
        let row: TicketRow = sqlx::query_as(&format!(
            "INSERT INTO tickets (workspace_id, number, subject, requester_email, requester_name, requester_user_id,
                 requester_company_id, ticket_type, priority, status, team, assignee_id, tags, source,
                 conversation_id, visitor_id, context, last_seq, first_response_due_at, next_response_due_at,
                 created_at, updated_at, details, awaiting_since)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                 $22, $23, $24)
             RETURNING {TICKET_COLUMNS}"
        ))
        .bind(ticket.workspace_id)
        .bind(number)
        .bind(ticket.subject)
        .bind(ticket.requester_email)
        .bind(ticket.requester_name)
        .bind(ticket.requester_user_id)
        .bind(ticket.requester_company_id)
        .bind(ticket.ticket_type.as_str())
        .bind(ticket.priority.as_str())
        .bind(ticket.status.as_str())
        .bind(ticket.team.as_str())
        .bind(ticket.assignee_id)
        .bind(tags_to_db(ticket.tags))
        .bind(ticket.source.as_str())
        .bind(ticket.conversation_id)
        .bind(ticket.visitor_id)
        .bind(ticket.context.to_string())
        .bind(last_seq)
        .bind(ticket.first_response_due_at)
        .bind(ticket.next_response_due_at)
        .bind(now)
        .bind(now)
        .bind(ticket.details.to_string())
        .bind(ticket.awaiting_since)
        .fetch_one(&mut *self.tx)
        .await
        .context("insert ticket")?;
        row.try_into()
    }

    /// Loads a ticket for a change, taking the write lock first (SQLite's database
    /// lock, PostgreSQL's row lock) so concurrent changes queue instead of overwriting
    /// each other.
    pub async fn lock(&mut self, ticket_id: i64) -> Result<TicketRecord, TicketError> {
        lock_ticket(&mut self.tx, ticket_id).await
    }

    /// Writes the fields a change or an event can touch, and hands out `events` more
    /// sequence numbers; the returned ticket's `last_seq` is the last of them.
    pub async fn save(&mut self, ticket: &TicketRecord, events: i64, now: i64) -> anyhow::Result<TicketRecord> {
        save_ticket(&mut self.tx, ticket, events, now).await
    }

    /// Writes event `seq`, a number handed out by [`TicketTx::save`] or
    /// [`TicketTx::insert_ticket`], with the mail it came in as. A mail the ticket or
    /// its workspace already has (same Message-ID) is [`TicketError::DuplicateMessage`].
    pub async fn insert_event(
        &mut self,
        ticket_id: i64,
        seq: i64,
        actor: Actor,
        write: &EventWrite<'_>,
        now: i64,
    ) -> Result<TicketEventRecord, TicketError> {
        insert_event(&mut self.tx, &self.storage, ticket_id, seq, actor, write, now).await
    }

    /// Fails with [`TicketError::ForeignAgent`] unless the agent exists in the workspace.
    pub async fn check_agent(&mut self, agent_id: i64, workspace_id: i64) -> Result<(), TicketError> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM agents WHERE id = $1 AND workspace_id = $2")
            .bind(agent_id)
            .bind(workspace_id)
            .fetch_optional(&mut *self.tx)
            .await
            .context("check agent workspace")?;
        found.map(|_| ()).ok_or(TicketError::ForeignAgent)
    }

    /// Queues a mail with the event it belongs to.
    pub async fn enqueue_mail(&mut self, mail: &NewOutgoing, now: i64) -> anyhow::Result<()> {
        enqueue_mail(&mut self.tx, mail, now).await.map(|_| ())
    }

    /// How many addresses follow the ticket.
    pub async fn count_followers(&mut self, ticket_id: i64) -> anyhow::Result<i64> {
        count_followers(&mut self.tx, ticket_id).await
    }

    /// Adds a follower to the ticket. False when they already follow it.
    pub async fn insert_follower(&mut self, ticket_id: i64, follower: &Follower, now: i64) -> anyhow::Result<bool> {
        insert_follower(&mut self.tx, ticket_id, follower, now).await
    }

    /// Attaches the uploader's uploads to event `seq`. An upload attached meanwhile or
    /// swept fails the whole transaction.
    pub async fn attach_uploads(
        &mut self,
        ticket_id: i64,
        seq: i64,
        uploader: Uploader,
        upload_ids: &[i64],
    ) -> anyhow::Result<()> {
        attach_to_event(&mut self.tx, ticket_id, seq, uploader, upload_ids).await.map(|_| ())
    }

    /// Counts one more mail to an unproven address today, unless it had `limit`
    /// already; rolled back with the transaction. True when the mail may go.
    pub async fn take_unverified_mail(&mut self, address: &str, now: i64, limit: u32) -> anyhow::Result<bool> {
        take_unverified_mail(&mut self.tx, address, now, limit).await
    }

    /// Records that `address` is proven in the workspace. True when it was not before.
    pub async fn verify_address(
        &mut self,
        workspace_id: i64,
        address: &str,
        by: VerifiedBy,
        now: i64,
    ) -> anyhow::Result<bool> {
        insert_verified(&mut self.tx, workspace_id, address, by, now).await
    }

    /// Sets when the first and the next response are due, without touching anything
    /// else (not even `updated_at`: the ticket did not change, the clock's reading of it
    /// did).
    pub async fn set_due_times(
        &mut self,
        ticket_id: i64,
        first: Option<i64>,
        next: Option<i64>,
    ) -> anyhow::Result<TicketRecord> {
        let row: TicketRow = sqlx::query_as(&format!(
            "UPDATE tickets SET first_response_due_at = $1, next_response_due_at = $2 WHERE id = $3
             RETURNING {TICKET_COLUMNS}"
        ))
        .bind(first)
        .bind(next)
        .bind(ticket_id)
        .fetch_one(&mut *self.tx)
        .await
        .context("set due times")?;
        row.try_into()
    }

    /// Deletes a ticket with its events. Its number is not handed out again.
    pub async fn delete_ticket(&mut self, ticket_id: i64) -> anyhow::Result<bool> {
        let result = sqlx::query("DELETE FROM tickets WHERE id = $1")
            .bind(ticket_id)
            .execute(&mut *self.tx)
            .await
            .context("delete ticket")?;
        Ok(result.rows_affected() == 1)
    }

    /// Puts a claimed mail back in the queue; see [`Store::claim_due_mail`]. None when
    /// the claim was lost; otherwise the mail's ticket, if it has one.
    pub async fn requeue_mail(
        &mut self,
        claim: &OutboxRecord,
        next_attempt_at: i64,
        error: &str,
    ) -> anyhow::Result<Option<Option<i64>>> {
        requeue_mail(&mut self.tx, claim, next_attempt_at, error).await
    }

    /// Gives up on a claimed mail. None when the claim was lost; otherwise the mail's
    /// ticket, if it has one.
    pub async fn fail_mail(&mut self, claim: &OutboxRecord, error: &str) -> anyhow::Result<Option<Option<i64>>> {
        fail_mail(&mut self.tx, claim, error).await
    }

    /// Commits everything written through this transaction.
    pub async fn commit(self) -> anyhow::Result<()> {
        self.tx.commit().await.context("commit ticket transaction")
    }
}
