//! Ticket events as sentences for the thread: "Ada changed priority from low to high".

use protocol::tickets::{EventAuthor, TicketEvent, TicketEventKind};

use super::choices::spoken;

/// Who an event is by: the name it carries, or a stand-in by kind of author.
pub fn who(event: &TicketEvent) -> String {
    match event.author_name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => match event.author {
            EventAuthor::Agent => "An agent".to_owned(),
            EventAuthor::Customer => "The requester".to_owned(),
            EventAuthor::System => "Helpline".to_owned(),
        },
    }
}

/// The one-line sentence for an event of the history. Thread entries (replies and
/// notes) are shown as messages instead, but get a sentence too, for completeness.
pub fn history_line(event: &TicketEvent) -> String {
    let who = who(event);
    let old = event.old_value.as_deref().filter(|value| !value.is_empty());
    let new = event.new_value.as_deref().filter(|value| !value.is_empty());
    let change = |field: &str| match (old, new) {
        (Some(old), Some(new)) => format!("{who} changed {field} from {} to {}", spoken(old), spoken(new)),
        (None, Some(new)) => format!("{who} set {field} to {}", spoken(new)),
        (Some(old), None) => format!("{who} cleared {field} (was {})", spoken(old)),
        (None, None) => format!("{who} changed {field}"),
    };
    match event.kind {
        TicketEventKind::Created => format!("{who} opened the ticket{}", new.map(source).unwrap_or_default()),
        TicketEventKind::PublicReply => format!("{who} replied"),
        TicketEventKind::InternalNote => format!("{who} added an internal note"),
        TicketEventKind::CustomerReply => format!("{who} wrote"),
        TicketEventKind::StatusChanged => change("status"),
        TicketEventKind::PriorityChanged => change("priority"),
        TicketEventKind::TypeChanged => change("type"),
        TicketEventKind::AssigneeChanged => match (old, new) {
            (None, Some(new)) => format!("{who} assigned the ticket to {new}"),
            (Some(old), Some(new)) => format!("{who} reassigned the ticket from {old} to {new}"),
            (Some(old), None) => format!("{who} unassigned {old}"),
            _ => format!("{who} changed the assignee"),
        },
        TicketEventKind::TeamChanged => match new {
            Some("engineering") => format!("{who} escalated the ticket to engineering"),
            Some("first_line") => format!("{who} sent the ticket back to first line"),
            _ => change("team"),
        },
        TicketEventKind::TagsChanged => match new.filter(|tags| !tags.trim().is_empty()) {
            Some(tags) => format!("{who} set the tags to {}", tags.lines().collect::<Vec<_>>().join(", ")),
            None => format!("{who} removed the tags"),
        },
        TicketEventKind::DeliveryFailed => "An email could not be delivered".to_owned(),
        TicketEventKind::DeliveryDeferred => match old {
            Some(attempt) => format!("An email could not be delivered yet (attempt {attempt}); it will be retried"),
            None => "An email could not be delivered yet; it will be retried".to_owned(),
        },
        TicketEventKind::FollowersAdded => match new {
            Some(addresses) => format!("Now following: {}", addresses.lines().collect::<Vec<_>>().join(", ")),
            None => "People copied on the mail now follow the ticket".to_owned(),
        },
        TicketEventKind::ReminderSent => "A reminder was sent to the requester".to_owned(),
        TicketEventKind::SatisfactionRated => match new {
            Some(rating) => format!("{who} rated the ticket {rating} out of 5"),
            None => format!("{who} rated the ticket"),
        },
        TicketEventKind::AutoReply => "An automatic reply arrived (not answered)".to_owned(),
        TicketEventKind::DetailsChanged => format!("{who} updated the engineering details"),
        TicketEventKind::RequesterChanged => match new {
            Some(address) => format!("{who} set the requester's address to {address}"),
            None => format!("{who} changed the requester"),
        },
        TicketEventKind::MailWithheld => {
            "No acknowledgement was sent: the address is unverified and had its mail for today".to_owned()
        }
        TicketEventKind::AddressVerified => match new {
            Some("reply") => "The requester confirmed their address by replying".to_owned(),
            Some("link") => "The requester confirmed their address with the emailed link".to_owned(),
            _ => "The requester's address was confirmed".to_owned(),
        },
    }
}

/// " from a chat", " by email", …: how a ticket came in, from a `created` event's value.
fn source(value: &str) -> String {
    match value {
        "chat" => " from a chat".to_owned(),
        "widget_form" => " with the messenger's email form".to_owned(),
        "email" => " by email".to_owned(),
        "api" => " through the API".to_owned(),
        other => format!(" ({})", spoken(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(kind: TicketEventKind, old: Option<&str>, new: Option<&str>) -> TicketEvent {
        TicketEvent {
            seq: 1,
            kind,
            author: EventAuthor::Agent,
            author_name: Some("Ada".into()),
            author_email: None,
            body: None,
            old_value: old.map(Into::into),
            new_value: new.map(Into::into),
            created_at: 0,
            has_original: false,
            attachments: Vec::new(),
        }
    }

    #[test]
    fn field_changes_name_both_values_in_words() {
        let line = history_line(&event(TicketEventKind::PriorityChanged, Some("low"), Some("high")));
        assert_eq!(line, "Ada changed priority from low to high");
        let line = history_line(&event(TicketEventKind::TypeChanged, Some("bug"), Some("feature_request")));
        assert_eq!(line, "Ada changed type from bug to feature request");
    }

    #[test]
    fn assignment_escalation_and_creation_read_naturally() {
        let assign = history_line(&event(TicketEventKind::AssigneeChanged, None, Some("Grace")));
        assert_eq!(assign, "Ada assigned the ticket to Grace");
        let unassign = history_line(&event(TicketEventKind::AssigneeChanged, Some("Grace"), None));
        assert_eq!(unassign, "Ada unassigned Grace");
        let escalate = history_line(&event(TicketEventKind::TeamChanged, Some("first_line"), Some("engineering")));
        assert_eq!(escalate, "Ada escalated the ticket to engineering");
        let created = history_line(&event(TicketEventKind::Created, None, Some("chat")));
        assert_eq!(created, "Ada opened the ticket from a chat");
    }

    #[test]
    fn an_event_without_a_name_is_by_its_kind_of_author() {
        let mut rated = event(TicketEventKind::SatisfactionRated, None, Some("4"));
        rated.author = EventAuthor::Customer;
        rated.author_name = None;
        assert_eq!(history_line(&rated), "The requester rated the ticket 4 out of 5");
    }
}
