//! A ticket's events: its thread (public replies, internal notes, customer replies) and
//! its history (who changed what, when) in one table ordered by a per-ticket sequence
//! number taken in the transaction that writes the event.

use anyhow::Context;
use sqlx::{AnyConnection, FromRow};

use super::files::{Uploader, attach_to_event, keep_mail_files};
use super::mail_records::{Follower, IncomingFile, add_followers};
use super::outbox::{NewOutgoing, enqueue_mail};
use super::tickets::{
    Status, TICKET_COLUMNS, Team, TicketError, TicketRecord, TicketRow, TicketType, check_agent, db_enum,
    normalize_tags, tags_to_db,
};
use super::{Store, is_unique_violation};
use crate::tickets::Priority;

db_enum! {
    /// What an event records.
    EventKind {
        /// The ticket was created; `new_value` is its source.
        Created => "created",
        /// An agent's reply, sent to the customer.
        PublicReply => "public_reply",
        /// A note only agents see.
        InternalNote => "internal_note",
        /// The customer wrote.
        CustomerReply => "customer_reply",
        StatusChanged => "status_changed",
        PriorityChanged => "priority_changed",
        TypeChanged => "type_changed",
        /// `old_value` and `new_value` are agent ids, or None for unassigned.
        AssigneeChanged => "assignee_changed",
        /// An escalation to engineering, or a hand-back to first line.
        TeamChanged => "team_changed",
        /// `old_value` and `new_value` hold the tags one per line.
        TagsChanged => "tags_changed",
        /// An outgoing mail could not be delivered; `body` says why and `new_value`
        /// holds the failed mail's Message-ID (the `message_id` column stays free: it
        /// names the mail an event is, and the reply event already holds that id).
        DeliveryFailed => "delivery_failed",
        /// The one reminder of a pending spell went to the requester.
        ReminderSent => "reminder_sent",
        /// The requester rated the ticket: `new_value` 1-5, `body` the comment.
        SatisfactionRated => "satisfaction_rated",
        /// An automatic reply (out of office, …) arrived; recorded, never answered.
        AutoReply => "auto_reply",
        /// The engineering details changed; `old_value` and `new_value` are JSON.
        DetailsChanged => "details_changed",
        /// The requester's address was set or changed.
        RequesterChanged => "requester_changed",
        /// No acknowledgement went out; `body` says why.
        MailWithheld => "mail_withheld",
        /// The requester proved their address; `new_value` is how (`VerifiedBy`).
        AddressVerified => "address_verified",
        /// An outgoing mail could not be delivered yet and will be tried again: `body`
        /// says why, `old_value` is the attempt that failed, `new_value` the mail's
        /// Message-ID (as for `delivery_failed`).
        DeliveryDeferred => "delivery_deferred",
        /// People copied on a mail now follow the ticket: `new_value` holds their
        /// addresses, one per line.
        FollowersAdded => "followers_added",
    }
}

db_enum! {
    /// Who wrote an event.
    EventAuthor {
        Agent => "agent",
        Customer => "customer",
        System => "system",
    }
}

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
    pub kind: EventKind,
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

/// A change to one of a ticket's fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Status(Status),
    Priority(Priority),
    Type(TicketType),
    /// None unassigns.
    Assignee(Option<i64>),
    /// Escalation to engineering and back.
    Team(Team),
    /// The whole new set; normalised with [`normalize_tags`](super::normalize_tags).
    Tags(Vec<String>),
}

/// An entry to add to a ticket's thread. Each kind has the only author it can have.
#[derive(Debug, Clone, Copy)]
pub enum NewEvent<'a> {
    PublicReply {
        agent_id: i64,
        body: &'a str,
        message_id: Option<&'a str>,
    },
    InternalNote {
        agent_id: i64,
        body: &'a str,
    },
    /// On a pending or resolved ticket this reopens it; a closed ticket refuses it.
    CustomerReply {
        body: &'a str,
        message_id: Option<&'a str>,
        /// The mail it came in as, kept beside it; None for other ways in.
        received: Option<Received<'a>>,
    },
    DeliveryFailed {
        reason: &'a str,
        message_id: Option<&'a str>,
    },
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

/// A ticket after a change, with the event that recorded it.
#[derive(Debug, Clone)]
pub struct Changed {
    pub ticket: TicketRecord,
    /// None when the change left the ticket as it was.
    pub event: Option<TicketEventRecord>,
}

/// A ticket after an entry was added, with the events written, in order: the entry, then
/// the reopening it caused if any.
#[derive(Debug, Clone)]
pub struct Added {
    pub ticket: TicketRecord,
    pub events: Vec<TicketEventRecord>,
}

