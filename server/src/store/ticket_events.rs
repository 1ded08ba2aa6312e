//! A ticket's events: its thread (public replies, internal notes, customer replies) and
//! its history (who changed what, when) in one table ordered by a per-ticket sequence
//! number taken in the transaction that writes the event.

use anyhow::Context;
use sqlx::{AnyConnection, FromRow};

use protocol::tickets::{EventAuthor, TicketEventKind};

use super::files::keep_mail_files;
use super::mail_records::IncomingFile;
use super::tickets::{TICKET_COLUMNS, TicketRecord, TicketRow, tags_to_db};
use super::{Store, is_unique_violation};
use crate::tickets::TicketError;

/// Who does something to a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// An agent of the ticket's workspace.
    Agent(i64),
    /// The requester.
    Customer,
    /// Automation: rules, the mail outbox, timers.
    System,
}

/// An event as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketEventRecord {
    pub id: i64,
    pub ticket_id: i64,
    /// 1, 2, 3, … per ticket, without gaps.
    pub seq: i64,
    pub kind: TicketEventKind,
    pub author_kind: EventAuthor,
    /// The agent who wrote it; None for customers and the system, and once the agent
    /// is deleted.
    pub author_agent_id: Option<i64>,
    /// The text of a reply or note, or why a delivery failed.
    pub body: Option<String>,
    /// For changes: the values before and after, as the database spells them.
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    /// The mail's Message-ID, with its angle brackets.
    pub message_id: Option<String>,
    pub created_at: i64,
    /// Who wrote a customer entry, when it is someone other than the requester: a
    /// follower or a colleague writing to the ticket's reply address.
    pub author_email: Option<String>,
    pub author_name: Option<String>,
}

/// A mail taken into a ticket: kept as received beside the entry it became, which is
/// credited to its sender when that is not the requester.
#[derive(Debug, Clone, Copy)]
pub struct Received<'a> {
    /// The message as it arrived.
    pub raw: &'a [u8],
    /// The files it carries, with Helpline's verdict on each: accepted ones are kept
    /// as files, and all are listed beside the mail.
    pub files: &'a [IncomingFile<'a>],
    /// Who sent it, when not the requester.
    pub sender: Option<Sender<'a>>,
}

/// The author of a customer entry who is not the requester.
#[derive(Debug, Clone, Copy)]
pub struct Sender<'a> {
    pub email: &'a str,
    pub name: Option<&'a str>,
}

/// The columns of an event that vary by kind.
#[derive(Debug, Clone, Copy)]
pub struct EventWrite<'a> {
    pub kind: TicketEventKind,
    pub body: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub message_id: Option<&'a str>,
    /// The mail the event came in as, stored in `received_mail` in the same transaction.
    pub received: Option<Received<'a>>,
}

impl EventWrite<'_> {
    /// An event of `kind` with every varying column empty.
    pub fn new(kind: TicketEventKind) -> Self {
        Self { kind, body: None, old_value: None, new_value: None, message_id: None, received: None }
    }
}

#[derive(FromRow)]
struct EventRow {
    id: i64,
    ticket_id: i64,
    seq: i64,
    kind: String,
    author_kind: String,
    author_agent_id: Option<i64>,
    body: Option<String>,
    old_value: Option<String>,
    new_value: Option<String>,
    message_id: Option<String>,
    created_at: i64,
    author_email: Option<String>,
    author_name: Option<String>,
}

impl TryFrom<EventRow> for TicketEventRecord {
    type Error = anyhow::Error;

    fn try_from(row: EventRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            ticket_id: row.ticket_id,
            seq: row.seq,
            kind: row.kind.parse()?,
            author_kind: row.author_kind.parse()?,
            author_agent_id: row.author_agent_id,
            body: row.body,
            old_value: row.old_value,
            new_value: row.new_value,
            message_id: row.message_id,
            created_at: row.created_at,
            author_email: row.author_email,
            author_name: row.author_name,
        })
    }
}

const EVENT_COLUMNS: &str = "id, ticket_id, seq, kind, author_kind, author_agent_id, body, old_value, new_value, \
     message_id, created_at, author_email, author_name";

impl Store {
    /// A ticket's thread and history, in order.
    pub async fn ticket_events(&self, ticket_id: i64) -> anyhow::Result<Vec<TicketEventRecord>> {
        let rows: Vec<EventRow> =
            sqlx::query_as(&format!("SELECT {EVENT_COLUMNS} FROM ticket_events WHERE ticket_id = $1 ORDER BY seq"))
                .bind(ticket_id)
                .fetch_all(self.pool())
                .await
                .context("load ticket events")?;
        rows.into_iter().map(TicketEventRecord::try_from).collect()
    }
}

