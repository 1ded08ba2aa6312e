//! The ticket enums as the console shows them: a label for people and the wire name
//! for select values, query strings and history values (the ticket enums' own
//! `as_str`, so the names are spelled once, in `protocol`).

use protocol::tickets::{DetailKey, Team, TicketPriority, TicketStatus, TicketType};

/// An enum an agent picks from a list.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order lists show them.
    const ALL: &'static [Self];

    /// The name on the wire, e.g. `feature_request`.
    fn value(self) -> &'static str;

    /// The name people read, e.g. "Feature request".
    fn label(self) -> &'static str;

    /// The value with wire name `value`, if there is one.
    fn from_value(value: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|choice| choice.value() == value)
    }
}

impl Choice for TicketStatus {
    const ALL: &'static [Self] = TicketStatus::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }

    fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Open => "Open",
            Self::Pending => "Pending",
            Self::Resolved => "Resolved",
            Self::Closed => "Closed",
        }
    }
}

impl Choice for TicketPriority {
    const ALL: &'static [Self] = TicketPriority::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }

    fn label(self) -> &'static str {
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
            Self::Critical => "Critical",
        }
    }
}

impl Choice for TicketType {
    const ALL: &'static [Self] = TicketType::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }

    fn label(self) -> &'static str {
        match self {
            Self::Question => "Question",
            Self::Configuration => "Configuration",
            Self::Bug => "Bug",
            Self::FeatureRequest => "Feature request",
        }
    }
}

impl Choice for Team {
    const ALL: &'static [Self] = Team::ALL;

    fn value(self) -> &'static str {
        self.as_str()
    }

    fn label(self) -> &'static str {
        match self {
            Self::FirstLine => "First line",
            Self::Engineering => "Engineering",
        }
    }
}

impl Choice for DetailKey {
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

    fn label(self) -> &'static str {
        match self {
            Self::Affected => "Who is affected",
            Self::Expected => "What they tried to do or want",
            Self::Actual => "What happened instead",
            Self::Steps => "Steps just before",
            Self::ErrorMessage => "Error messages shown",
            Self::Environment => "Browser, system and app version",
            Self::Since => "Since when",
            Self::ReportedBefore => "Reported before",
            Self::Deadline => "Deadline",
        }
    }
}

/// A field value from a history event (`low`, `feature_request`, `first_line`) as
/// lower-case words, e.g. "feature request"; unknown values get their underscores
/// replaced.
pub fn spoken(value: &str) -> String {
    let label = TicketStatus::from_value(value)
        .map(Choice::label)
        .or_else(|| TicketPriority::from_value(value).map(Choice::label))
        .or_else(|| TicketType::from_value(value).map(Choice::label))
        .or_else(|| Team::from_value(value).map(Choice::label));
    match label {
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
    fn history_values_read_as_words() {
        assert_eq!(spoken("high"), "high");
        assert_eq!(spoken("feature_request"), "feature request");
        assert_eq!(spoken("first_line"), "first line");
        assert_eq!(spoken("something_else"), "something else");
    }
}