/// What else adding an entry does, in the same transaction.
#[derive(Debug, Clone, Default)]
pub struct AddOptions {
    /// Mail to queue for the entry (a public reply's email).
    pub mail: Option<NewOutgoing>,
    /// Copies of that mail for its other recipients (the ticket's followers).
    pub copies: Vec<NewOutgoing>,
    /// Uploads the entry sends, and who uploaded them, attached to it as ticket files.
    pub uploads: Option<(Uploader, Vec<i64>)>,
    /// The status to move the ticket to after the entry, when the rules allow it.
    pub then_status: Option<Status>,
    /// People copied on the entry's mail, who follow the ticket from now on; those who
    /// already do, and the requester, are left out, and the rest recorded in a
    /// `followers_added` event.
    pub followers: Vec<Follower>,
}

/// The columns of an event that vary by kind.
#[derive(Debug, Clone, Copy)]
pub(super) struct EventWrite<'a> {
    pub kind: EventKind,
    pub body: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub message_id: Option<&'a str>,
    /// The mail the event came in as, stored in `received_mail` in the same
    /// transaction, and where its files' bytes go.
    pub received: Option<(Received<'a>, &'a crate::files::Storage)>,
}

impl EventWrite<'_> {
    pub(super) fn new(kind: EventKind) -> Self {
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
    /// Changes one field and records the change in the ticket's history, in one
    /// transaction. A change to the value the ticket already has records nothing.
    pub async fn change_ticket(
        &self,
        ticket_id: i64,
        actor: Actor,
        change: Change,
        now: i64,
    ) -> Result<Changed, TicketError> {
        self.change_ticket_with_mail(ticket_id, actor, change, now, |_| Ok(None)).await
    }

    /// Changes a field like [`Store::change_ticket`] and queues the mail `compose` makes
    /// (a satisfaction request, a closing notice) in the same transaction, with its
    /// Message-ID on the change's event. `compose` sees the ticket as it was before the
    /// change and may refuse it (for example with [`TicketError::Stale`]), which rolls
    /// everything back. It is not called for a change that changes nothing.
    pub async fn change_ticket_with_mail(
        &self,
        ticket_id: i64,
        actor: Actor,
        change: Change,
        now: i64,
        compose: impl FnOnce(&TicketRecord) -> Result<Option<NewOutgoing>, TicketError>,
    ) -> Result<Changed, TicketError> {
        let mut tx = self.pool().begin().await.context("begin change ticket")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        let mut next = current.clone();
        let new_assignee = match change {
            Change::Assignee(assignee_id) => assignee_id,
            _ => None,
        };
        let (kind, old_value, new_value) = match change {
            Change::Status(status) => {
                if status != current.status && !current.status.can_become(status) {
                    return Err(TicketError::Transition { from: current.status, to: status });
                }
                set_status(&mut next, status, now);
                (EventKind::StatusChanged, Some(current.status.as_str().to_owned()), Some(status.as_str().to_owned()))
            }
            Change::Priority(priority) => {
                next.priority = priority;
                (
                    EventKind::PriorityChanged,
                    Some(current.priority.as_str().to_owned()),
                    Some(priority.as_str().to_owned()),
                )
            }
            Change::Type(ticket_type) => {
                next.ticket_type = ticket_type;
                (
                    EventKind::TypeChanged,
                    Some(current.ticket_type.as_str().to_owned()),
                    Some(ticket_type.as_str().to_owned()),
                )
            }
            Change::Assignee(assignee_id) => {
                next.assignee_id = assignee_id;
                (
                    EventKind::AssigneeChanged,
                    current.assignee_id.map(|id| id.to_string()),
                    assignee_id.map(|id| id.to_string()),
                )
            }
            Change::Team(team) => {
                next.team = team;
                (EventKind::TeamChanged, Some(current.team.as_str().to_owned()), Some(team.as_str().to_owned()))
            }
            Change::Tags(tags) => {
                next.tags = normalize_tags(&tags);
                (EventKind::TagsChanged, Some(tags_to_db(&current.tags)), Some(tags_to_db(&next.tags)))
            }
        };
        if old_value == new_value {
            // Nothing to write; dropping the transaction rolls it back.
            return Ok(Changed { ticket: current, event: None });
        }
        if let Actor::Agent(agent_id) = actor {
            check_agent(&mut tx, agent_id, current.workspace_id).await?;
        }
        if let Some(agent_id) = new_assignee {
            check_agent(&mut tx, agent_id, current.workspace_id).await?;
        }
        let mail = compose(&current)?;
        let ticket = save_ticket(&mut tx, &next, 1, now).await?;
        let write = EventWrite {
            old_value: old_value.as_deref(),
            new_value: new_value.as_deref(),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(kind)
        };
        let event = insert_event(&mut tx, ticket_id, ticket.last_seq, actor, &write, now).await?;
        if let Some(mail) = mail {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(ticket.last_seq), ..mail };
            enqueue_mail(&mut tx, &mail, now).await?;
        }
        tx.commit().await.context("commit change ticket")?;
        Ok(Changed { ticket, event: Some(event) })
    }

    /// Adds a reply, note or delivery failure to the thread, with the next sequence
    /// number. A customer's reply on a pending or resolved ticket reopens it and records
    /// that in the history; an agent's first public reply sets `first_responded_at`.
    /// Due times are the caller's to update with [`Store::refresh_due_times`].
    pub async fn add_ticket_event(&self, ticket_id: i64, event: NewEvent<'_>, now: i64) -> Result<Added, TicketError> {
        self.add_ticket_event_with(ticket_id, event, AddOptions::default(), now).await
    }

    /// Adds an entry like [`Store::add_ticket_event`], in the same transaction queuing
    /// `options.mail` (the entry's Message-ID must be the mail's) and then moving the
    /// ticket to `options.then_status` (asking for information sets it pending). A
    /// public reply to a new ticket otherwise opens it.
    pub async fn add_ticket_event_with(
        &self,
        ticket_id: i64,
        event: NewEvent<'_>,
        options: AddOptions,
        now: i64,
    ) -> Result<Added, TicketError> {
        let mut tx = self.pool().begin().await.context("begin add ticket event")?;
        let current = lock_ticket(&mut tx, ticket_id).await?;
        let (actor, write) = match event {
            NewEvent::PublicReply { agent_id, body, message_id } => (
                Actor::Agent(agent_id),
                EventWrite { body: Some(body), message_id, ..EventWrite::new(EventKind::PublicReply) },
            ),
            NewEvent::InternalNote { agent_id, body } => {
                (Actor::Agent(agent_id), EventWrite { body: Some(body), ..EventWrite::new(EventKind::InternalNote) })
            }
            NewEvent::CustomerReply { body, message_id, received } => (
                Actor::Customer,
                EventWrite {
                    body: Some(body),
                    message_id,
                    received: received.map(|received| (received, self.storage())),
                    ..EventWrite::new(EventKind::CustomerReply)
                },
            ),
            NewEvent::DeliveryFailed { reason, message_id } => (
                Actor::System,
                EventWrite { body: Some(reason), new_value: message_id, ..EventWrite::new(EventKind::DeliveryFailed) },
            ),
        };
        let reaches_customer = matches!(write.kind, EventKind::PublicReply | EventKind::CustomerReply);
        if current.status == Status::Closed && reaches_customer {
            return Err(TicketError::Closed);
        }
        if let Actor::Agent(agent_id) = actor {
            check_agent(&mut tx, agent_id, current.workspace_id).await?;
        }
        let mut next = current.clone();
        if write.kind == EventKind::PublicReply {
            next.first_responded_at = current.first_responded_at.or(Some(now));
            next.awaiting_since = None;
        }
        let reopens =
            write.kind == EventKind::CustomerReply && matches!(current.status, Status::Pending | Status::Resolved);
        if reopens {
            set_status(&mut next, Status::Open, now);
        }
        if write.kind == EventKind::CustomerReply {
            next.awaiting_since = next.awaiting_since.or(Some(now));
        }
        // An agent's first public reply takes a new ticket: it becomes open.
        let taken = (write.kind == EventKind::PublicReply && next.status == Status::New).then_some(Status::Open);
        let status_after =
            options.then_status.or(taken).filter(|&status| status != next.status && next.status.can_become(status));
        if let Some(status) = status_after {
            set_status(&mut next, status, now);
        }
        let following = add_followers(&mut tx, &current, &options.followers, now).await?;
        let count = 1 + i64::from(reopens) + i64::from(status_after.is_some()) + i64::from(!following.added.is_empty());
        let ticket = save_ticket(&mut tx, &next, count, now).await?;
        let first_seq = current.last_seq + 1;
        let mut events = vec![insert_event(&mut tx, ticket_id, first_seq, actor, &write, now).await?];
        let mut status_before = current.status;
        if reopens {
            let reopening = EventWrite {
                old_value: Some(current.status.as_str()),
                new_value: Some(Status::Open.as_str()),
                ..EventWrite::new(EventKind::StatusChanged)
            };
            events.push(insert_event(&mut tx, ticket_id, first_seq + 1, Actor::Customer, &reopening, now).await?);
            status_before = Status::Open;
        }
        if let Some(status) = status_after {
            let moved = EventWrite {
                old_value: Some(status_before.as_str()),
                new_value: Some(status.as_str()),
                ..EventWrite::new(EventKind::StatusChanged)
            };
            let seq = first_seq + i64::try_from(events.len()).unwrap_or(i64::MAX);
            events.push(insert_event(&mut tx, ticket_id, seq, actor, &moved, now).await?);
        }
        if !following.added.is_empty() {
            let (body, addresses) = following.describe();
            let write = EventWrite {
                body: Some(&body),
                new_value: Some(&addresses),
                ..EventWrite::new(EventKind::FollowersAdded)
            };
            let seq = first_seq + i64::try_from(events.len()).unwrap_or(i64::MAX);
            events.push(insert_event(&mut tx, ticket_id, seq, Actor::System, &write, now).await?);
        }
        if let Some((uploader, ids)) = &options.uploads {
            attach_to_event(&mut tx, ticket_id, first_seq, *uploader, ids).await?;
        }
        for mail in options.mail.into_iter().chain(options.copies) {
            let mail = NewOutgoing { ticket_id: Some(ticket_id), event_seq: Some(first_seq), ..mail };
            enqueue_mail(&mut tx, &mail, now).await?;
        }
        tx.commit().await.context("commit add ticket event")?;
        Ok(Added { ticket, events })
    }

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
    let sender = write.received.and_then(|(received, _)| received.sender);
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
    if let Some((received, storage)) = write.received {
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

/// Moves a ticket to `status` with the timestamps that go with it: resolving stamps
/// `resolved_at`, reopening clears it, closing stamps `closed_at`; pending starts a
/// pending spell (and its reminder clock); only new and open tickets owe a response.
pub(super) fn set_status(ticket: &mut TicketRecord, status: Status, now: i64) {
    let was = ticket.status;
    ticket.status = status;
    match status {
        Status::Resolved => ticket.resolved_at = Some(now),
        Status::Closed => {
            ticket.resolved_at = ticket.resolved_at.or(Some(now));
            ticket.closed_at = Some(now);
        }
        Status::New | Status::Open | Status::Pending => ticket.resolved_at = None,
    }
    match status {
        Status::Pending => {
            ticket.pending_since = Some(now);
            ticket.reminded_at = None;
            ticket.awaiting_since = None;
        }
        Status::Resolved | Status::Closed => {
            ticket.pending_since = None;
            ticket.awaiting_since = None;
        }
        Status::New | Status::Open => {
            ticket.pending_since = None;
            // Taking a new ticket keeps its clock; reopening starts a new one.
            if was != Status::New {
                ticket.awaiting_since = ticket.awaiting_since.or(Some(now));
            }
        }
    }
}

/// Appends a `delivery_failed` event, written by the system, inside the caller's
/// transaction (the outbox marks the mail failed in the same one). `reason` is the
/// body; the failed mail's Message-ID goes in `new_value`, because the reply event on
/// this ticket already holds it in `message_id`, which is unique per ticket.
pub(super) async fn append_delivery_failed(
    conn: &mut AnyConnection,
    ticket_id: i64,
    reason: &str,
    message_id: &str,
    now: i64,
) -> Result<TicketEventRecord, TicketError> {
    let current = lock_ticket(conn, ticket_id).await?;
    let ticket = save_ticket(conn, &current, 1, now).await?;
    let write =
        EventWrite { body: Some(reason), new_value: Some(message_id), ..EventWrite::new(EventKind::DeliveryFailed) };
    insert_event(conn, ticket_id, ticket.last_seq, Actor::System, &write, now).await
}

/// A delivery attempt of an outgoing mail: which one, of which mail.
#[derive(Debug, Clone, Copy)]
pub(super) struct Attempt<'a> {
    pub number: i64,
    pub message_id: &'a str,
}

/// Appends a `delivery_deferred` event, written by the system, inside the caller's
/// transaction (the outbox puts the mail back in the queue in the same one): `reason`
/// is the body, the attempt's number the old value, the mail's Message-ID the new one.
pub(super) async fn append_delivery_deferred(
    conn: &mut AnyConnection,
    ticket_id: i64,
    reason: &str,
    attempt: Attempt<'_>,
    now: i64,
) -> Result<TicketEventRecord, TicketError> {
    let current = lock_ticket(conn, ticket_id).await?;
    let ticket = save_ticket(conn, &current, 1, now).await?;
    let number = attempt.number.to_string();
    let write = EventWrite {
        body: Some(reason),
        old_value: Some(&number),
        new_value: Some(attempt.message_id),
        ..EventWrite::new(EventKind::DeliveryDeferred)
    };
    insert_event(conn, ticket_id, ticket.last_seq, Actor::System, &write, now).await
}
