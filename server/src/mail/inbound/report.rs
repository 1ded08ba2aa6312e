//! Delivery-status notifications (RFC 3464): which message bounced, for whom, and why.
//!
//! A notification is a `multipart/report; report-type=delivery-status` with a part for
//! people, a `message/delivery-status` part of header-like fields (one group for the
//! message, then one group per recipient), and the original message or just its headers
//! (`message/rfc822` or `text/rfc822-headers`). The internationalised forms of RFC 6533
//! (`message/global-delivery-status`, `message/global-headers`) are read the same way.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::{MailKind, bracketed_id};

/// The bounce a message reports, or `None` when it is not a `multipart/report` with a
/// delivery-status part. A bounce forwarded by a person is an attachment inside their
/// message, not a report, so it stays a person's mail.
pub(super) fn delivery_status(message: &mail_parser::Message<'_>) -> Option<MailKind> {
    let root = message.parts.first()?;
    if !is_type(root, "multipart", &["report"]) {
        return None;
    }
    let status_part =
        message.parts.iter().find(|part| is_type(part, "message", &["delivery-status", "global-delivery-status"]))?;
    let fields = String::from_utf8_lossy(status_part.contents());
    let groups = field_groups(&fields);
    // The first group describes the message; the rest describe one recipient each.
    let recipients = groups.get(1..).unwrap_or_default();
    let recipient = recipients
        .iter()
        .find(|group| field(group, "Action").is_some_and(|action| action.eq_ignore_ascii_case("failed")))
        .or_else(|| recipients.first());

    let action = recipient.and_then(|group| field(group, "Action")).map(str::to_ascii_lowercase);
    let status = recipient
        .and_then(|group| field(group, "Status"))
        .and_then(|status| status.split_whitespace().next())
        .map(str::to_owned);
    let failed_recipient = recipient
        .and_then(|group| field(group, "Final-Recipient").or_else(|| field(group, "Original-Recipient")))
        .map(address_of);
    let permanent = action.as_deref() == Some("failed") || status.as_deref().is_some_and(|s| s.starts_with('5'));
    Some(MailKind::Bounce { original_message_id: original_message_id(message), failed_recipient, status, permanent })
}

/// The Message-ID of the returned message or headers.
fn original_message_id(message: &mail_parser::Message<'_>) -> Option<String> {
    message.parts.iter().find_map(|part| {
        if let PartType::Message(original) = &part.body {
            return original.message_id().and_then(bracketed_id);
        }
        if is_type(part, "text", &["rfc822-headers"]) || is_type(part, "message", &["rfc822-headers", "global-headers"])
        {
            let headers = MessageParser::default().parse_headers(part.contents())?;
            return headers.message_id().and_then(bracketed_id);
        }
        None
    })
}

fn is_type(part: &mail_parser::MessagePart<'_>, type_: &str, subtypes: &[&str]) -> bool {
    part.content_type().is_some_and(|content_type| {
        content_type.ctype().eq_ignore_ascii_case(type_)
            && content_type.subtype().is_some_and(|subtype| subtypes.iter().any(|s| subtype.eq_ignore_ascii_case(s)))
    })
}

/// The fields of a delivery-status body as groups of (name, value), split at blank lines,
/// with folded lines joined.
fn field_groups(text: &str) -> Vec<Vec<(&str, String)>> {
    let mut groups = Vec::new();
    let mut current: Vec<(&str, String)> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                groups.push(std::mem::take(&mut current));
            }
        } else if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = current.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            current.push((name.trim(), value.trim().to_owned()));
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

fn field<'a>(group: &'a [(&str, String)], name: &str) -> Option<&'a str> {
    group.iter().find(|(field, _)| field.eq_ignore_ascii_case(name)).map(|(_, value)| value.as_str())
}

/// `rfc822; jane@example.net` as `jane@example.net`.
fn address_of(value: &str) -> String {
    let address = value.split_once(';').map_or(value, |(_, address)| address);
    address.trim().trim_start_matches('<').trim_end_matches('>').to_owned()
}
