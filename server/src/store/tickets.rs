//! Tickets: numbered per workspace, with their requester, classification, owner and due
//! times. Their thread and history live in `ticket_events.rs`.
//!
//! Status rules: a ticket starts `new` and never goes back to it; from `new`, `open`,
//! `pending` and `resolved` it may move to any of `open`, `pending`, `resolved` and
//! `closed`. `closed` is final: no change moves it, and neither a public reply nor a
//! customer's reply is taken (the caller opens a follow-up ticket instead); notes and
//! changes of priority, type, assignee, team and tags still are, for the record. A
//! customer's reply moves a `pending` or `resolved` ticket back to `open`.

use anyhow::Context;
use sqlx::{AnyConnection, FromRow};

use super::Store;
use super::addresses::take_unverified_mail;
use super::files::{Uploader, attach_to_event};
use super::mail_records::{Follower, add_followers};
use super::outbox::{NewOutgoing, RequesterMail, enqueue_mail};
use super::ticket_events::{Actor, EventKind, EventWrite, Received, insert_event, save_ticket};
use crate::tickets::Priority;

/// Declares a closed set of values stored as text, spelled as the schema's CHECK allows.
macro_rules! db_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as the database spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = anyhow::Error;

            /// Reads the spelling `as_str` gives.
            fn from_str(value: &str) -> anyhow::Result<Self> {
                match value {
                    $($text => Ok($name::$variant),)+
                    other => Err(anyhow::anyhow!("unknown {} in database: {other}", stringify!($name))),
                }
            }
        }
    };
}
pub(super) use db_enum;

db_enum! {
    /// What kind of request a ticket is.
    TicketType {
        Question => "question",
        Configuration => "configuration",
        Bug => "bug",
        FeatureRequest => "feature_request",
    }
}

db_enum! {
    /// Where a ticket is in its life; see the module docs for the allowed moves.
    Status {
        /// Nobody has looked at it yet.
        New => "new",
        /// The team owes the customer something.
        Open => "open",
        /// Waiting on the customer.
        Pending => "pending",
        /// The team thinks it is answered; the customer can still reopen it.
        Resolved => "resolved",
        /// Final.
        Closed => "closed",
    }
}

db_enum! {
    /// The team that holds a ticket: first line, or escalated to engineering.
    Team {
        FirstLine => "first_line",
        Engineering => "engineering",
    }
}

db_enum! {
    /// How a ticket came in.
    Source {
        /// Handed off from a chat.
        Chat => "chat",
        /// The messenger's ticket form.
        WidgetForm => "widget_form",
        Email => "email",
        Api => "api",
    }
}

impl Status {
    /// Whether a change may move a ticket from this status to `to`. Staying put is not a
    /// move (a change to the same status is a no-op, checked before this).
    pub fn can_become(self, to: Status) -> bool {
        match (self, to) {
            (Status::Closed, _) | (_, Status::New) => false,
            (from, to) => from != to,
        }
    }
}

/// Why a ticket could not be created or changed.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("no such ticket")]
    NotFound,
    #[error("no such workspace")]
    NoWorkspace,
    /// The status rules (module docs) forbid this move.
    #[error("a ticket cannot go from {} to {}", from.as_str(), to.as_str())]
    Transition { from: Status, to: Status },
    /// A closed ticket takes no more replies; the caller opens a follow-up instead.
    #[error("the ticket is closed")]
    Closed,
    /// The assignee or acting agent belongs to another workspace, or does not exist.
    #[error("the agent is not in the ticket's workspace")]
    ForeignAgent,
    /// The ticket already has an event for this mail (same Message-ID): a redelivery.
    #[error("the ticket already has this message")]
    DuplicateMessage,
    /// The requester has not given an address yet, so nothing can be sent to them.
    #[error("the requester has not given an email address yet")]
    NoAddress,
    /// The ticket changed since the caller decided to act on it (a timer raced a reply).
    #[error("the ticket changed in the meantime")]
    Stale,
    #[error(transparent)]
    Database(#[from] anyhow::Error),
}

