//! Tickets between the store's records and the wire's types, both ways. The ticket
//! enums are `protocol`'s in both, so they pass through as they are.

use std::collections::HashMap;

use protocol::tickets::{self as wire, EventAuthor, TicketEventKind};

use crate::store::{TicketEventRecord, TicketRecord};

/// Agent names by id, for assignees and authors.
pub type AgentNames = HashMap<i64, String>;

/// A queue row. `now` decides whether the owed response is overdue.
pub fn summary(ticket: &TicketRecord, agents: &AgentNames, now: i64) -> wire::TicketSummary {
    wire::TicketSummary {
        id: ticket.id,
        number: ticket.number,
        subject: ticket.subject.clone(),
        requester: wire::Requester {
            email: ticket.requester_email.clone(),
            name: ticket.requester_name.clone(),
            user_id: ticket.requester_user_id.clone(),
            company_id: ticket.requester_company_id.clone(),
        },
        ticket_type: ticket.ticket_type,
        priority: ticket.priority,
        status: ticket.status,
        team: ticket.team,
        assignee_id: ticket.assignee_id,
        assignee_name: ticket.assignee_id.and_then(|id| agents.get(&id).cloned()),
        tags: ticket.tags.clone(),
        source: ticket.source,
        created_at: ticket.created_at,
        updated_at: ticket.updated_at,
        first_response_due_at: ticket.first_response_due_at,
        next_response_due_at: ticket.next_response_due_at,
        breached: ticket.next_response_due_at.is_some_and(|due| due < now),
        satisfaction: ticket.rating.and_then(|rating| u8::try_from(rating).ok()),
        unverified_sender: ticket.context.get("unverified_sender").and_then(serde_json::Value::as_bool) == Some(true),
    }
}

/// One entry of the thread and history, with agent ids turned into names.
pub fn event(event: &TicketEventRecord, ticket: &TicketRecord, agents: &AgentNames) -> wire::TicketEvent {
    let author_name = match event.author_kind {
        EventAuthor::Agent => event.author_agent_id.and_then(|id| agents.get(&id).cloned()),
        EventAuthor::Customer => match &event.author_email {
            Some(email) => Some(event.author_name.clone().unwrap_or_else(|| email.clone())),
            None => Some(ticket.requester_name.clone().unwrap_or_else(|| ticket.requester_email.clone())),
        },
        EventAuthor::System => None,
    };
    let agent_value = |value: &Option<String>| {
        value
            .as_deref()
            .and_then(|id| id.parse::<i64>().ok())
            .map(|id| agents.get(&id).cloned().unwrap_or_else(|| format!("agent {id}")))
    };
    let (old_value, new_value) = match event.kind {
        TicketEventKind::AssigneeChanged => (agent_value(&event.old_value), agent_value(&event.new_value)),
        _ => (event.old_value.clone(), event.new_value.clone()),
    };
    wire::TicketEvent {
        seq: event.seq,
        kind: event.kind,
        author: event.author_kind,
        author_name,
        author_email: event.author_email.clone(),
        body: event.body.clone(),
        old_value,
        new_value,
        created_at: event.created_at,
        has_original: false,
        attachments: Vec::new(),
    }
}

/// The details engineers need, from the stored JSON object (unknown keys are ignored).
pub fn details(value: &serde_json::Value) -> wire::TicketDetails {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// Details as stored: only the fields with text, trimmed.
pub fn details_in(details: &wire::TicketDetails) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for (key, value) in detail_fields(details) {
        if let Some(text) = value.map(str::trim).filter(|text| !text.is_empty()) {
            object.insert(key.to_owned(), serde_json::Value::String(text.to_owned()));
        }
    }
    serde_json::Value::Object(object)
}

fn detail_fields(details: &wire::TicketDetails) -> [(&'static str, Option<&str>); 9] {
    [
        ("affected", details.affected.as_deref()),
        ("expected", details.expected.as_deref()),
        ("actual", details.actual.as_deref()),
        ("steps", details.steps.as_deref()),
        ("error_message", details.error_message.as_deref()),
        ("environment", details.environment.as_deref()),
        ("since", details.since.as_deref()),
        ("reported_before", details.reported_before.as_deref()),
        ("deadline", details.deadline.as_deref()),
    ]
}

/// What engineers need that a ticket does not say: who is affected and whether others
/// are, what the user expected and what happened, what they did just before, error
/// messages, the environment, whether it was reported before, and deadlines.
pub fn missing_details(details: &wire::TicketDetails) -> Vec<wire::DetailKey> {
    let blank = |value: &Option<String>| value.as_deref().is_none_or(|text| text.trim().is_empty());
    [
        (wire::DetailKey::Affected, &details.affected),
        (wire::DetailKey::Expected, &details.expected),
        (wire::DetailKey::Actual, &details.actual),
        (wire::DetailKey::Steps, &details.steps),
        (wire::DetailKey::ErrorMessage, &details.error_message),
        (wire::DetailKey::Environment, &details.environment),
        (wire::DetailKey::ReportedBefore, &details.reported_before),
        (wire::DetailKey::Deadline, &details.deadline),
    ]
    .into_iter()
    .filter(|(_, value)| blank(value))
    .map(|(key, _)| key)
    .collect()
}

/// The page, browser and host attributes as stored.
pub fn context(value: &serde_json::Value) -> wire::TicketContext {
    let text = |key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_owned);
    let attributes = value
        .get("attributes")
        .and_then(|v| v.as_array())
        .map(|pairs| {
            pairs
                .iter()
                .filter_map(|pair| {
                    let pair = pair.as_array()?;
                    Some((pair.first()?.as_str()?.to_owned(), pair.get(1)?.as_str()?.to_owned()))
                })
                .collect()
        })
        .unwrap_or_default();
    wire::TicketContext { page_url: text("page_url"), user_agent: text("user_agent"), attributes }
}

/// Context as stored.
pub fn context_in(context: &wire::TicketContext) -> serde_json::Value {
    serde_json::json!({
        "page_url": context.page_url,
        "user_agent": context.user_agent,
        "attributes": context.attributes,
    })
}

/// A visitor's own ticket.
pub fn widget_ticket(ticket: &TicketRecord) -> wire::WidgetTicket {
    wire::WidgetTicket {
        number: ticket.number,
        subject: ticket.subject.clone(),
        status: ticket.status,
        email: ticket.requester_email.clone(),
        needs_email: ticket.requester_email.is_empty(),
        response_due_at: ticket.next_response_due_at,
        created_at: ticket.created_at,
        updated_at: ticket.updated_at,
    }
}
