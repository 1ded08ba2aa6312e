//! What a report reads: a workspace's chats, tickets, ratings and help-center visits
//! between two instants, as moments and pairs of moments. `reports/` turns them into
//! figures; nothing here counts business hours or decides what a figure means.

use std::collections::HashMap;

use anyhow::Context;
use protocol::tickets::TicketEventKind;
use sqlx::FromRow;

use super::Store;
use super::sql::Sql;
use super::tickets::{TICKET_COLUMNS, TicketRecord, TicketRow};
use crate::tickets::sla_history::HistoryEntry;

/// A workspace's activity in `[start, end)`, Unix milliseconds.
#[derive(Debug, Clone, Default)]
pub struct ReportActivity {
    /// When each chat in the range started.
    pub chats_started: Vec<i64>,
    /// When each ticket in the range was created.
    pub tickets_created: Vec<i64>,
    /// Chats answered for the first time in the range: from the visitor's first message
    /// to the first public agent message after it.
    pub chat_first_responses: Vec<Span>,
    /// Resolved chats whose latest resolution is in the range, from their start.
    pub chat_resolutions: Vec<Span>,
    /// Tickets first answered in the range, from their creation.
    pub ticket_first_responses: Vec<Span>,
    /// Resolved or closed tickets whose latest resolution is in the range.
    pub ticket_resolutions: Vec<Span>,
    /// Ratings given in the range: 1 to 5.
    pub chat_ratings: Vec<i64>,
    pub ticket_ratings: Vec<i64>,
    /// Help-center searches in the range.
    pub searches: Vec<HelpVisit>,
    /// Article views in the range.
    pub article_views: Vec<HelpVisit>,
    /// Every ticket that may have had a response target decided in the range, with the
    /// history that moves its response clock.
    pub ticket_histories: Vec<TicketHistory>,
}

/// Two moments: when something started and when it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct Span {
    pub started_at: i64,
    pub ended_at: i64,
}

/// A visitor's search or article view, and whether the visitor wrote in a chat or
/// opened a ticket within the window after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpVisit {
    pub at: i64,
    pub followed: bool,
}

/// A ticket with the entries of its history that move its response clock, in order.
#[derive(Debug, Clone)]
pub struct TicketHistory {
    pub ticket: TicketRecord,
    pub entries: Vec<HistoryEntry>,
}

/// One number per row: a moment, or a rating.
#[derive(FromRow)]
struct Number {
    value: i64,
}

#[derive(FromRow)]
struct VisitRow {
    at: i64,
    contacts: i64,
}

#[derive(FromRow)]
struct EntryRow {
    ticket_id: i64,
    kind: String,
    old_value: Option<String>,
    new_value: Option<String>,
    created_at: i64,
}

/// The history entries a ticket's response clock depends on (see `tickets::rules`).
const CLOCK_KINDS: [TicketEventKind; 4] = [
    TicketEventKind::PublicReply,
    TicketEventKind::CustomerReply,
    TicketEventKind::StatusChanged,
    TicketEventKind::PriorityChanged,
];

/// A visitor's chat messages and tickets in the window after a visit at `{at}`: what
/// makes the visit "followed". `{at}` is a column; the window is bound twice.
fn contacts_after(at: &str, visitor: &str, sql: &mut Sql, window_ms: i64) {
    sql.push(&format!(
        "(SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id
           WHERE c.visitor_id = {visitor} AND m.author_kind = 'visitor'
             AND m.created_at > {at} AND m.created_at <= {at} + "
    ))
    .bind(window_ms)
    .push(&format!(
        ") + (SELECT COUNT(*) FROM tickets t
           WHERE t.visitor_id = {visitor} AND t.created_at > {at} AND t.created_at <= {at} + "
    ))
    .bind(window_ms)
    .push(") AS contacts");
}

