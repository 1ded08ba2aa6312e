//! The support process's lookups on stored tickets: threading for inbound mail, the
//! tickets the pending-ticket timers are due for, a visitor's tickets and a ticket's
//! mail. Their writes are the desk's (`tickets/`).

use anyhow::Context;
use sqlx::FromRow;

use super::Store;
use super::identity::of_same_user;
use super::tickets::{TICKET_COLUMNS, TicketRecord, TicketRow};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

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

    /// The ticket that sent the outgoing mail `message_id`, if any did.
    pub async fn ticket_of_sent_mail(&self, message_id: &str) -> anyhow::Result<Option<i64>> {
        let ticket_id: Option<Option<i64>> =
            sqlx::query_scalar("SELECT ticket_id FROM mail_outbox WHERE message_id = $1")
                .bind(message_id)
                .fetch_optional(self.pool())
                .await
                .context("find bounced mail")?;
        Ok(ticket_id.flatten())
    }

    /// A visitor's tickets, newest first, with those of every visitor verified as the
    /// same user (their other browsers and devices).
    pub async fn tickets_of_visitor(&self, visitor_id: i64, limit: i64) -> anyhow::Result<Vec<TicketRecord>> {
        let rows: Vec<TicketRow> = sqlx::query_as(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE {}
             ORDER BY created_at DESC, id DESC LIMIT $2",
            of_same_user(self.backend(), "visitor_id")
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
