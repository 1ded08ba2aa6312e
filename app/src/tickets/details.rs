//! The engineering details form: one signal per `TicketDetails` field, and how what
//! the agent typed becomes the request body and takes in what the server stored.

use leptos::prelude::*;
use protocol::tickets::{DetailKey, TicketDetails};

use super::choices::Choice;

/// The text of every detail, in `DetailKey::ALL` order.
pub type Texts = [String; 9];

/// The details form's fields. `Copy`: arena handles owned by the tickets state.
#[derive(Clone, Copy)]
pub struct DetailsForm {
    fields: [RwSignal<String>; 9],
}

impl DetailsForm {
    pub(super) fn new() -> Self {
        Self { fields: std::array::from_fn(|_| RwSignal::new(String::new())) }
    }

    /// The field that holds `key`.
    pub fn field(self, key: DetailKey) -> RwSignal<String> {
        self.fields[index(key)]
    }

    /// The current texts, without tracking.
    pub fn texts_untracked(self) -> Texts {
        self.fields.map(|field| field.get_untracked())
    }

    /// Replaces every field; one whose text does not change is not touched, so the
    /// caret in it stays where it is.
    pub(super) fn set(self, texts: Texts) {
        for (field, text) in self.fields.into_iter().zip(texts) {
            if field.with_untracked(|current| *current != text) {
                field.set(text);
            }
        }
    }

    /// Whether the form says something other than `details`; tracks every field.
    pub fn differs_from(self, details: &TicketDetails) -> bool {
        let stored = texts_of(details);
        self.fields.iter().zip(stored.iter()).any(|(field, stored)| field.with(|text| text.trim() != stored.trim()))
    }
}

/// The details as form texts; absent ones are empty.
pub fn texts_of(details: &TicketDetails) -> Texts {
    std::array::from_fn(|i| DetailKey::ALL.get(i).and_then(|key| slot(details, *key).clone()).unwrap_or_default())
}

/// The request body for `texts`: blank fields are absent, the rest trimmed.
pub fn details_of(texts: &Texts) -> TicketDetails {
    let mut details = TicketDetails::default();
    for (key, text) in DetailKey::ALL.iter().zip(texts) {
        let text = text.trim();
        *slot_mut(&mut details, *key) = (!text.is_empty()).then(|| text.to_owned());
    }
    details
}

/// The form after a save answered: a field the agent left alone meanwhile takes the
/// stored text; one they changed keeps their newer text.
pub fn settle(current: Texts, sent: &Texts, saved: Texts) -> Texts {
    let mut settled = current;
    for ((field, sent), saved) in settled.iter_mut().zip(sent).zip(saved) {
        if field == sent {
            *field = saved;
        }
    }
    settled
}

fn index(key: DetailKey) -> usize {
    DetailKey::ALL.iter().position(|known| *known == key).unwrap_or_default()
}

fn slot(details: &TicketDetails, key: DetailKey) -> &Option<String> {
    match key {
        DetailKey::Affected => &details.affected,
        DetailKey::Expected => &details.expected,
        DetailKey::Actual => &details.actual,
        DetailKey::Steps => &details.steps,
        DetailKey::ErrorMessage => &details.error_message,
        DetailKey::Environment => &details.environment,
        DetailKey::Since => &details.since,
        DetailKey::ReportedBefore => &details.reported_before,
        DetailKey::Deadline => &details.deadline,
    }
}

fn slot_mut(details: &mut TicketDetails, key: DetailKey) -> &mut Option<String> {
    match key {
        DetailKey::Affected => &mut details.affected,
        DetailKey::Expected => &mut details.expected,
        DetailKey::Actual => &mut details.actual,
        DetailKey::Steps => &mut details.steps,
        DetailKey::ErrorMessage => &mut details.error_message,
        DetailKey::Environment => &mut details.environment,
        DetailKey::Since => &mut details.since,
        DetailKey::ReportedBefore => &mut details.reported_before,
        DetailKey::Deadline => &mut details.deadline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_details_convert_both_ways_dropping_blanks() {
        let details = TicketDetails {
            expected: Some("Export invoices".into()),
            deadline: Some("Friday".into()),
            ..TicketDetails::default()
        };
        let mut texts = texts_of(&details);
        assert_eq!(texts[1], "Export invoices");
        assert_eq!(texts[8], "Friday");
        texts[2] = "  It crashed \n".into();
        texts[3] = "   ".into();
        let back = details_of(&texts);
        assert_eq!(back.actual.as_deref(), Some("It crashed"));
        assert_eq!(back.steps, None);
        assert_eq!(back.expected, details.expected);
    }

    #[test]
    fn a_save_keeps_text_typed_meanwhile() {
        let sent: Texts = std::array::from_fn(|i| format!("sent {i}"));
        let saved: Texts = std::array::from_fn(|i| format!("saved {i}"));
        let mut current = sent.clone();
        current[4] = "typed later".into();
        let settled = settle(current, &sent, saved);
        assert_eq!(settled[0], "saved 0");
        assert_eq!(settled[4], "typed later");
    }
}
