//! The template language of saved replies. `{{visitor.name}}` in a body is replaced by
//! the visitor's name where the reply is inserted; `{{visitor.first_name|there}}` by
//! "there" when the name is not known. A variable with no value and no fallback stays
//! as written, so the agent sees the gap before sending. Spaces inside the braces are
//! ignored. The server refuses a body that names anything else ([`check`]); the
//! console fills one in with what it knows ([`expand`]).

use std::fmt;

closed_set! {
    /// A value a saved reply can name. In a ticket, `visitor` is the requester.
    pub enum Variable {
        VisitorName = "visitor.name",
        /// The first word of the visitor's name.
        VisitorFirstName = "visitor.first_name",
        VisitorEmail = "visitor.email",
        /// The agent inserting the reply.
        AgentName = "agent.name",
        AgentFirstName = "agent.first_name",
        /// The ticket's number, without `#`.
        TicketNumber = "ticket.number",
        TicketSubject = "ticket.subject",
    }
}

impl Variable {
    /// How a body writes it: `{{visitor.name}}`.
    pub fn placeholder(self) -> String {
        format!("{{{{{}}}}}", self.as_str())
    }
}

/// Longest fallback (`{{visitor.name|…}}`), in characters.
pub const MAX_FALLBACK_CHARS: usize = 100;

/// Why a body is not a valid template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A `{{` without `}}` after it on its line.
    Unclosed,
    /// `{{name}}` where `name` is no variable; holds the name as written.
    Unknown(String),
    /// A fallback over [`MAX_FALLBACK_CHARS`]; holds the variable's name.
    LongFallback(String),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Unclosed => {
                write!(f, "close every {{{{ with }}}} on the same line, as in {{{{visitor.name}}}}")
            }
            TemplateError::Unknown(name) => {
                let known: Vec<String> = Variable::ALL.iter().map(|variable| variable.placeholder()).collect();
                write!(f, "{{{{{name}}}}} is not a variable; use {}", known.join(", "))
            }
            TemplateError::LongFallback(name) => {
                write!(f, "keep the fallback of {{{{{name}|…}}}} to {MAX_FALLBACK_CHARS} characters")
            }
        }
    }
}

impl std::error::Error for TemplateError {}

/// What a body is filled in with where it is inserted; `None` where it is not known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    pub visitor_name: Option<String>,
    pub visitor_email: Option<String>,
    pub agent_name: Option<String>,
    pub ticket_number: Option<i64>,
    pub ticket_subject: Option<String>,
}

impl Values {
    /// The value of `variable`; `None` when it is not known or blank.
    pub fn get(&self, variable: Variable) -> Option<String> {
        fn text(value: &Option<String>) -> Option<&str> {
            value.as_deref().map(str::trim).filter(|text| !text.is_empty())
        }
        fn first_word(value: &Option<String>) -> Option<&str> {
            text(value).and_then(|text| text.split_whitespace().next())
        }
        let value = match variable {
            Variable::VisitorName => text(&self.visitor_name),
            Variable::VisitorFirstName => first_word(&self.visitor_name),
            Variable::VisitorEmail => text(&self.visitor_email),
            Variable::AgentName => text(&self.agent_name),
            Variable::AgentFirstName => first_word(&self.agent_name),
            Variable::TicketNumber => return self.ticket_number.map(|number| number.to_string()),
            Variable::TicketSubject => text(&self.ticket_subject),
        };
        value.map(str::to_owned)
    }
}

/// The first thing wrong with `body` as a template; `Ok` when every `{{…}}` names a
/// variable and every fallback fits.
pub fn check(body: &str) -> Result<(), TemplateError> {
    for part in (Parts { rest: body }) {
        match part {
            Part::Text(_) => {}
            Part::Unclosed(_) => return Err(TemplateError::Unclosed),
            Part::Placeholder { name, fallback, .. } => {
                if name.parse::<Variable>().is_err() {
                    return Err(TemplateError::Unknown(name.to_owned()));
                }
                if fallback.is_some_and(|fallback| fallback.chars().count() > MAX_FALLBACK_CHARS) {
                    return Err(TemplateError::LongFallback(name.to_owned()));
                }
            }
        }
    }
    Ok(())
}

/// `body` with each variable replaced by its value, or else its fallback; one with
/// neither, and anything [`check`] would refuse, stays as written. Values are inserted
/// as they are: a name that looks like `{{…}}` is not expanded again.
pub fn expand(body: &str, values: &Values) -> String {
    let mut expanded = String::with_capacity(body.len());
    for part in (Parts { rest: body }) {
        match part {
            Part::Text(text) | Part::Unclosed(text) => expanded.push_str(text),
            Part::Placeholder { raw, name, fallback } => {
                let value = name.parse::<Variable>().ok().and_then(|variable| values.get(variable));
                match (value, fallback) {
                    (Some(value), _) => expanded.push_str(&value),
                    (None, Some(fallback)) => expanded.push_str(fallback),
                    (None, None) => expanded.push_str(raw),
                }
            }
        }
    }
    expanded
}

