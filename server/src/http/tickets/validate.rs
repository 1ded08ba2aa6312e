//! The one set of field rules every way into a ticket shares (the console, the
//! messenger's "Email us", host backends): each refused field gets a message a person
//! can act on, in the request's language, and all of them are reported at once. A field has the same limit
//! wherever it comes from; requester names, host ids and attributes follow the limits
//! of a chat identity (`protocol::limits`), since a handed-off chat carries them too.

use protocol::FieldError;
use protocol::limits::{MAX_IDENTITY_ATTRIBUTES, MAX_IDENTITY_CHARS};
use protocol::tickets::{MAX_PAGE_ERROR_CHARS, MAX_PAGE_ERRORS};
use protocol::tickets::{Requester, TicketContext, TicketDetails};

use super::convert;
use crate::error::ApiError;
use crate::language::say_with;
use crate::mail::is_email;
use i18n::Arg;

/// Longest subject kept.
pub const MAX_SUBJECT_CHARS: usize = 200;
/// Longest description, reply or note kept.
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Longest detail field kept.
pub const MAX_DETAIL_CHARS: usize = 5_000;
/// Tags a ticket carries at most, and the longest tag.
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 50;
/// Longest page URL kept, in bytes (as for a chat's `context` frame).
pub const MAX_PAGE_URL_BYTES: usize = 2_048;
/// Longest browser description kept.
pub const MAX_USER_AGENT_CHARS: usize = 512;

/// Collects field errors.
#[derive(Debug, Default)]
pub struct Form {
    errors: Vec<FieldError>,
}

/// A requester's fields, trimmed, blank ones left out.
#[derive(Debug, Clone, Copy)]
pub struct RequesterFields<'a> {
    pub email: &'a str,
    pub name: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub company_id: Option<&'a str>,
}

impl Form {
    /// Refuses `field` with refusal `id` of the errors catalog, in the request's
    /// language (`crate::language`).
    pub fn refuse(&mut self, field: &str, id: &str) {
        self.refuse_with(field, id, &[]);
    }

    /// Refuses `field` with refusal `id` and its variables.
    pub fn refuse_with(&mut self, field: &str, id: &str, args: &[(&str, Arg<'_>)]) {
        self.errors.push(FieldError { field: field.to_owned(), message: say_with(id, args) });
    }

    /// A required text, trimmed, at most `max` characters; `missing` is the refusal
    /// that says what belongs in it.
    pub fn required<'a>(&mut self, field: &str, value: &'a str, max: usize, missing: &str) -> &'a str {
        let value = value.trim();
        if value.is_empty() {
            self.refuse(field, missing);
        } else if value.chars().count() > max {
            self.refuse_with(field, "too-long", &[("max", max.into())]);
        }
        value
    }

