//! Tickets: numbered per workspace, with their requester, classification, owner and due
//! times, as stored. Their thread and history live in `ticket_events.rs`; what may
//! happen to them is the desk's to say (`tickets/rules.rs`), and it writes them through
//! a [`TicketTx`](super::TicketTx).

use anyhow::Context;
use protocol::tickets::{Team, TicketPriority, TicketSource, TicketStatus, TicketType};
use sqlx::FromRow;

use super::Store;

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
    pub priority: TicketPriority,
    pub status: TicketStatus,
    pub team: Team,
    /// None when unassigned, or when the assignee was deleted.
    pub assignee_id: Option<i64>,
    pub tags: Vec<String>,
    pub source: TicketSource,
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

/// A new ticket's columns, as the desk decided them; its number is taken in the same
/// transaction ([`TicketTx::insert_ticket`](super::TicketTx::insert_ticket)).
#[derive(Debug, Clone)]
pub struct NewTicket<'a> {
    pub workspace_id: i64,
    pub subject: &'a str,
    pub requester_email: &'a str,
    pub requester_name: Option<&'a str>,
    pub requester_user_id: Option<&'a str>,
    pub requester_company_id: Option<&'a str>,
    pub ticket_type: TicketType,
    pub priority: TicketPriority,
    pub status: TicketStatus,
    pub team: Team,
    pub assignee_id: Option<i64>,
    /// Stored as given, one per line.
    pub tags: &'a [String],
    pub source: TicketSource,
    pub conversation_id: Option<i64>,
    pub visitor_id: Option<i64>,
    pub context: &'a serde_json::Value,
    /// Engineering details, a JSON object of texts.
    pub details: &'a serde_json::Value,
    pub first_response_due_at: Option<i64>,
    pub next_response_due_at: Option<i64>,
    pub awaiting_since: Option<i64>,
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

pub(super) fn tags_to_db(tags: &[String]) -> String {
    tags.join("\n")
}

fn tags_from_db(tags: &str) -> Vec<String> {
    tags.lines().filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

impl Store {
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
}
