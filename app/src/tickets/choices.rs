//! The ticket enums as the console shows them: a label for people (the console's
//! message `<kind>-<wire name>`, e.g. `priority-high`) and the wire name for select
//! values, query strings and history values (the ticket enums' own `as_str`, so the
//! names are spelled once, in `protocol`).

use protocol::tickets::{DetailKey, Team, TicketPriority, TicketStatus, TicketType};

use crate::l10n::{self, Locale, t};

/// An enum an agent picks from a list.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order lists show them.
    const ALL: &'static [Self];

    /// The name on the wire, e.g. `feature_request`.
    fn value(self) -> &'static str;

    /// The prefix of the values' message ids, e.g. `ticket-type`.
    const KIND: &'static str;

    /// The name people read, e.g. "Feature request" (message `ticket-type-feature_request`).
    fn label(self) -> &'static str {
        t(&format!("{}-{}", Self::KIND, self.value()))
    }

    /// The value with wire name `value`, if there is one.
    fn from_value(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|choice| choice.value() == value)
    }
}

impl Choice for TicketStatus {
    const KIND: &'static str = "ticket-status";
    const ALL: &'static [Self] = TicketStatus::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }
}

impl Choice for TicketPriority {
    const KIND: &'static str = "priority";
    const ALL: &'static [Self] = TicketPriority::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }
}

impl Choice for TicketType {
    const KIND: &'static str = "ticket-type";
    const ALL: &'static [Self] = TicketType::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }
}

impl Choice for Team {
    const KIND: &'static str = "team";
    const ALL: &'static [Self] = Team::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }
}

impl Choice for DetailKey {
    const KIND: &'static str = "detail";
    const ALL: &'static [Self] = &[
        Self::Affected,
        Self::Expected,
        Self::Actual,
        Self::Steps,
        Self::ErrorMessage,
        Self::Environment,
        Self::Since,
        Self::ReportedBefore,
        Self::Deadline,
    ];

    fn value(self) -> &'static str {
        match self {
            Self::Affected => "affected",
            Self::Expected => "expected",
            Self::Actual => "actual",
            Self::Steps => "steps",
            Self::ErrorMessage => "error_message",
            Self::Environment => "environment",
            Self::Since => "since",
            Self::ReportedBefore => "reported_before",
            Self::Deadline => "deadline",
        }
    }
}

/// A field value from a history event (`low`, `feature_request`, `first_line`) as
/// words inside a sentence, e.g. "feature request" (lower-case, except in German,
/// where nouns keep their capital); unknown values get their underscores replaced.
pub fn spoken(value: &str) -> String {
    let label = TicketStatus::from_value(value)
        .map(Choice::label)
        .or_else(|| TicketPriority::from_value(value).map(Choice::label))
        .or_else(|| TicketType::from_value(value).map(Choice::label))
        .or_else(|| Team::from_value(value).map(Choice::label));
    match label {
        Some(label) if l10n::locale() == Locale::De => label.to_owned(),
        Some(label) => label.to_lowercase(),
        None => value.replace('_', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Choice + std::fmt::Debug + serde::Serialize>() {
        for choice in T::ALL {
            let wire = serde_json::to_string(choice).expect("json");
            assert_eq!(wire, format!("\"{}\"", choice.value()), "{choice:?}");
            assert_eq!(T::from_value(choice.value()), Some(*choice));
        }
    }

    #[test]
    fn values_are_the_wire_names() {
        round_trips::<TicketStatus>();
        round_trips::<TicketPriority>();
        round_trips::<TicketType>();
        round_trips::<Team>();
        round_trips::<DetailKey>();
        assert_eq!(TicketStatus::from_value("gone"), None);
    }

    #[test]
    fn history_values_read_as_their_labels_or_words() {
        // On the host a message is its id (see `client::web::l10n`).
        assert_eq!(spoken("high"), "priority-high");
        assert_eq!(spoken("feature_request"), "ticket-type-feature_request");
        assert_eq!(spoken("first_line"), "team-first_line");
        assert_eq!(spoken("something_else"), "something else");
    }
}
