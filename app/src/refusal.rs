//! A server's refusal of a form, kept whole so the overall message shows beside the
//! buttons and each field's message beside its field.

use leptos::prelude::*;
use protocol::FieldError;

use crate::api::ApiError;
use crate::console::Console;

/// Why the server refused what a form sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: String,
    /// One entry per refused field, named as the request body names it.
    pub fields: Vec<FieldError>,
}

impl Refusal {
    /// The refusal for `error`; a lost session also shows the login form.
    pub fn of(console: Console, error: &ApiError) -> Self {
        Self { message: console.explain(error), fields: error.fields().to_vec() }
    }

    /// The messages for field `name`, or for `prefix.name` (a form may be sent whole
    /// or as part of a larger body), joined into one line.
    pub fn field(&self, name: &str) -> Option<String> {
        let messages: Vec<&str> = self
            .fields
            .iter()
            .filter(|error| error.field == name || error.field.rsplit_once('.').is_some_and(|(_, last)| last == name))
            .map(|error| error.message.as_str())
            .collect();
        (!messages.is_empty()).then(|| messages.join(" "))
    }
}

/// The message for field `name` of whatever refusal `refusal` holds; a signal, so a
/// field can show it and mark itself invalid.
pub fn field_message(refusal: RwSignal<Option<Refusal>>, name: &'static str) -> Signal<Option<String>> {
    Signal::derive(move || refusal.with(|refusal| refusal.as_ref().and_then(|refusal| refusal.field(name))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(fields: &[(&str, &str)]) -> Refusal {
        Refusal {
            message: "please check the highlighted fields".into(),
            fields: fields
                .iter()
                .map(|(field, message)| FieldError { field: (*field).into(), message: (*message).into() })
                .collect(),
        }
    }

    #[test]
    fn a_field_matches_by_name_or_last_path_segment() {
        let refusal = refusal(&[("email", "enter an email"), ("details.actual", "say what happened")]);
        assert_eq!(refusal.field("email").as_deref(), Some("enter an email"));
        assert_eq!(refusal.field("actual").as_deref(), Some("say what happened"));
        assert_eq!(refusal.field("details.actual").as_deref(), Some("say what happened"));
        assert_eq!(refusal.field("subject"), None);
    }
}
