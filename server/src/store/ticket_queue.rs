//! The ticket queue: a workspace's tickets filtered by status, priority, type, assignee,
//! breach and a search, soonest due first.

use anyhow::Context;

use protocol::tickets::{TicketPriority, TicketStatus, TicketType};

use super::Store;
use super::sql::{Sql, escape_like};
use super::tickets::{TICKET_COLUMNS, TicketRecord, TicketRow};

/// Which tickets a list shows. The default shows all of a workspace's tickets.
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    /// Any of these statuses; empty means any status.
    pub statuses: Vec<TicketStatus>,
    pub priority: Option<TicketPriority>,
    pub ticket_type: Option<TicketType>,
    pub assignee: AssigneeFilter,
    /// Only tickets whose owed response was due before this moment (Unix ms).
    pub breached_at: Option<i64>,
    /// Matches the number (`1001` or `#1001`), or part of the subject or requester's
    /// email, ignoring case.
    pub search: Option<String>,
}

/// Whose tickets a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Unassigned,
    Agent(i64),
}

impl Store {
    /// A workspace's tickets that pass the filter, soonest due first (tickets that owe
    /// nothing last), then by number; at most `limit` of them.
    pub async fn list_tickets(
        &self,
        workspace_id: i64,
        filter: &TicketFilter,
        limit: i64,
    ) -> anyhow::Result<Vec<TicketRecord>> {
        let mut sql = Sql::new(format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE workspace_id = "));
        sql.bind(workspace_id);
        if !filter.statuses.is_empty() {
            let statuses: Vec<&str> = filter.statuses.iter().map(|status| status.as_str()).collect();
            sql.push(" AND status IN (").bind_list(&statuses).push(")");
        }
        if let Some(priority) = filter.priority {
            sql.push(" AND priority = ").bind(priority.as_str());
        }
        if let Some(ticket_type) = filter.ticket_type {
            sql.push(" AND ticket_type = ").bind(ticket_type.as_str());
        }
        match filter.assignee {
            AssigneeFilter::Anyone => {}
            AssigneeFilter::Unassigned => {
                sql.push(" AND assignee_id IS NULL");
            }
            AssigneeFilter::Agent(id) => {
                sql.push(" AND assignee_id = ").bind(id);
            }
        }
        if let Some(now) = filter.breached_at {
            sql.push(" AND next_response_due_at IS NOT NULL AND next_response_due_at < ").bind(now);
        }
        if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let pattern = format!("%{}%", escape_like(&search.to_lowercase()));
            sql.push(" AND (LOWER(subject) LIKE ").bind(pattern.as_str()).push(r" ESCAPE '\'");
            sql.push(" OR LOWER(requester_email) LIKE ").bind(pattern).push(r" ESCAPE '\'");
            if let Ok(number) = search.trim_start_matches('#').parse::<i64>() {
                sql.push(" OR number = ").bind(number);
            }
            sql.push(")");
        }
        sql.push(
            " ORDER BY CASE WHEN next_response_due_at IS NULL THEN 1 ELSE 0 END, next_response_due_at, number LIMIT ",
        )
        .bind(limit);
        let mut conn = self.pool().acquire().await.context("connect")?;
        let rows: Vec<TicketRow> = sql.fetch_all(&mut conn).await.context("list tickets")?;
        rows.into_iter().map(TicketRecord::try_from).collect()
    }
}