/// A ticket as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TicketRecord {
    pub id: i64,
    pub workspace_id: i64,
    /// Shown as `#1001`; unique in the workspace and never reused.
    pub number: i64,
    pub subject: String,
    pub requester_email: String,
    pub requester_name: Option<String>,
    /// The host application's id for the requester, when it gave one.
    pub requester_user_id: Option<String>,
    pub requester_company_id: Option<String>,
    pub ticket_type: TicketType,
    pub priority: Priority,
    pub status: Status,
    pub team: Team,
    /// None when unassigned, or when the assignee was deleted.
    pub assignee_id: Option<i64>,
    pub tags: Vec<String>,
    pub source: Source,
    /// The chat the ticket was handed off from.
    pub conversation_id: Option<i64>,
    pub visitor_id: Option<i64>,
    /// Page, browser and host-supplied attributes, as the messenger reported them.
    pub context: serde_json::Value,
    /// Highest event sequence number handed out; events are numbered 1..=last_seq.
    pub last_seq: i64,
    pub first_response_due_at: Option<i64>,
    /// When the response owed now (the first or a later one) is due; None when nothing
    /// is owed. Past it, the ticket has breached its target.
    pub next_response_due_at: Option<i64>,
    pub first_responded_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When it was last resolved; cleared when it reopens.
    pub resolved_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// What engineers need to know, as a JSON object of texts.
    pub details: serde_json::Value,
    /// Since when the team owes a response; None when it owes nothing. Set at creation
    /// and by a customer's reply or a reopening, cleared by a public reply and by
    /// pending, resolved and closed.
    pub awaiting_since: Option<i64>,
    /// When the ticket last became pending; None unless it is pending.
    pub pending_since: Option<i64>,
    /// When the one reminder of this pending spell went out.
    pub reminded_at: Option<i64>,
    /// The requester's latest rating, 1 to 5.
    pub rating: Option<i64>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<i64>,
}

/// What creating a ticket needs. It starts `new` with its `created` event.
#[derive(Debug, Clone)]
pub struct NewTicket<'a> {
    pub workspace_id: i64,
    pub subject: &'a str,
    pub requester_email: &'a str,
    pub requester_name: Option<&'a str>,
    pub requester_user_id: Option<&'a str>,
    pub requester_company_id: Option<&'a str>,
    pub ticket_type: TicketType,
    pub priority: Priority,
    pub team: Team,
    pub assignee_id: Option<i64>,
    pub tags: &'a [String],
    pub source: Source,
    pub conversation_id: Option<i64>,
    pub visitor_id: Option<i64>,
    pub context: &'a serde_json::Value,
    /// Engineering details, a JSON object of texts.
    pub details: &'a serde_json::Value,
    pub first_response_due_at: Option<i64>,
    pub next_response_due_at: Option<i64>,
    /// Who created it, for the `created` event.
    pub created_by: Actor,
    /// What the requester wrote, stored as the ticket's first customer reply in the
    /// creating transaction; with the Message-ID of the mail it came in as.
    pub description: Option<Description<'a>>,
    /// A note for agents from the system, stored after the description in the same
    /// transaction (why mail naming another ticket opened this one).
    pub notice: Option<&'a str>,
    /// People copied on the mail that opened it, who follow it from the start.
    pub followers: &'a [Follower],
}

/// A new ticket's acknowledgement to an unproven address: one of the address's
/// `limit` mails a day, counted in the creating transaction.
#[derive(Debug, Clone, Copy)]
pub struct MailQuota<'a> {
    pub address: &'a str,
    pub limit: u32,
}

/// The requester's first words on a new ticket.
#[derive(Debug, Clone, Copy)]
pub struct Description<'a> {
    pub body: &'a str,
    pub message_id: Option<&'a str>,
    /// The mail it came in as, kept beside it.
    pub received: Option<Received<'a>>,
    /// Uploads sent with it, and whose they are.
    pub attachments: Option<(Uploader, &'a [i64])>,
}

#[derive(FromRow)]
pub(super) struct TicketRow {
    id: i64,
    workspace_id: i64,
    number: i64,
    subject: String,
    requester_email: String,
    requester_name: Option<String>,
    requester_user_id: Option<String>,
    requester_company_id: Option<String>,
    ticket_type: String,
    priority: String,
    status: String,
    team: String,
    assignee_id: Option<i64>,
    tags: String,
    source: String,
    conversation_id: Option<i64>,
    visitor_id: Option<i64>,
    context: String,
    last_seq: i64,
    first_response_due_at: Option<i64>,
    next_response_due_at: Option<i64>,
    first_responded_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    resolved_at: Option<i64>,
    closed_at: Option<i64>,
    details: String,
    awaiting_since: Option<i64>,
    pending_since: Option<i64>,
    reminded_at: Option<i64>,
    rating: Option<i64>,
    rating_comment: Option<String>,
    rated_at: Option<i64>,
}

impl TryFrom<TicketRow> for TicketRecord {
    type Error = anyhow::Error;

