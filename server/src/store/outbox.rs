//! The mail outbox: outgoing messages queued in the transaction of the event they
//! belong to, claimed by delivery workers under a lease, and marked sent, due again or
//! failed.
//!
//! A claim is a conditional `UPDATE … RETURNING` that re-checks that the row is still
//! due, one row at a time, so two workers (threads or nodes) never hold the same row:
//! SQLite serialises writers, and PostgreSQL re-evaluates the condition on the row a
//! concurrent claim just changed. The lease end (`locked_until`) doubles as the claim's
//! token: each later claim ends later, so a worker whose lease expired and was taken
//! over can no longer mark the row.

use anyhow::Context;
use sqlx::{AnyConnection, FromRow};

use super::{Store, db_enum};

db_enum! {
    /// Where a mail is in its delivery.
    OutboxStatus {
        /// Waiting for `next_attempt_at`.
        Queued => "queued",
        /// Claimed by a worker until `locked_until`.
        Sending => "sending",
        Sent => "sent",
        /// Given up on; `last_error` says why.
        Failed => "failed",
    }
}

/// A mail to queue: the composed message and its envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOutgoing {
    pub workspace_id: i64,
    /// The ticket the mail belongs to, which hears about a permanent failure.
    pub ticket_id: Option<i64>,
    /// The ticket event the mail went out for.
    pub event_seq: Option<i64>,
    /// The message's Message-ID, with its angle brackets.
    pub message_id: String,
    /// The envelope sender (SMTP `MAIL FROM`).
    pub envelope_from: String,
    /// The envelope recipient (SMTP `RCPT TO`).
    pub recipient: String,
    /// The RFC 5322 message exactly as it is to be sent, CRLF line endings included.
    pub raw: String,
}

/// What a ticket operation does about mail to its requester, decided by the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequesterMail {
    /// Queue this mail with the operation's event.
    Send(NewOutgoing),
    /// Send nothing, and record why in the ticket's history (a `mail_withheld` event).
    Withhold(String),
}

/// A queued mail as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub ticket_id: Option<i64>,
    pub event_seq: Option<i64>,
    pub message_id: String,
    pub envelope_from: String,
    pub recipient: String,
    pub raw: String,
    pub status: OutboxStatus,
    /// Attempts begun, counted at each claim, so one that crashed counts too.
    pub attempts: i64,
    pub next_attempt_at: i64,
    /// The end of the current claim's lease; identifies that claim.
    pub locked_until: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

#[derive(FromRow)]
struct OutboxRow {
    id: i64,
    workspace_id: i64,
    ticket_id: Option<i64>,
    event_seq: Option<i64>,
    message_id: String,
    envelope_from: String,
    recipient: String,
    raw: String,
    status: String,
    attempts: i64,
    next_attempt_at: i64,
    locked_until: Option<i64>,
    last_error: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

impl TryFrom<OutboxRow> for OutboxRecord {
    type Error = anyhow::Error;

    fn try_from(row: OutboxRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            ticket_id: row.ticket_id,
            event_seq: row.event_seq,
            message_id: row.message_id,
            envelope_from: row.envelope_from,
            recipient: row.recipient,
            raw: row.raw,
            status: row.status.parse()?,
            attempts: row.attempts,
            next_attempt_at: row.next_attempt_at,
            locked_until: row.locked_until,
            last_error: row.last_error,
            created_at: row.created_at,
            sent_at: row.sent_at,
        })
    }
}

const OUTBOX_COLUMNS: &str = "id, workspace_id, ticket_id, event_seq, message_id, envelope_from, recipient, raw, \
     status, attempts, next_attempt_at, locked_until, last_error, created_at, sent_at";

/// What "due" means, with `$1` the time now: queued and its time has come, or claimed
/// by a worker whose lease has run out.
const DUE: &str = "((status = 'queued' AND next_attempt_at <= $1) OR (status = 'sending' AND locked_until <= $1))";

/// Queues `mail`, due at once, on the caller's connection: pass `&mut tx` to write it
/// in the same transaction as the ticket event it belongs to. A Message-ID already in
/// the outbox is a unique violation (`mail_outbox_message_id_key`).
pub async fn enqueue_mail(conn: &mut AnyConnection, mail: &NewOutgoing, now: i64) -> anyhow::Result<OutboxRecord> {
    let row: OutboxRow = sqlx::query_as(&format!(
        "INSERT INTO mail_outbox (workspace_id, ticket_id, event_seq, message_id, envelope_from, recipient, raw,
             status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, $8, $8) RETURNING {OUTBOX_COLUMNS}"
    ))
    .bind(mail.workspace_id)
    .bind(mail.ticket_id)
    .bind(mail.event_seq)
    .bind(&mail.message_id)
    .bind(&mail.envelope_from)
    .bind(&mail.recipient)
    .bind(&mail.raw)
    .bind(now)
    .fetch_one(conn)
    .await
    .context("queue mail")?;
    row.try_into()
}

