//! The "Email us" form's fields: which ones a type of request asks for, where each one
//! lives in a [`WidgetTicketInput`] (the draft is kept, and saved, in the wire type
//! itself), the name the server uses for it in a field error, and the body that is sent.

use protocol::tickets::{TicketDetails, TicketType, WidgetTicketInput};

/// A text input of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    Name,
    Subject,
    Description,
    /// For a bug, what they were trying to do; for configuration, what they want to
    /// achieve.
    Expected,
    Actual,
    ErrorMessage,
    Since,
}

/// The fields every type asks for, in the order they are shown.
const COMMON: [Field; 4] = [Field::Email, Field::Name, Field::Subject, Field::Description];

impl Field {
    /// The field's name in the server's `fields` list.
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Name => "name",
            Self::Subject => "subject",
            Self::Description => "description",
            Self::Expected => "details.expected",
            Self::Actual => "details.actual",
            Self::ErrorMessage => "details.error_message",
            Self::Since => "details.since",
        }
    }

    /// The input's element id, also its `data-focus-key`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Email => "ticket-email",
            Self::Name => "ticket-name",
            Self::Subject => "ticket-subject",
            Self::Description => "ticket-description",
            Self::Expected => "ticket-expected",
            Self::Actual => "ticket-actual",
            Self::ErrorMessage => "ticket-error-message",
            Self::Since => "ticket-since",
        }
    }

    /// The field's text in `draft`.
    pub fn read(self, draft: &WidgetTicketInput) -> &str {
        let details = &draft.details;
        match self {
            Self::Email => &draft.email,
            Self::Subject => &draft.subject,
            Self::Description => &draft.description,
            Self::Name => draft.name.as_deref().unwrap_or_default(),
            Self::Expected => details.expected.as_deref().unwrap_or_default(),
            Self::Actual => details.actual.as_deref().unwrap_or_default(),
            Self::ErrorMessage => details.error_message.as_deref().unwrap_or_default(),
            Self::Since => details.since.as_deref().unwrap_or_default(),
        }
    }

    /// Replaces the field's text in `draft`, exactly as typed; emptied optional text
    /// becomes absent.
    pub fn write(self, draft: &mut WidgetTicketInput, text: String) {
        let details = &mut draft.details;
        match self {
            Self::Email => draft.email = text,
            Self::Subject => draft.subject = text,
            Self::Description => draft.description = text,
            Self::Name => draft.name = optional(text),
            Self::Expected => details.expected = optional(text),
            Self::Actual => details.actual = optional(text),
            Self::ErrorMessage => details.error_message = optional(text),
            Self::Since => details.since = optional(text),
        }
    }
}

fn optional(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The type a draft is for; a draft that never chose one asks a question.
pub fn ticket_type(draft: &WidgetTicketInput) -> TicketType {
    draft.ticket_type.unwrap_or(TicketType::Question)
}

/// The details a type of request asks for, in the order they are shown.
pub fn detail_fields(ticket_type: TicketType) -> &'static [Field] {
    match ticket_type {
        TicketType::Bug => &[Field::Expected, Field::Actual, Field::ErrorMessage, Field::Since],
        TicketType::Configuration => &[Field::Expected],
        TicketType::Question | TicketType::FeatureRequest => &[],
    }
}

/// Every field the form shows for a type, in order.
pub fn shown_fields(ticket_type: TicketType) -> impl Iterator<Item = Field> {
    COMMON.into_iter().chain(detail_fields(ticket_type).iter().copied())
}