    fn try_from(row: TicketRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            number: row.number,
            subject: row.subject,
            requester_email: row.requester_email,
            requester_name: row.requester_name,
            requester_user_id: row.requester_user_id,
            requester_company_id: row.requester_company_id,
            ticket_type: row.ticket_type.parse()?,
            priority: row.priority.parse()?,
            status: row.status.parse()?,
            team: row.team.parse()?,
            assignee_id: row.assignee_id,
            tags: tags_from_db(&row.tags),
            source: row.source.parse()?,
            conversation_id: row.conversation_id,
            visitor_id: row.visitor_id,
            context: serde_json::from_str(&row.context).context("read ticket context")?,
            last_seq: row.last_seq,
            first_response_due_at: row.first_response_due_at,
            next_response_due_at: row.next_response_due_at,
            first_responded_at: row.first_responded_at,
            created_at: row.created_at,
            updated_at: row.updated_at,
            resolved_at: row.resolved_at,
            closed_at: row.closed_at,
            details: serde_json::from_str(&row.details).context("read ticket details")?,
            awaiting_since: row.awaiting_since,
            pending_since: row.pending_since,
            reminded_at: row.reminded_at,
            rating: row.rating,
            rating_comment: row.rating_comment,
            rated_at: row.rated_at,
        })
    }
}

pub(super) const TICKET_COLUMNS: &str = "id, workspace_id, number, subject, requester_email, requester_name, \
     requester_user_id, requester_company_id, ticket_type, priority, status, team, assignee_id, tags, source, \
     conversation_id, visitor_id, context, last_seq, first_response_due_at, next_response_due_at, \
     first_responded_at, created_at, updated_at, resolved_at, closed_at, details, awaiting_since, pending_since, \
     reminded_at, rating, rating_comment, rated_at";

/// Trims tags, drops empty ones and repeats, and splits any with a line break (the
/// column keeps one tag per line).
pub fn normalize_tags(tags: &[String]) -> Vec<String> {
    let mut normalized: Vec<String> = Vec::new();
    for tag in tags.iter().flat_map(|t| t.lines()).map(str::trim).filter(|t| !t.is_empty()) {
        if !normalized.iter().any(|seen| seen == tag) {
            normalized.push(tag.to_owned());
        }
    }
    normalized
}

pub(super) fn tags_to_db(tags: &[String]) -> String {
    tags.join("\n")
}

