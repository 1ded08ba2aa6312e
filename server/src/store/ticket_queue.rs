//! The ticket queue: a workspace's tickets filtered by status, priority, type, assignee,
//! breach and a search, soonest due first.

use anyhow::Context;

use protocol::tickets::{TicketPriority, TicketStatus, TicketType};

use super::Store;
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

/// A value bound to a list query built at run time.
enum Param {
    Int(i64),
    Text(String),
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
        let mut params = vec![Param::Int(workspace_id)];
        // Each use of a value gets its own placeholder: SQLite does not reuse `$n`.
        let mut placeholder = |param: Param| {
            params.push(param);
            format!("${}", params.len())
        };
        let mut sql = format!("SELECT {TICKET_COLUMNS} FROM tickets WHERE workspace_id = $1");
        if !filter.statuses.is_empty() {
            let list: Vec<String> =
                filter.statuses.iter().map(|s| placeholder(Param::Text(s.as_str().to_owned()))).collect();
            sql.push_str(&format!(" AND status IN ({})", list.join(", ")));
        }
        if let Some(priority) = filter.priority {
            sql.push_str(&format!(" AND priority = {}", placeholder(Param::Text(priority.as_str().to_owned()))));
        }
        if let Some(ticket_type) = filter.ticket_type {
            sql.push_str(&format!(" AND ticket_type = {}", placeholder(Param::Text(ticket_type.as_str().to_owned()))));
        }
        match filter.assignee {
            AssigneeFilter::Anyone => {}
            AssigneeFilter::Unassigned => sql.push_str(" AND assignee_id IS NULL"),
            AssigneeFilter::Agent(id) => sql.push_str(&format!(" AND assignee_id = {}", placeholder(Param::Int(id)))),
        }
        if let Some(now) = filter.breached_at {
            sql.push_str(&format!(
                " AND next_response_due_at IS NOT NULL AND next_response_due_at < {}",
                placeholder(Param::Int(now))
            ));
        }
        if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let pattern = format!("%{}%", escape_like(&search.to_lowercase()));
            let mut any = vec![
                format!(r"LOWER(subject) LIKE {} ESCAPE '\'", placeholder(Param::Text(pattern.clone()))),
                format!(r"LOWER(requester_email) LIKE {} ESCAPE '\'", placeholder(Param::Text(pattern))),
            ];
            if let Ok(number) = search.trim_start_matches('#').parse::<i64>() {
                any.push(format!("number = {}", placeholder(Param::Int(number))));
            }
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
        sql.push_str(&format!(
            " ORDER BY CASE WHEN next_response_due_at IS NULL THEN 1 ELSE 0 END, next_response_due_at, number LIMIT {}",
            placeholder(Param::Int(limit))
        ));
        let mut query = sqlx::query_as::<_, TicketRow>(&sql);
        for param in params {
            query = match param {
                Param::Int(value) => query.bind(value),
                Param::Text(value) => query.bind(value),
            };
        }
        let rows = query.fetch_all(self.pool()).await.context("list tickets")?;
        rows.into_iter().map(TicketRecord::try_from).collect()
    }
}

/// Escapes `\`, `%` and `_` for a LIKE pattern with `ESCAPE '\'`.
fn escape_like(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    escaped
}