impl Store {
    /// Whether any of `message_ids` names mail Helpline sent (queued) for the ticket:
    /// only its recipient knows such an id, unlike the ids of mail that came in.
    pub async fn ticket_sent_any(&self, ticket_id: i64, message_ids: &[String]) -> anyhow::Result<bool> {
        // A reply names a handful of ids; more than that is not a real reply.
        for message_id in message_ids.iter().take(50) {
            let found: Option<i64> =
                sqlx::query_scalar("SELECT id FROM mail_outbox WHERE message_id = $1 AND ticket_id = $2")
                    .bind(message_id)
                    .bind(ticket_id)
                    .fetch_optional(self.pool())
                    .await
                    .context("find sent mail")?;
            if found.is_some() {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Queues `mail` in a transaction of its own; see [`enqueue_mail`].
    pub async fn enqueue_mail_now(&self, mail: &NewOutgoing, now: i64) -> anyhow::Result<OutboxRecord> {
        let mut conn = self.pool().acquire().await.context("acquire connection")?;
        enqueue_mail(&mut conn, mail, now).await
    }

    /// Claims up to `limit` due mails, oldest due first, for `lease_ms`: each becomes
    /// `sending`, with one more attempt counted and `locked_until = now + lease_ms`.
    /// No two callers get the same row while its lease runs.
    pub async fn claim_due_mail(&self, now: i64, lease_ms: i64, limit: usize) -> anyhow::Result<Vec<OutboxRecord>> {
        let mut claimed = Vec::new();
        // Each pass claims one row or finds it taken by another worker, so `limit`
        // passes bound the work even when workers compete for the same rows.
        for _ in 0..limit {
            let candidate: Option<i64> = sqlx::query_scalar(&format!(
                "SELECT id FROM mail_outbox WHERE {DUE} ORDER BY next_attempt_at, id LIMIT 1"
            ))
            .bind(now)
            .fetch_optional(self.pool())
            .await
            .context("find due mail")?;
            let Some(id) = candidate else { break };
            let row: Option<OutboxRow> = sqlx::query_as(&format!(
                "UPDATE mail_outbox SET status = 'sending', attempts = attempts + 1, locked_until = $2
                 WHERE id = $3 AND {DUE} RETURNING {OUTBOX_COLUMNS}"
            ))
            .bind(now)
            .bind(now.saturating_add(lease_ms))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("claim mail")?;
            if let Some(row) = row {
                claimed.push(row.try_into()?);
            }
        }
        Ok(claimed)
    }

    /// Marks a claimed mail sent. False when the claim was lost (its lease ran out and
    /// another worker took the row), in which case nothing changes.
    pub async fn mark_mail_sent(&self, claim: &OutboxRecord, now: i64) -> anyhow::Result<bool> {
        let result = sqlx::query(
            "UPDATE mail_outbox SET status = 'sent', sent_at = $1, locked_until = NULL, last_error = NULL
             WHERE id = $2 AND status = 'sending' AND locked_until = $3",
        )
        .bind(now)
        .bind(claim.id)
        .bind(claim.locked_until)
        .execute(self.pool())
        .await
        .context("mark mail sent")?;
        Ok(result.rows_affected() == 1)
    }

    /// A ticket's mail, each copy with its own recipient, oldest first.
    pub async fn ticket_outbox(&self, ticket_id: i64) -> anyhow::Result<Vec<OutboxRecord>> {
        let rows: Vec<OutboxRow> =
            sqlx::query_as(&format!("SELECT {OUTBOX_COLUMNS} FROM mail_outbox WHERE ticket_id = $1 ORDER BY id"))
                .bind(ticket_id)
                .fetch_all(self.pool())
                .await
                .context("load a ticket's mail")?;
        rows.into_iter().map(OutboxRecord::try_from).collect()
    }

    /// One queued mail, in whatever state it is.
    pub async fn outbox_mail(&self, id: i64) -> anyhow::Result<Option<OutboxRecord>> {
        let row: Option<OutboxRow> = sqlx::query_as(&format!("SELECT {OUTBOX_COLUMNS} FROM mail_outbox WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load outbox mail")?;
        row.map(OutboxRecord::try_from).transpose()
    }
}

/// Puts a claimed mail back in the queue, due at `next_attempt_at`, with the error of
/// the attempt that failed, in the caller's transaction. None when the claim was lost
/// (nothing changed); otherwise the ticket the mail belongs to, if any.
pub(super) async fn requeue_mail(
    conn: &mut AnyConnection,
    claim: &OutboxRecord,
    next_attempt_at: i64,
    error: &str,
) -> anyhow::Result<Option<Option<i64>>> {
    sqlx::query_scalar(
        "UPDATE mail_outbox SET status = 'queued', next_attempt_at = $1, locked_until = NULL, last_error = $2
         WHERE id = $3 AND status = 'sending' AND locked_until = $4 RETURNING ticket_id",
    )
    .bind(next_attempt_at)
    .bind(error)
    .bind(claim.id)
    .bind(claim.locked_until)
    .fetch_optional(conn)
    .await
    .context("mark mail for retry")
}

/// Gives up on a claimed mail, in the caller's transaction. None when the claim was
/// lost (nothing changed); otherwise the ticket the mail belongs to, if any.
pub(super) async fn fail_mail(
    conn: &mut AnyConnection,
    claim: &OutboxRecord,
    error: &str,
) -> anyhow::Result<Option<Option<i64>>> {
    sqlx::query_scalar(
        "UPDATE mail_outbox SET status = 'failed', locked_until = NULL, last_error = $1
         WHERE id = $2 AND status = 'sending' AND locked_until = $3 RETURNING ticket_id",
    )
    .bind(error)
    .bind(claim.id)
    .bind(claim.locked_until)
    .fetch_optional(conn)
    .await
    .context("mark mail failed")
}