fn tags_from_db(tags: &str) -> Vec<String> {
    tags.lines().filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

impl Store {
    /// Creates a ticket: takes the workspace's next number and writes the ticket and its
    /// `created` event in one transaction, so numbers have no gaps and are never reused.
    pub async fn create_ticket(&self, ticket: NewTicket<'_>, now: i64) -> Result<TicketRecord, TicketError> {
        self.create_ticket_with_mail(ticket, now, None, |_, _| Ok(None)).await
    }

    /// Creates a ticket like [`Store::create_ticket`] and queues the mail `compose`
    /// makes of it (an acknowledgement) in the same transaction. The `created` event
    /// keeps the mail's Message-ID, so replies to it thread to the ticket. A withheld
    /// mail is recorded as a `mail_withheld` event after the first ones.
    pub async fn create_ticket_with_mail(
        &self,
        ticket: NewTicket<'_>,
        now: i64,
        quota: Option<MailQuota<'_>>,
        compose: impl FnOnce(&TicketRecord, bool) -> anyhow::Result<Option<RequesterMail>>,
    ) -> Result<TicketRecord, TicketError> {
        let mut tx = self.pool().begin().await.context("begin create ticket")?;
        // Writing first takes SQLite's write lock (and PostgreSQL's row lock on the
        // workspace), so concurrent creators queue instead of failing.
        let number: Option<i64> = sqlx::query_scalar(
            "UPDATE workspaces SET next_ticket_number = next_ticket_number + 1
             WHERE id = $1 RETURNING next_ticket_number - 1",
        )
        .bind(ticket.workspace_id)
        .fetch_optional(&mut *tx)
        .await
        .context("take ticket number")?;
        let number = number.ok_or(TicketError::NoWorkspace)?;
        if let Some(agent_id) = ticket.assignee_id {
            check_agent(&mut tx, agent_id, ticket.workspace_id).await?;
        }
        if let Actor::Agent(agent_id) = ticket.created_by {
            check_agent(&mut tx, agent_id, ticket.workspace_id).await?;
        }
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
        .bind(Status::New.as_str())
        .bind(ticket.team.as_str())
        .bind(ticket.assignee_id)
        .bind(tags_to_db(&normalize_tags(ticket.tags)))
        .bind(ticket.source.as_str())
        .bind(ticket.conversation_id)
        .bind(ticket.visitor_id)
        .bind(ticket.context.to_string())
        .bind(1 + i64::from(ticket.description.is_some()) + i64::from(ticket.notice.is_some()))
        .bind(ticket.first_response_due_at)
        .bind(ticket.next_response_due_at)
        .bind(now)
        .bind(now)
        .bind(ticket.details.to_string())
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .context("insert ticket")?;
        let mut record = TicketRecord::try_from(row)?;
        // Counted here, so a transaction that rolls back (a duplicate of the same mail)
        // gives the count back.
        let within_quota = match quota {
            Some(MailQuota { address, limit }) => take_unverified_mail(&mut tx, address, now, limit).await?,
            None => true,
        };
        let (mail, withheld) = match compose(&record, within_quota)? {
            Some(RequesterMail::Send(mail)) => (Some(mail), None),
            Some(RequesterMail::Withhold(reason)) => (None, Some(reason)),
            None => (None, None),
        };
        let created = EventWrite {
            new_value: Some(ticket.source.as_str()),
            message_id: mail.as_ref().map(|mail| mail.message_id.as_str()),
            ..EventWrite::new(EventKind::Created)
        };
        insert_event(&mut tx, record.id, 1, ticket.created_by, &created, now).await?;
        if let Some(description) = ticket.description {
            let write = EventWrite {
                body: Some(description.body),
                message_id: description.message_id,
                received: description.received.map(|received| (received, self.storage())),
                ..EventWrite::new(EventKind::CustomerReply)
            };
            insert_event(&mut tx, record.id, 2, Actor::Customer, &write, now).await?;
            if let Some((uploader, ids)) = description.attachments {
                attach_to_event(&mut tx, record.id, 2, uploader, ids).await?;
            }
        }
        if let Some(notice) = ticket.notice {
            let write = EventWrite { body: Some(notice), ..EventWrite::new(EventKind::InternalNote) };
            let seq = 2 + i64::from(ticket.description.is_some());
            insert_event(&mut tx, record.id, seq, Actor::System, &write, now).await?;
        }
        if let Some(mail) = mail {
            enqueue_mail(&mut tx, &NewOutgoing { ticket_id: Some(record.id), event_seq: Some(1), ..mail }, now).await?;
        }
        let following = add_followers(&mut tx, &record, ticket.followers, now).await?;
        if !following.added.is_empty() {
            record = save_ticket(&mut tx, &record, 1, now).await?;
            let (body, addresses) = following.describe();
            let write = EventWrite {
                body: Some(&body),
                new_value: Some(&addresses),
                ..EventWrite::new(EventKind::FollowersAdded)
            };
            insert_event(&mut tx, record.id, record.last_seq, Actor::System, &write, now).await?;
        }
        if let Some(reason) = withheld {
            record = save_ticket(&mut tx, &record, 1, now).await?;
            let write = EventWrite { body: Some(&reason), ..EventWrite::new(EventKind::MailWithheld) };
            insert_event(&mut tx, record.id, record.last_seq, Actor::System, &write, now).await?;
        }
        tx.commit().await.context("commit create ticket")?;
        Ok(record)
    }

    pub async fn ticket(&self, id: i64) -> anyhow::Result<Option<TicketRecord>> {
        let row: Option<TicketRow> = sqlx::query_as(&format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load ticket")?;
        row.map(TicketRecord::try_from).transpose()
    }

    pub async fn ticket_by_number(&self, workspace_id: i64, number: i64) -> anyhow::Result<Option<TicketRecord>> {
        let row: Option<TicketRow> =
            sqlx::query_as(&format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE workspace_id = $1 AND number = $2"))
                .bind(workspace_id)
                .bind(number)
                .fetch_optional(self.pool())
                .await
                .context("load ticket by number")?;
        row.map(TicketRecord::try_from).transpose()
    }

    /// Sets when the first and the next response are due, as the caller computed them
    /// from the workspace's hours. Returns false when the ticket does not exist.
    pub async fn set_due_times(&self, id: i64, first: Option<i64>, next: Option<i64>) -> anyhow::Result<bool> {
        let result =
            sqlx::query("UPDATE tickets SET first_response_due_at = $1, next_response_due_at = $2 WHERE id = $3")
                .bind(first)
                .bind(next)
                .bind(id)
                .execute(self.pool())
                .await
                .context("set ticket due times")?;
        Ok(result.rows_affected() == 1)
    }

    /// Deletes a ticket with its events. Its number is not handed out again.
    pub async fn delete_ticket(&self, id: i64) -> anyhow::Result<bool> {
        let result = sqlx::query("DELETE FROM tickets WHERE id = $1")
            .bind(id)
            .execute(self.pool())
            .await
            .context("delete ticket")?;
        Ok(result.rows_affected() == 1)
    }
}

/// Fails with [`TicketError::ForeignAgent`] unless the agent exists in the workspace.
pub(super) async fn check_agent(conn: &mut AnyConnection, agent_id: i64, workspace_id: i64) -> Result<(), TicketError> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM agents WHERE id = $1 AND workspace_id = $2")
        .bind(agent_id)
        .bind(workspace_id)
        .fetch_optional(conn)
        .await
        .context("check agent workspace")?;
    found.map(|_| ()).ok_or(TicketError::ForeignAgent)
}