/// A piece of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part<'a> {
    Text(&'a str),
    /// `{{` with no `}}` after it on its line.
    Unclosed(&'a str),
    /// `{{name|fallback}}`: `raw` is all of it; `name` and `fallback` are trimmed.
    Placeholder {
        raw: &'a str,
        name: &'a str,
        fallback: Option<&'a str>,
    },
}

/// The pieces of a body, in order.
struct Parts<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Parts<'a> {
    type Item = Part<'a>;

    fn next(&mut self) -> Option<Part<'a>> {
        if self.rest.is_empty() {
            return None;
        }
        let Some(open) = self.rest.find("{{") else {
            return Some(Part::Text(std::mem::take(&mut self.rest)));
        };
        if open > 0 {
            let (text, rest) = self.rest.split_at(open);
            self.rest = rest;
            return Some(Part::Text(text));
        }
        let (braces, inside) = self.rest.split_at(2);
        let close = inside.find("}}").filter(|&close| !inside[..close].contains('\n'));
        let Some(close) = close else {
            self.rest = inside;
            return Some(Part::Unclosed(braces));
        };
        let raw = &self.rest[..close + 4];
        let (name, fallback) = match inside[..close].split_once('|') {
            Some((name, fallback)) => (name.trim(), Some(fallback.trim())),
            None => (inside[..close].trim(), None),
        };
        self.rest = &inside[close + 2..];
        Some(Part::Placeholder { raw, name, fallback })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            visitor_name: Some("Priya Raman".into()),
            visitor_email: Some("priya@example.com".into()),
            agent_name: Some("Ada Lovelace".into()),
            ticket_number: Some(1042),
            ticket_subject: Some("Refund for order 7".into()),
        }
    }

    #[test]
    fn every_variable_is_filled_in() {
        let body = "Hi {{visitor.name}} ({{visitor.first_name}}, {{visitor.email}}), {{agent.name}} \
                    ({{agent.first_name}}) on #{{ticket.number}}: {{ticket.subject}}";
        assert_eq!(check(body), Ok(()));
        assert_eq!(
            expand(body, &values()),
            "Hi Priya Raman (Priya, priya@example.com), Ada Lovelace (Ada) on #1042: Refund for order 7"
        );
        assert_eq!(Variable::ALL.len(), 7, "the body above names every variable");
    }

    #[test]
    fn a_missing_value_takes_the_fallback_or_stays_as_written() {
        let none = Values { agent_name: Some("Ada".into()), ..Values::default() };
        let body = "Hi {{ visitor.first_name | there }}, {{agent.first_name}} here about #{{ticket.number}}.{{visitor.email|}}";
        assert_eq!(check(body), Ok(()));
        assert_eq!(expand(body, &none), "Hi there, Ada here about #{{ticket.number}}.");
        let blank = Values { visitor_name: Some("  ".into()), ..Values::default() };
        assert_eq!(expand("Hi {{visitor.name|there}}", &blank), "Hi there");
    }

    #[test]
    fn unknown_variables_unclosed_braces_and_long_fallbacks_are_refused() {
        assert_eq!(check("Hi {{visitor.nmae}}"), Err(TemplateError::Unknown("visitor.nmae".into())));
        assert_eq!(check("Hi {{}}"), Err(TemplateError::Unknown(String::new())));
        assert_eq!(check("Hi {{visitor.name"), Err(TemplateError::Unclosed));
        assert_eq!(check("Hi {{visitor.name\n}}"), Err(TemplateError::Unclosed));
        let long = format!("{{{{visitor.name|{}}}}}", "x".repeat(MAX_FALLBACK_CHARS + 1));
        assert_eq!(check(&long), Err(TemplateError::LongFallback("visitor.name".into())));
        let fits = format!("{{{{visitor.name|{}}}}}", "x".repeat(MAX_FALLBACK_CHARS));
        assert_eq!(check(&fits), Ok(()));
        let message = TemplateError::Unknown("order.id".into()).to_string();
        assert!(message.starts_with("{{order.id}} is not a variable; use {{visitor.name}}, "), "{message}");
    }

    #[test]
    fn text_without_variables_and_odd_braces_come_through_unchanged() {
        for body in ["Plain text, { single } braces, a } and }}.", "Ünïcode ✓\nsecond line", ""] {
            assert_eq!(check(body), Ok(()));
            assert_eq!(expand(body, &values()), body);
        }
        // What the server refuses is still expanded without losing anything.
        assert_eq!(expand("{{nope}} and {{visitor.first_name", &values()), "{{nope}} and {{visitor.first_name");
        assert_eq!(expand("{{visitor.first_name}}}", &values()), "Priya}");
    }

    #[test]
    fn values_are_inserted_as_they_are() {
        let tricky = Values { visitor_name: Some("{{agent.name}}".into()), ..values() };
        assert_eq!(expand("Hi {{visitor.name}}", &tricky), "Hi {{agent.name}}");
    }
}
