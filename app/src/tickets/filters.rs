//! The queue's filters: what the agent picked, and the query string of
//! `GET /api/v1/tickets` it becomes.

use leptos::prelude::*;
use protocol::tickets::{TicketPriority, TicketStatus, TicketType};

use super::choices::Choice;

/// Whose tickets the queue shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssigneeFilter {
    #[default]
    Anyone,
    Me,
    Unassigned,
    Agent(i64),
}

impl AssigneeFilter {
    /// The select's value: `""`, `me`, `unassigned` or an agent id, as the API spells it.
    pub fn value(self) -> String {
        match self {
            AssigneeFilter::Anyone => String::new(),
            AssigneeFilter::Me => "me".to_owned(),
            AssigneeFilter::Unassigned => "unassigned".to_owned(),
            AssigneeFilter::Agent(id) => id.to_string(),
        }
    }

    /// The filter a select value stands for; anything unknown means anyone.
    pub fn from_value(value: &str) -> Self {
        match value {
            "me" => AssigneeFilter::Me,
            "unassigned" => AssigneeFilter::Unassigned,
            other => other.parse().map_or(AssigneeFilter::Anyone, AssigneeFilter::Agent),
        }
    }
}

/// The filters as plain values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFilter {
    /// Shown statuses; empty shows every status.
    pub statuses: Vec<TicketStatus>,
    pub priority: Option<TicketPriority>,
    pub ticket_type: Option<TicketType>,
    pub assignee: AssigneeFilter,
    pub breached_only: bool,
    /// A number or part of the subject or requester's address, as typed.
    pub search: String,
}

impl Default for QueueFilter {
    /// What the queue shows at first: every ticket that still needs work.
    fn default() -> Self {
        Self {
            statuses: vec![TicketStatus::New, TicketStatus::Open, TicketStatus::Pending],
            priority: None,
            ticket_type: None,
            assignee: AssigneeFilter::Anyone,
            breached_only: false,
            search: String::new(),
        }
    }
}

impl QueueFilter {
    /// The query string for `GET /api/v1/tickets`, without the `?`; parameters that
    /// narrow nothing are left out.
    pub fn query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if !self.statuses.is_empty() {
            // In the canonical order, so the same choice always makes the same query.
            let statuses: Vec<&str> = TicketStatus::ALL
                .iter()
                .filter(|status| self.statuses.contains(status))
                .map(|status| status.value())
                .collect();
            pairs.push(("status", statuses.join(",")));
        }
        if let Some(priority) = self.priority {
            pairs.push(("priority", priority.value().to_owned()));
        }
        if let Some(ticket_type) = self.ticket_type {
            pairs.push(("ticket_type", ticket_type.value().to_owned()));
        }
        if self.assignee != AssigneeFilter::Anyone {
            pairs.push(("assignee", self.assignee.value()));
        }
        if self.breached_only {
            pairs.push(("breached", "true".to_owned()));
        }
        let search = self.search.trim();
        if !search.is_empty() {
            pairs.push(("q", search.to_owned()));
        }
        pairs.iter().map(|(name, value)| format!("{name}={}", encode(value))).collect::<Vec<_>>().join("&")
    }
}

/// The filters as signals, one per control.
#[derive(Clone, Copy)]
pub struct Filters {
    pub statuses: RwSignal<Vec<TicketStatus>>,
    pub priority: RwSignal<Option<TicketPriority>>,
    pub ticket_type: RwSignal<Option<TicketType>>,
    pub assignee: RwSignal<AssigneeFilter>,
    pub breached_only: RwSignal<bool>,
    /// The search box's text as typed.
    pub search_typed: RwSignal<String>,
    /// The search the queue applies: the typed text once typing pauses.
    pub search: RwSignal<String>,
}

impl Filters {
    /// The default filters.
    pub fn new() -> Self {
        let defaults = QueueFilter::default();
        Self {
            statuses: RwSignal::new(defaults.statuses),
            priority: RwSignal::new(defaults.priority),
            ticket_type: RwSignal::new(defaults.ticket_type),
            assignee: RwSignal::new(defaults.assignee),
            breached_only: RwSignal::new(defaults.breached_only),
            search_typed: RwSignal::new(String::new()),
            search: RwSignal::new(String::new()),
        }
    }

    /// The applied filters; tracks every one.
    pub fn current(self) -> QueueFilter {
        QueueFilter {
            statuses: self.statuses.get(),
            priority: self.priority.get(),
            ticket_type: self.ticket_type.get(),
            assignee: self.assignee.get(),
            breached_only: self.breached_only.get(),
            search: self.search.get(),
        }
    }

    /// The applied filters, without tracking.
    pub fn current_untracked(self) -> QueueFilter {
        untrack(|| self.current())
    }

    /// Shows or hides tickets of `status`.
    pub fn toggle_status(self, status: TicketStatus, shown: bool) {
        self.statuses.update(|statuses| {
            statuses.retain(|known| *known != status);
            if shown {
                statuses.push(status);
            }
        });
    }
}

/// Percent-encodes a query value: everything but RFC 3986's unreserved characters and
/// the comma that separates statuses.
fn encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b',') {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_queue_asks_for_open_work_only() {
        assert_eq!(QueueFilter::default().query_string(), "status=new,open,pending");
    }

    #[test]
    fn every_filter_narrows_the_query_in_a_fixed_order() {
        let filter = QueueFilter {
            statuses: vec![TicketStatus::Pending, TicketStatus::New],
            priority: Some(TicketPriority::High),
            ticket_type: Some(TicketType::FeatureRequest),
            assignee: AssigneeFilter::Agent(7),
            breached_only: true,
            search: "  #1001 ".to_owned(),
        };
        assert_eq!(
            filter.query_string(),
            "status=new,pending&priority=high&ticket_type=feature_request&assignee=7&breached=true&q=%231001"
        );
    }

    #[test]
    fn no_status_and_anyone_leave_the_query_empty() {
        let filter = QueueFilter { statuses: Vec::new(), ..QueueFilter::default() };
        assert_eq!(filter.query_string(), "");
    }

    #[test]
    fn search_text_is_percent_encoded() {
        let filter = QueueFilter { statuses: Vec::new(), search: "a&b=c ü/?".to_owned(), ..QueueFilter::default() };
        assert_eq!(filter.query_string(), "q=a%26b%3Dc%20%C3%BC%2F%3F");
    }

    #[test]
    fn assignee_values_round_trip() {
        for filter in [AssigneeFilter::Anyone, AssigneeFilter::Me, AssigneeFilter::Unassigned, AssigneeFilter::Agent(3)]
        {
            assert_eq!(AssigneeFilter::from_value(&filter.value()), filter);
        }
    }
}