    /// An optional text, trimmed; None when blank.
    pub fn optional<'a>(&mut self, field: &str, value: Option<&'a str>, max: usize) -> Option<&'a str> {
        let value = value.map(str::trim).filter(|value| !value.is_empty())?;
        if value.chars().count() > max {
            self.refuse_with(field, "too-long", &[("max", max.into())]);
        }
        Some(value)
    }

    /// The host page's errors a visitor agreed to send: at most `MAX_PAGE_ERRORS`, each
    /// at most `MAX_PAGE_ERROR_CHARS` characters.
    pub fn page_errors(&mut self, field: &str, errors: &[String]) {
        if errors.len() > MAX_PAGE_ERRORS {
            self.refuse_with(field, "page-errors-too-many", &[("max", MAX_PAGE_ERRORS.into())]);
        } else if errors.iter().any(|error| error.chars().count() > MAX_PAGE_ERROR_CHARS) {
            self.refuse_with(field, "page-errors-too-long", &[("max", MAX_PAGE_ERROR_CHARS.into())]);
        }
    }

    /// An email address, trimmed.
    pub fn email<'a>(&mut self, field: &str, value: &'a str) -> &'a str {
        let value = value.trim();
        if value.is_empty() {
            self.refuse(field, "email-missing");
        } else if !is_email(value) {
            self.refuse(field, "email-invalid");
        }
        value
    }

    /// A person's name or a host application's id: one line of printable text, as
    /// long as a chat identity's fields may be.
    pub fn label<'a>(&mut self, field: &str, value: Option<&'a str>) -> Option<&'a str> {
        let value = value.map(str::trim).filter(|value| !value.is_empty())?;
        if value.chars().count() > MAX_IDENTITY_CHARS || value.chars().any(char::is_control) {
            self.refuse_with(field, "one-line", &[("max", MAX_IDENTITY_CHARS.into())]);
        }
        Some(value)
    }

    /// Who a ticket is for: an address mail can go to, a name and the host's ids.
    /// Fields are named `{prefix}.email` and so on.
    pub fn requester<'a>(&mut self, prefix: &str, requester: &'a Requester) -> RequesterFields<'a> {
        RequesterFields {
            email: self.email(&format!("{prefix}.email"), &requester.email),
            name: self.label(&format!("{prefix}.name"), requester.name.as_deref()),
            user_id: self.label(&format!("{prefix}.user_id"), requester.user_id.as_deref()),
            company_id: self.label(&format!("{prefix}.company_id"), requester.company_id.as_deref()),
        }
    }

    /// Tags: at most `MAX_TAGS`, each at most `MAX_TAG_CHARS`.
    pub fn tags(&mut self, field: &str, tags: &[String]) {
        if tags.len() > MAX_TAGS || tags.iter().any(|tag| tag.trim().chars().count() > MAX_TAG_CHARS) {
            self.refuse_with(field, "tags-invalid", &[("tags", MAX_TAGS.into()), ("max", MAX_TAG_CHARS.into())]);
        }
    }

    /// Engineering details: each at most `MAX_DETAIL_CHARS`.
    pub fn details(&mut self, details: &TicketDetails) {
        let value = convert::details_in(details);
        for (key, text) in value.as_object().into_iter().flatten() {
            self.optional(&format!("details.{key}"), text.as_str(), MAX_DETAIL_CHARS);
        }
    }

    /// A page URL: http or https, at most `MAX_PAGE_URL_BYTES`.
    pub fn page_url<'a>(&mut self, field: &str, value: Option<&'a str>) -> Option<&'a str> {
        let value = value.map(str::trim).filter(|value| !value.is_empty())?;
        let web = url::Url::parse(value).is_ok_and(|url| matches!(url.scheme(), "http" | "https"));
        if value.len() > MAX_PAGE_URL_BYTES || !web {
            self.refuse_with(field, "page-url-invalid", &[("max", MAX_PAGE_URL_BYTES.into())]);
        }
        Some(value)
    }

    /// Host-supplied attributes: at most `MAX_IDENTITY_ATTRIBUTES` pairs, each name
    /// given, names and values one line of at most `MAX_IDENTITY_CHARS`.
    pub fn attributes(&mut self, field: &str, attributes: &[(String, String)]) {
        let fits =
            |text: &str| text.trim().chars().count() <= MAX_IDENTITY_CHARS && !text.chars().any(char::is_control);
        if attributes.len() > MAX_IDENTITY_ATTRIBUTES {
            self.refuse_with(field, "attributes-too-many", &[("max", MAX_IDENTITY_ATTRIBUTES.into())]);
        } else if attributes.iter().any(|(name, value)| name.trim().is_empty() || !fits(name) || !fits(value)) {
            self.refuse_with(field, "attributes-invalid", &[("max", MAX_IDENTITY_CHARS.into())]);
        }
    }

    /// The page, browser and attributes a host backend sends, named `{prefix}.…`.
    pub fn context(&mut self, prefix: &str, context: &TicketContext) {
        self.page_url(&format!("{prefix}.page_url"), context.page_url.as_deref());
        self.optional(&format!("{prefix}.user_agent"), context.user_agent.as_deref(), MAX_USER_AGENT_CHARS);
        self.attributes(&format!("{prefix}.attributes"), &context.attributes);
    }

    /// Ok when nothing was refused.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() { Ok(()) } else { Err(ApiError::Invalid(self.errors)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(form: Form) -> Vec<String> {
        match form.finish() {
            Ok(()) => Vec::new(),
            Err(ApiError::Invalid(fields)) => fields.into_iter().map(|f| f.field).collect(),
            Err(other) => panic!("unexpected {other:?}"),
        }
    }

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
        form.required("subject", "  ", 10, "missing-subject");
        form.required("description", "fine", 10, "missing-description");
        assert_eq!(refused(form), ["email", "subject"]);
    }

    #[test]
    fn tags_attributes_and_pages_have_one_limit_each() {
        let mut form = Form::default();
        form.tags("tags", &(0..=MAX_TAGS).map(|n| format!("t{n}")).collect::<Vec<_>>());
        form.tags("long_tag", &["x".repeat(MAX_TAG_CHARS + 1)]);
        form.tags("fine_tags", &["vip".to_owned(), "x".repeat(MAX_TAG_CHARS)]);
        let many: Vec<(String, String)> =
            (0..=MAX_IDENTITY_ATTRIBUTES).map(|n| (format!("k{n}"), "v".into())).collect();
        form.attributes("many", &many);
        form.attributes("unnamed", &[(" ".into(), "v".into())]);
        form.attributes("two_lines", &[("plan".into(), "pro\nenterprise".into())]);
        form.attributes("fine_attributes", &[("plan".into(), "x".repeat(MAX_IDENTITY_CHARS))]);
        form.page_url("script", Some("javascript:alert(1)"));
        form.page_url("fine_page", Some("https://app.example/billing"));
        form.label("name", Some(&"n".repeat(MAX_IDENTITY_CHARS + 1)));
        assert_eq!(refused(form), ["tags", "long_tag", "many", "unnamed", "two_lines", "script", "name"]);
    }
}