/// The body to send for `draft`: text trimmed, empty optional text left out, details
/// only those the chosen type asks for (others typed under another type stay in the
/// draft but are not sent), and the host page.
pub fn body(draft: &WidgetTicketInput, page_url: Option<String>) -> WidgetTicketInput {
    let ticket_type = ticket_type(draft);
    let asked = detail_fields(ticket_type);
    let given = |field: Field| Some(field.read(draft).trim()).filter(|text| !text.is_empty()).map(str::to_owned);
    let detail = |field: Field| given(field).filter(|_| asked.contains(&field));
    WidgetTicketInput {
        email: draft.email.trim().to_owned(),
        name: given(Field::Name),
        subject: draft.subject.trim().to_owned(),
        description: draft.description.trim().to_owned(),
        ticket_type: Some(ticket_type),
        details: TicketDetails {
            expected: detail(Field::Expected),
            actual: detail(Field::Actual),
            error_message: detail(Field::ErrorMessage),
            since: detail(Field::Since),
            ..TicketDetails::default()
        },
        page_url,
        // The form's files, the viewport and the page's errors are added as it is sent.
        attachments: Vec::new(),
        viewport: None,
        page_errors: Vec::new(),
        locale: None,
        time_zone: None,
    }
}

/// What the form starts with after a ticket was sent: the same person, a new request.
pub fn after_sending(draft: &WidgetTicketInput) -> WidgetTicketInput {
    WidgetTicketInput { email: draft.email.clone(), name: draft.name.clone(), ..WidgetTicketInput::default() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(ticket_type: Option<TicketType>) -> WidgetTicketInput {
        let mut draft = WidgetTicketInput { ticket_type, ..WidgetTicketInput::default() };
        for (field, text) in [
            (Field::Email, " jane@example.com "),
            (Field::Name, "  "),
            (Field::Subject, "Export fails"),
            (Field::Description, "It stops at 50%.\n"),
            (Field::Expected, "Export my invoices"),
            (Field::Actual, "A blank page"),
            (Field::ErrorMessage, ""),
            (Field::Since, "Monday"),
        ] {
            field.write(&mut draft, text.to_owned());
        }
        draft
    }

    #[test]
    fn a_bug_sends_its_details_trimmed_and_without_empty_ones() {
        let body = body(&typed(Some(TicketType::Bug)), Some("https://app.example/billing".into()));
        assert_eq!(body.email, "jane@example.com");
        assert_eq!(body.name, None, "a blank name is left out");
        assert_eq!(body.description, "It stops at 50%.");
        assert_eq!(body.ticket_type, Some(TicketType::Bug));
        assert_eq!(body.details.expected.as_deref(), Some("Export my invoices"));
        assert_eq!(body.details.actual.as_deref(), Some("A blank page"));
        assert_eq!(body.details.error_message, None);
        assert_eq!(body.details.since.as_deref(), Some("Monday"));
        assert_eq!(body.page_url.as_deref(), Some("https://app.example/billing"));
    }

    #[test]
    fn details_of_another_type_stay_in_the_draft_but_are_not_sent() {
        let draft = typed(Some(TicketType::Configuration));
        let sent = body(&draft, None);
        assert_eq!(sent.details.expected.as_deref(), Some("Export my invoices"));
        assert_eq!(sent.details.actual, None);
        assert_eq!(sent.details.since, None);
        assert_eq!(Field::Actual.read(&draft), "A blank page");

        let question = body(&typed(None), None);
        assert_eq!(question.ticket_type, Some(TicketType::Question));
        assert_eq!(question.details, TicketDetails::default());
    }

    #[test]
    fn every_field_reads_back_what_was_written() {
        let mut draft = WidgetTicketInput::default();
        for field in shown_fields(TicketType::Bug) {
            field.write(&mut draft, format!("{} text", field.wire_name()));
        }
        for field in shown_fields(TicketType::Bug) {
            assert_eq!(field.read(&draft), format!("{} text", field.wire_name()));
        }
        Field::Name.write(&mut draft, String::new());
        assert_eq!(draft.name, None, "an emptied optional field is absent again");
        assert_eq!(shown_fields(TicketType::Bug).count(), 8);
        assert_eq!(shown_fields(TicketType::Question).count(), 4);
    }

    #[test]
    fn the_next_form_keeps_only_who_is_asking() {
        let next = after_sending(&typed(Some(TicketType::Bug)));
        assert_eq!(next.email, " jane@example.com ");
        assert_eq!(next.subject, "");
        assert_eq!(next.ticket_type, None);
        assert_eq!(next.details, TicketDetails::default());
    }
}