/// Writes an event with the given sequence number, which the caller took in the same
/// transaction. A mail the ticket already has (same Message-ID) is refused with
/// [`TicketError::DuplicateMessage`].
pub(super) async fn insert_event(
    conn: &mut AnyConnection,
    storage: &crate::files::Storage,
    ticket_id: i64,
    seq: i64,
    actor: Actor,
    write: &EventWrite<'_>,
    now: i64,
) -> Result<TicketEventRecord, TicketError> {
    let (author_kind, author_agent_id) = match actor {
        Actor::Agent(id) => (EventAuthor::Agent, Some(id)),
        Actor::Customer => (EventAuthor::Customer, None),
        Actor::System => (EventAuthor::System, None),
    };
    let sender = write.received.and_then(|received| received.sender);
    let row: EventRow = sqlx::query_as(&format!(
        "INSERT INTO ticket_events (ticket_id, seq, kind, author_kind, author_agent_id, body, old_value, new_value,
             message_id, created_at, author_email, author_name)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING {EVENT_COLUMNS}"
    ))
    .bind(ticket_id)
    .bind(seq)
    .bind(write.kind.as_str())
    .bind(author_kind.as_str())
    .bind(author_agent_id)
    .bind(write.body)
    .bind(write.old_value)
    .bind(write.new_value)
    .bind(write.message_id)
    .bind(now)
    .bind(sender.map(|sender| sender.email))
    .bind(sender.and_then(|sender| sender.name))
    .fetch_one(&mut *conn)
    .await
    .map_err(|error| duplicate_or(error, "insert ticket event"))?;
    if let Some(received) = write.received {
        keep_received(conn, storage, ticket_id, seq, write.message_id, received, now).await?;
    }
    Ok(row.try_into()?)
}

/// Stores a mail as received beside event `seq`. The workspace's unique key on its
/// Message-ID refuses a second copy with [`TicketError::DuplicateMessage`], even one
/// delivered at the same moment to a transaction that has not seen the first commit.
async fn keep_received(
    conn: &mut AnyConnection,
    storage: &crate::files::Storage,
    ticket_id: i64,
    seq: i64,
    message_id: Option<&str>,
    received: Received<'_>,
    now: i64,
) -> Result<(), TicketError> {
    let described = keep_mail_files(conn, storage, ticket_id, seq, received.files, now).await?;
    let attachments = serde_json::to_string(&described).context("list attachments")?;
    sqlx::query(
        "INSERT INTO received_mail (workspace_id, message_id, ticket_id, event_seq, raw, received_at, attachments)
         SELECT workspace_id, $1, id, $2, $3, $4, $6 FROM tickets WHERE id = $5",
    )
    .bind(message_id)
    .bind(seq)
    .bind(received.raw)
    .bind(now)
    .bind(ticket_id)
    .bind(attachments)
    .execute(conn)
    .await
    .map_err(|error| duplicate_or(error, "keep received mail"))?;
    Ok(())
}

/// A unique violation as [`TicketError::DuplicateMessage`]; anything else as a database
/// error saying what was being done.
fn duplicate_or(error: sqlx::Error, doing: &'static str) -> TicketError {
    if is_unique_violation(&error) {
        TicketError::DuplicateMessage
    } else {
        anyhow::Error::new(error).context(doing).into()
    }
}

/// Loads a ticket for a change, taking the write lock first (SQLite's database lock,
/// PostgreSQL's row lock) so concurrent changes queue instead of overwriting each other.
pub(super) async fn lock_ticket(conn: &mut AnyConnection, ticket_id: i64) -> Result<TicketRecord, TicketError> {
    let row: Option<TicketRow> =
        sqlx::query_as(&format!("UPDATE tickets SET last_seq = last_seq WHERE id = $1 RETURNING {TICKET_COLUMNS}"))
            .bind(ticket_id)
            .fetch_optional(conn)
            .await
            .context("lock ticket")?;
    Ok(row.ok_or(TicketError::NotFound)?.try_into()?)
}

/// Writes the fields a change or an event can touch, and hands out `events` more
/// sequence numbers; the returned ticket's `last_seq` is the last of them.
pub(super) async fn save_ticket(
    conn: &mut AnyConnection,
    ticket: &TicketRecord,
    events: i64,
    now: i64,
) -> anyhow::Result<TicketRecord> {
    let row: TicketRow = sqlx::query_as(&format!(
        "UPDATE tickets SET status = $1, priority = $2, ticket_type = $3, team = $4, assignee_id = $5, tags = $6,
             first_responded_at = $7, resolved_at = $8, closed_at = $9, last_seq = last_seq + $10, updated_at = $11,
             awaiting_since = $12, pending_since = $13, reminded_at = $14, requester_email = $15,
             requester_name = $16, details = $17, rating = $18, rating_comment = $19, rated_at = $20
         WHERE id = $21 RETURNING {TICKET_COLUMNS}"
    ))
    .bind(ticket.status.as_str())
    .bind(ticket.priority.as_str())
    .bind(ticket.ticket_type.as_str())
    .bind(ticket.team.as_str())
    .bind(ticket.assignee_id)
    .bind(tags_to_db(&ticket.tags))
    .bind(ticket.first_responded_at)
    .bind(ticket.resolved_at)
    .bind(ticket.closed_at)
    .bind(events)
    .bind(now)
    .bind(ticket.awaiting_since)
    .bind(ticket.pending_since)
    .bind(ticket.reminded_at)
    .bind(&ticket.requester_email)
    .bind(&ticket.requester_name)
    .bind(ticket.details.to_string())
    .bind(ticket.rating)
    .bind(&ticket.rating_comment)
    .bind(ticket.rated_at)
    .bind(ticket.id)
    .fetch_one(conn)
    .await
    .context("save ticket")?;
    row.try_into()
}
