//! Ticket events as sentences for the thread: "Ada changed priority from low to high",
//! each a message of the console's catalog with its variables.

use protocol::tickets::{EventAuthor, TicketEvent, TicketEventKind};

use super::choices::spoken;
use crate::l10n::{self, Arg, t, t_with};

/// Who an event is by: the name it carries, or a stand-in by kind of author.
pub fn who(event: &TicketEvent) -> String {
    match event.author_name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => match event.author {
            EventAuthor::Agent => t("event-by-agent").to_owned(),
            EventAuthor::Customer => t("event-by-requester").to_owned(),
            EventAuthor::System => "Helpline".to_owned(),
        },
    }
}

/// The one-line sentence for an event of the history. Thread entries (replies and
/// notes) are shown as messages instead, but get a sentence too, for completeness.
pub fn history_line(event: &TicketEvent) -> String {
    sentence(event).text()
}

/// A sentence of the console's catalog and the text of its variables.
#[derive(Debug, PartialEq)]
struct Sentence {
    id: &'static str,
    args: Vec<(&'static str, String)>,
}

impl Sentence {
    fn new(id: &'static str, args: &[(&'static str, &str)]) -> Self {
        Self { id, args: args.iter().map(|(name, value)| (*name, (*value).to_owned())).collect() }
    }

    fn text(&self) -> String {
        let args: Vec<(&str, Arg<'_>)> = self.args.iter().map(|(name, value)| (*name, value.into())).collect();
        t_with(self.id, &args)
    }
}