impl Store {
    /// Everything a report of `[start, end)` counts, for one workspace. A help-center
    /// visit is followed when the visitor wrote a chat message or opened a ticket within
    /// `window_ms` after it.
    pub async fn report_activity(
        &self,
        workspace_id: i64,
        start: i64,
        end: i64,
        window_ms: i64,
    ) -> anyhow::Result<ReportActivity> {
        let mut conn = self.pool().acquire().await.context("connect")?;
        let conn = &mut *conn;
        let moments = |table: &str, column: &str| {
            let mut sql = Sql::new(format!("SELECT {column} AS value FROM {table} WHERE workspace_id = "));
            sql.bind(workspace_id).push(&format!(" AND {column} >= ")).bind(start);
            sql.push(&format!(" AND {column} < ")).bind(end);
            sql
        };
        let spans = |table: &str, started: &str, ended: &str, condition: &str| {
            let mut sql = Sql::new(format!(
                "SELECT {started} AS started_at, {ended} AS ended_at FROM {table} WHERE workspace_id = "
            ));
            sql.bind(workspace_id).push(condition).push(&format!(" AND {ended} >= ")).bind(start);
            sql.push(&format!(" AND {ended} < ")).bind(end);
            sql
        };

        let chats_started: Vec<Number> =
            moments("conversations", "created_at").fetch_all(conn).await.context("load chats started")?;
        let tickets_created: Vec<Number> =
            moments("tickets", "created_at").fetch_all(conn).await.context("load tickets created")?;
        let chat_first_responses = self.chat_first_responses(conn, workspace_id, start, end).await?;
        let chat_resolutions: Vec<Span> =
            spans("conversations", "created_at", "resolved_at", " AND status = 'resolved'")
                .fetch_all(conn)
                .await
                .context("load chat resolutions")?;
        let ticket_first_responses: Vec<Span> = spans("tickets", "created_at", "first_responded_at", "")
            .fetch_all(conn)
            .await
            .context("load ticket first responses")?;
        let ticket_resolutions: Vec<Span> = spans("tickets", "created_at", "resolved_at", "")
            .fetch_all(conn)
            .await
            .context("load ticket resolutions")?;

        let ratings = |table: &str, condition: &str| {
            let mut sql = Sql::new(format!("SELECT rating AS value FROM {table} WHERE workspace_id = "));
            sql.bind(workspace_id).push(condition).push(" AND rated_at >= ").bind(start);
            sql.push(" AND rated_at < ").bind(end);
            sql
        };
        let chat_ratings: Vec<Number> =
            ratings("chat_ratings", "").fetch_all(conn).await.context("load chat ratings")?;
        let ticket_ratings: Vec<Number> =
            ratings("tickets", " AND rating IS NOT NULL").fetch_all(conn).await.context("load ticket ratings")?;

        let mut searches = Sql::new("SELECT s.searched_at AS at, ");
        contacts_after("s.searched_at", "s.visitor_id", &mut searches, window_ms);
        searches.push(" FROM help_searches s WHERE s.workspace_id = ").bind(workspace_id);
        searches.push(" AND s.searched_at >= ").bind(start).push(" AND s.searched_at < ").bind(end);
        let searches: Vec<VisitRow> = searches.fetch_all(conn).await.context("load help searches")?;

        let mut views = Sql::new("SELECT v.viewed_at AS at, ");
        contacts_after("v.viewed_at", "v.visitor_id", &mut views, window_ms);
        views.push(" FROM article_views v JOIN articles a ON a.id = v.article_id WHERE a.workspace_id = ");
        views.bind(workspace_id).push(" AND v.viewed_at >= ").bind(start).push(" AND v.viewed_at < ").bind(end);
        let views: Vec<VisitRow> = views.fetch_all(conn).await.context("load article views")?;

        let ticket_histories = self.ticket_histories(conn, workspace_id, start, end).await?;
        let values = |numbers: Vec<Number>| numbers.into_iter().map(|number| number.value).collect::<Vec<i64>>();
        let visits = |rows: Vec<VisitRow>| {
            rows.into_iter().map(|row| HelpVisit { at: row.at, followed: row.contacts > 0 }).collect::<Vec<_>>()
        };
        Ok(ReportActivity {
            chats_started: values(chats_started),
            tickets_created: values(tickets_created),
            chat_first_responses,
            chat_resolutions,
            ticket_first_responses,
            ticket_resolutions,
            chat_ratings: values(chat_ratings),
            ticket_ratings: values(ticket_ratings),
            searches: visits(searches),
            article_views: visits(views),
            ticket_histories,
        })
    }

