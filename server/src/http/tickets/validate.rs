//! Form checks shared by the ways tickets come in: each refused field gets a message a
//! person can act on, and all of them are reported at once.

use protocol::FieldError;

use crate::error::ApiError;
use crate::mail::is_email;

/// Longest subject kept.
pub const MAX_SUBJECT_CHARS: usize = 200;
/// Longest description, reply or note kept.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest detail field kept.
pub const MAX_DETAIL_CHARS: usize = 5_000;

/// Collects field errors.
#[derive(Debug, Default)]
pub struct Form {
    errors: Vec<FieldError>,
}

impl Form {
    pub fn refuse(&mut self, field: &str, message: &str) {
        self.errors.push(FieldError { field: field.to_owned(), message: message.to_owned() });
    }

    /// A required text, trimmed, at most `max` characters.
    pub fn required<'a>(&mut self, field: &str, value: &'a str, max: usize, missing: &str) -> &'a str {
        let value = value.trim();
        if value.is_empty() {
            self.refuse(field, missing);
        } else if value.chars().count() > max {
            self.refuse(field, &format!("keep it under {max} characters"));
        }
        value
    }

    /// An optional text, trimmed; None when blank.
    pub fn optional<'a>(&mut self, field: &str, value: Option<&'a str>, max: usize) -> Option<&'a str> {
        let value = value.map(str::trim).filter(|value| !value.is_empty())?;
        if value.chars().count() > max {
            self.refuse(field, &format!("keep it under {max} characters"));
        }
        Some(value)
    }

    /// An email address, trimmed.
    pub fn email<'a>(&mut self, field: &str, value: &'a str) -> &'a str {
        let value = value.trim();
        if value.is_empty() {
            self.refuse(field, "enter your email address so we can answer you");
        } else if !is_email(value) {
            self.refuse(field, "enter an email address such as jane@example.com");
        }
        value
    }

    /// Ok when nothing was refused.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ApiError::Invalid(self.errors)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_mail_can_go_to_pass_and_others_do_not() {
        assert!(is_email("jane@example.com"));
        assert!(is_email("jane+tickets@mail.example.co.uk"));
        assert!(!is_email("jane"));
        assert!(!is_email("jane@localhost"));
        assert!(!is_email("jane@example.com\r\nBcc: x@evil.example"));
        assert!(!is_email("<jane@example.com>"));
    }

    #[test]
    fn every_refused_field_is_reported() {
        let mut form = Form::default();
        form.email("email", "nope");
        form.required("subject", "  ", 10, "add a subject");
        form.required("description", "fine", 10, "describe it");

        let Err(ApiError::Invalid(fields)) = form.finish() else { panic!("refused") };
        let names: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(names, ["email", "subject"]);
    }
}