fn sentence(event: &TicketEvent) -> Sentence {
    let who = who(event);
    let who = who.as_str();
    let old = event.old_value.as_deref().filter(|value| !value.is_empty());
    let new = event.new_value.as_deref().filter(|value| !value.is_empty());
    let change = |field: &str| match (old, new) {
        (Some(old), Some(new)) => Sentence::new(
            "event-changed-from-to",
            &[("who", who), ("field", field), ("old", &spoken(old)), ("new", &spoken(new))],
        ),
        (None, Some(new)) => Sentence::new("event-set", &[("who", who), ("field", field), ("new", &spoken(new))]),
        (Some(old), None) => Sentence::new("event-cleared", &[("who", who), ("field", field), ("old", &spoken(old))]),
        (None, None) => Sentence::new("event-changed", &[("who", who), ("field", field)]),
    };
    let lines = |value: &str| l10n::list(&value.lines().map(str::to_owned).collect::<Vec<_>>());
    match event.kind {
        TicketEventKind::Created => match new {
            Some(source @ ("chat" | "widget_form" | "email" | "api")) => {
                Sentence::new("event-created-from", &[("who", who), ("source", source)])
            }
            Some(other) => Sentence::new("event-created-other", &[("who", who), ("source", &spoken(other))]),
            None => Sentence::new("event-created", &[("who", who)]),
        },
        TicketEventKind::PublicReply => Sentence::new("event-replied", &[("who", who)]),
        TicketEventKind::InternalNote => Sentence::new("event-noted", &[("who", who)]),
        TicketEventKind::CustomerReply => Sentence::new("event-wrote", &[("who", who)]),
        TicketEventKind::StatusChanged => change("status"),
        TicketEventKind::PriorityChanged => change("priority"),
        TicketEventKind::TypeChanged => change("type"),
        TicketEventKind::AssigneeChanged => match (old, new) {
            (None, Some(new)) => Sentence::new("event-assigned", &[("who", who), ("new", new)]),
            (Some(old), Some(new)) => Sentence::new("event-reassigned", &[("who", who), ("old", old), ("new", new)]),
            (Some(old), None) => Sentence::new("event-unassigned", &[("who", who), ("old", old)]),
            _ => Sentence::new("event-assignee-changed", &[("who", who)]),
        },
        TicketEventKind::TeamChanged => match new {
            Some("engineering") => Sentence::new("event-escalated", &[("who", who)]),
            Some("first_line") => Sentence::new("event-sent-back", &[("who", who)]),
            _ => change("team"),
        },
        TicketEventKind::TagsChanged => match new.filter(|tags| !tags.trim().is_empty()) {
            Some(tags) => Sentence::new("event-tags-set", &[("who", who), ("tags", &lines(tags))]),
            None => Sentence::new("event-tags-removed", &[("who", who)]),
        },
        TicketEventKind::DeliveryFailed => Sentence::new("event-delivery-failed", &[]),
        TicketEventKind::DeliveryDeferred => match old {
            Some(attempt) => Sentence::new("event-delivery-deferred-attempt", &[("attempt", attempt)]),
            None => Sentence::new("event-delivery-deferred", &[]),
        },
        TicketEventKind::FollowersAdded => match new {
            Some(addresses) => Sentence::new("event-followers-named", &[("addresses", &lines(addresses))]),
            None => Sentence::new("event-followers", &[]),
        },
        TicketEventKind::ReminderSent => Sentence::new("event-reminder-sent", &[]),
        TicketEventKind::SatisfactionRated => match new {
            Some(rating) => Sentence::new("event-rated-stars", &[("who", who), ("rating", rating)]),
            None => Sentence::new("event-rated", &[("who", who)]),
        },
        TicketEventKind::AutoReply => Sentence::new("event-auto-reply", &[]),
        TicketEventKind::DetailsChanged => Sentence::new("event-details-changed", &[("who", who)]),
        TicketEventKind::RequesterChanged => match new {
            Some(address) => Sentence::new("event-requester-address", &[("who", who), ("address", address)]),
            None => Sentence::new("event-requester-changed", &[("who", who)]),
        },
        TicketEventKind::MailWithheld => Sentence::new("event-mail-withheld", &[]),
        TicketEventKind::AddressVerified => match new {
            Some("reply") => Sentence::new("event-address-verified-reply", &[]),
            Some("link") => Sentence::new("event-address-verified-link", &[]),
            _ => Sentence::new("event-address-verified", &[]),
        },
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

    fn args(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        pairs.iter().map(|(name, value)| (*name, (*value).to_owned())).collect()
    }

    #[test]
    fn field_changes_name_the_field_and_both_values() {
        // On the host a message is its id (see `client::web::l10n`), so values are ids too.
        let said = sentence(&event(TicketEventKind::PriorityChanged, Some("low"), Some("high")));
        assert_eq!(said.id, "event-changed-from-to");
        assert_eq!(
            said.args,
            args(&[("who", "Ada"), ("field", "priority"), ("old", "priority-low"), ("new", "priority-high")])
        );
        let said = sentence(&event(TicketEventKind::TypeChanged, None, Some("feature_request")));
        assert_eq!(said.args, args(&[("who", "Ada"), ("field", "type"), ("new", "ticket-type-feature_request")]));
    }

    #[test]
    fn assignment_escalation_and_creation_have_sentences_of_their_own() {
        let assign = sentence(&event(TicketEventKind::AssigneeChanged, None, Some("Grace")));
        assert_eq!(assign, Sentence::new("event-assigned", &[("who", "Ada"), ("new", "Grace")]));
        let unassign = sentence(&event(TicketEventKind::AssigneeChanged, Some("Grace"), None));
        assert_eq!(unassign, Sentence::new("event-unassigned", &[("who", "Ada"), ("old", "Grace")]));
        let escalate = sentence(&event(TicketEventKind::TeamChanged, Some("first_line"), Some("engineering")));
        assert_eq!(escalate, Sentence::new("event-escalated", &[("who", "Ada")]));
        let created = sentence(&event(TicketEventKind::Created, None, Some("chat")));
        assert_eq!(created, Sentence::new("event-created-from", &[("who", "Ada"), ("source", "chat")]));
    }

    #[test]
    fn an_event_without_a_name_is_by_its_kind_of_author() {
        let mut rated = event(TicketEventKind::SatisfactionRated, None, Some("4"));
        rated.author = EventAuthor::Customer;
        rated.author_name = None;
        assert_eq!(
            sentence(&rated),
            Sentence::new("event-rated-stars", &[("who", "event-by-requester"), ("rating", "4")])
        );
    }
}