    /// Chats whose first public agent message after the visitor's first message is in
    /// the range. Notes and history entries are internal and never answer; system
    /// messages are not agents'. A chat answered in the range was updated then or
    /// later, which bounds the chats read.
    async fn chat_first_responses(
        &self,
        conn: &mut sqlx::AnyConnection,
        workspace_id: i64,
        start: i64,
        end: i64,
    ) -> anyhow::Result<Vec<Span>> {
        let mut sql = Sql::new(
            "SELECT started_at, ended_at FROM (
                 SELECT asked.asked_at AS started_at,
                        (SELECT MIN(a.created_at) FROM messages a
                          WHERE a.conversation_id = asked.id AND a.author_kind = 'agent' AND a.internal = 0
                            AND a.seq > asked.asked_seq) AS ended_at
                 FROM (SELECT c.id, MIN(m.seq) AS asked_seq, MIN(m.created_at) AS asked_at
                       FROM conversations c JOIN messages m ON m.conversation_id = c.id AND m.author_kind = 'visitor'
                       WHERE c.workspace_id = ",
        );
        sql.bind(workspace_id).push(" AND c.updated_at >= ").bind(start).push(" AND c.created_at < ").bind(end);
        sql.push(" GROUP BY c.id) asked) answered WHERE ended_at >= ").bind(start).push(" AND ended_at < ").bind(end);
        sql.fetch_all(conn).await.context("load chat first responses")
    }

    /// Tickets that may have had a response target decided in `[start, end)`, with their
    /// clock's history. A target is decided when its wait ends or its due time passes:
    /// a wait that ended in the range updated the ticket then, and one still running
    /// keeps `awaiting_since` set.
    async fn ticket_histories(
        &self,
        conn: &mut sqlx::AnyConnection,
        workspace_id: i64,
        start: i64,
        end: i64,
    ) -> anyhow::Result<Vec<TicketHistory>> {
        let candidates = |sql: &mut Sql| {
            sql.bind(workspace_id).push(" AND t.created_at < ").bind(end);
            sql.push(" AND (t.updated_at >= ").bind(start).push(" OR t.awaiting_since IS NOT NULL)");
        };
        let columns: Vec<String> = TICKET_COLUMNS.split(", ").map(|column| format!("t.{}", column.trim())).collect();
        let mut tickets = Sql::new(format!("SELECT {} FROM tickets t WHERE t.workspace_id = ", columns.join(", ")));
        candidates(&mut tickets);
        tickets.push(" ORDER BY t.id");
        let tickets: Vec<TicketRow> = tickets.fetch_all(conn).await.context("load tickets for targets")?;

        let kinds: Vec<&str> = CLOCK_KINDS.iter().map(|kind| kind.as_str()).collect();
        let mut entries = Sql::new(
            "SELECT e.ticket_id, e.kind, e.old_value, e.new_value, e.created_at
             FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.kind IN (",
        );
        entries.bind_list(&kinds).push(") AND t.workspace_id = ");
        candidates(&mut entries);
        entries.push(" ORDER BY e.ticket_id, e.seq");
        let entries: Vec<EntryRow> = entries.fetch_all(conn).await.context("load ticket histories")?;

        let mut by_ticket: HashMap<i64, Vec<HistoryEntry>> = HashMap::new();
        for row in entries {
            let kind = row.kind.parse::<TicketEventKind>()?;
            let entry = HistoryEntry { kind, old_value: row.old_value, new_value: row.new_value, at: row.created_at };
            by_ticket.entry(row.ticket_id).or_default().push(entry);
        }
        tickets
            .into_iter()
            .map(|row| {
                let ticket = TicketRecord::try_from(row)?;
                let entries = by_ticket.remove(&ticket.id).unwrap_or_default();
                Ok(TicketHistory { ticket, entries })
            })
            .collect()
    }
}
