//! Outgoing messages: their headers, threading, automatic-mail markers, and that no field
//! can inject a header. Each message is parsed back with mail-parser, as a client would.

use mail_parser::{Message, MessageParser, MimeHeaders};

use super::*;

type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// 2026-11-03 10:00:00 UTC.
const TUESDAY_10AM: i64 = 1_793_700_000_000;

fn acknowledgement() -> OutgoingMail {
    OutgoingMail {
        cc: Vec::new(),
        attachments: Vec::new(),
        from: Mailbox::new("Acme Support", "support@helpline.example"),
        to: Mailbox::new("Priya Raman", "priya.raman@example.com"),
        reply_to: Some("support+w7.t1001.ipi7tu5i2jf4kssfl42t7lfe@helpline.example".into()),
        subject: "[#1001] Cannot export invoices to CSV".into(),
        text: "Hello Priya,\n\nWe have opened ticket #1001.\nGrüße from the team.\n".into(),
        message_id: message_id("helpline.example", "ticket-1001-6f1c2a9e"),
        in_reply_to: Some("<CAK8wJ3n@mail.gmail.com>".into()),
        references: vec!["<CAK8wJ3n@mail.gmail.com>".into()],
        automatic: true,
        date: TUESDAY_10AM,
    }
}

fn parse(bytes: &[u8]) -> Result<Message<'_>, &'static str> {
    MessageParser::default().parse(bytes).ok_or("unparseable")
}

/// The names of the message's top-level header fields, lowercase, in order.
fn header_names(message: &Message<'_>) -> Vec<String> {
    message.headers().iter().map(|header| header.name().to_ascii_lowercase()).collect()
}

/// The header section of the raw bytes: every line must be a field or a continuation.
fn assert_well_formed_header_section(bytes: &[u8]) -> TestResult {
    let text = std::str::from_utf8(bytes)?;
    let (head, _) = text.split_once("\r\n\r\n").ok_or("no blank line after the headers")?;
    for line in head.split("\r\n") {
        let continuation = line.starts_with([' ', '\t']);
        let field = line.split_once(':').is_some_and(|(name, _)| {
            !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        });
        assert!(continuation || field, "not a header line: {line:?}");
        assert!(line.len() <= 998, "line too long: {} octets", line.len());
        assert!(!line.contains('\r') && !line.contains('\n'));
    }
    Ok(())
}

#[test]
fn acknowledgement_has_every_header_clients_need() -> TestResult {
    let bytes = acknowledgement().to_bytes()?;
    let message = parse(&bytes)?;
    let from = message.from().and_then(|from| from.first()).ok_or("no From")?;
    assert_eq!((from.name(), from.address()), (Some("Acme Support"), Some("support@helpline.example")));
    let to = message.to().and_then(|to| to.first()).ok_or("no To")?;
    assert_eq!((to.name(), to.address()), (Some("Priya Raman"), Some("priya.raman@example.com")));
    let reply_to = message.reply_to().and_then(|reply_to| reply_to.first()).ok_or("no Reply-To")?;
    assert_eq!(reply_to.address(), Some("support+w7.t1001.ipi7tu5i2jf4kssfl42t7lfe@helpline.example"));
    assert_eq!(message.subject(), Some("[#1001] Cannot export invoices to CSV"));
    assert_eq!(message.message_id(), Some("ticket-1001-6f1c2a9e@helpline.example"));
    assert_eq!(message.in_reply_to().as_text(), Some("CAK8wJ3n@mail.gmail.com"));
    assert_eq!(message.references().as_text(), Some("CAK8wJ3n@mail.gmail.com"));
    assert_eq!(message.date().map(|date| date.to_timestamp()), Some(TUESDAY_10AM / 1000));
    // lettre ends the body with one more CRLF, which is not part of the text.
    let body = message.body_text(0).ok_or("no body")?;
    assert_eq!(body.trim_end(), "Hello Priya,\r\n\r\nWe have opened ticket #1001.\r\nGrüße from the team.");
    let content_type = message.content_type().ok_or("no Content-Type")?;
    assert_eq!((content_type.ctype(), content_type.subtype()), ("text", Some("plain")));
    assert_eq!(content_type.attribute("charset"), Some("utf-8"));
    assert_well_formed_header_section(&bytes)
}

#[test]
fn automatic_mail_is_marked_against_auto_replies() -> TestResult {
    let bytes = acknowledgement().to_bytes()?;
    let message = parse(&bytes)?;
    assert_eq!(message.header_raw("Auto-Submitted").map(str::trim), Some("auto-generated"));
    assert_eq!(message.header_raw("X-Auto-Response-Suppress").map(str::trim), Some("All"));
    Ok(())
}

#[test]
fn agent_reply_is_not_marked_automatic() -> TestResult {
    let reply = OutgoingMail { automatic: false, ..acknowledgement() };
    let bytes = reply.to_bytes()?;
    let names = header_names(&parse(&bytes)?);
    assert!(!names.contains(&"auto-submitted".to_owned()), "{names:?}");
    assert!(!names.contains(&"x-auto-response-suppress".to_owned()), "{names:?}");
    Ok(())
}

#[test]
fn first_message_has_no_threading_headers() -> TestResult {
    let first = OutgoingMail { in_reply_to: None, references: Vec::new(), reply_to: None, ..acknowledgement() };
    let names = header_names(&parse(&first.to_bytes()?)?);
    for absent in ["in-reply-to", "references", "reply-to", "bcc", "cc"] {
        assert!(!names.contains(&absent.to_owned()), "{absent} in {names:?}");
    }
    Ok(())
}

#[test]
fn header_injection_through_names_and_subject_adds_no_header() -> TestResult {
    let expected = header_names(&parse(&acknowledgement().to_bytes()?)?);
    let attacks = [
        "Hello\r\nBcc: victim@example.net",
        "Hello\nBcc: victim@example.net",
        "Hello\rBcc: victim@example.net",
        "Hello\r\n\r\nInjected body",
        "Hello\u{0}\u{b}\u{c}\u{7f}\u{85}\u{2028}\u{2029}X-Injected: 1",
        "Grüße\r\nX-Injected: ünïcode",
    ];
    for attack in attacks {
        let mail = OutgoingMail {
            from: Mailbox::new(&format!("Support {attack}"), "support@helpline.example"),
            to: Mailbox::new(attack, "priya.raman@example.com"),
            subject: attack.to_owned(),
            ..acknowledgement()
        };
        let bytes = mail.to_bytes()?;
        assert_well_formed_header_section(&bytes)?;
        let message = parse(&bytes)?;
        assert_eq!(header_names(&message), expected, "{attack:?}");
        let subject = message.subject().ok_or("no Subject")?;
        assert!(!subject.chars().any(char::is_control), "{subject:?}");
        let to = message.to().and_then(|to| to.first()).ok_or("no To")?;
        assert_eq!(to.address(), Some("priya.raman@example.com"), "{attack:?}");
    }
    Ok(())
}

#[test]
fn control_characters_become_single_spaces() -> TestResult {
    let mail = OutgoingMail { subject: "Re:\r\n\tExport \u{0} failed\n".into(), ..acknowledgement() };
    assert_eq!(parse(&mail.to_bytes()?)?.subject(), Some("Re: Export failed"));
    Ok(())
}

#[test]
fn invalid_or_injected_addresses_are_refused() -> TestResult {
    let cases = [
        ("from", Mailbox::new("", "support@helpline.example\r\nBcc: victim@example.net")),
        ("to", Mailbox::new("Priya", "not an address")),
        ("to", Mailbox::new("Priya", "priya@example.com>, victim@example.net")),
        ("to", Mailbox::new("Priya", "")),
    ];
    for (field, mailbox) in cases {
        let mut mail = acknowledgement();
        if field == "from" {
            mail.from = mailbox.clone();
        } else {
            mail.to = mailbox.clone();
        }
        let Err(ComposeError::InvalidAddress { field: reported, address }) = mail.to_message() else {
            return Err(format!("{mailbox:?} was not refused as an invalid address").into());
        };
        assert_eq!((reported, address.as_str()), (field, mailbox.address.as_str()));
    }
    let mail = OutgoingMail {
        cc: Vec::new(),
        attachments: Vec::new(),
        reply_to: Some("support+x@helpline.example\nBcc: v@example.net".into()),
        ..acknowledgement()
    };
    assert!(matches!(mail.to_message(), Err(ComposeError::InvalidAddress { field: "reply_to", .. })));
    Ok(())
}

#[test]
fn invalid_message_ids_are_refused() {
    let injected = "<a@b>\r\nBcc: victim@example.net".to_owned();
    let too_long = format!("<{}@example.com>", "x".repeat(MAX_MESSAGE_ID_LEN));
    for id in ["no-brackets@example.com", "<no-at-sign>", "<with space@example.com>", "<>", &injected, &too_long] {
        let mail = OutgoingMail { message_id: id.to_owned(), ..acknowledgement() };
        assert!(matches!(mail.to_message(), Err(ComposeError::InvalidMessageId { field: "message_id", .. })), "{id}");
        let mail = OutgoingMail { in_reply_to: Some(id.to_owned()), ..acknowledgement() };
        assert!(matches!(mail.to_message(), Err(ComposeError::InvalidMessageId { field: "in_reply_to", .. })), "{id}");
        let mail = OutgoingMail { references: vec![id.to_owned()], ..acknowledgement() };
        assert!(matches!(mail.to_message(), Err(ComposeError::InvalidMessageId { field: "references", .. })), "{id}");
    }
}

#[test]
fn long_threads_keep_the_root_and_the_latest_references() -> TestResult {
    let references: Vec<String> =
        (0..30).map(|n| message_id("helpline.example", &format!("ticket-1001-{n}"))).collect();
    let mail = OutgoingMail { references: references.clone(), ..acknowledgement() };
    let bytes = mail.to_bytes()?;
    assert_well_formed_header_section(&bytes)?;
    let message = parse(&bytes)?;
    let kept: Vec<String> = message
        .references()
        .as_text_list()
        .ok_or("References is not a list")?
        .iter()
        .map(|id| format!("<{id}>"))
        .collect();
    let mut expected = vec![references[0].clone()];
    expected.extend_from_slice(&references[30 - (MAX_REFERENCES - 1)..]);
    assert_eq!(kept, expected);
    Ok(())
}

#[test]
fn body_line_that_looks_like_a_header_stays_in_the_body() -> TestResult {
    let mail = OutgoingMail { text: "Bcc: victim@example.net\n\nFrom: nobody".into(), ..acknowledgement() };
    let bytes = mail.to_bytes()?;
    let message = parse(&bytes)?;
    assert!(!header_names(&message).contains(&"bcc".to_owned()));
    assert_eq!(message.body_text(0).ok_or("no body")?.trim_end(), "Bcc: victim@example.net\r\n\r\nFrom: nobody");
    Ok(())
}

#[test]
fn bytes_use_crlf_line_endings_throughout() -> TestResult {
    let mail = OutgoingMail { text: "one\ntwo\r\nthree\rfour".into(), ..acknowledgement() };
    let bytes = mail.to_bytes()?;
    for (index, byte) in bytes.iter().enumerate() {
        if *byte == b'\n' {
            assert_eq!(bytes.get(index.wrapping_sub(1)), Some(&b'\r'), "bare LF at {index}");
        }
        if *byte == b'\r' {
            assert_eq!(bytes.get(index + 1), Some(&b'\n'), "bare CR at {index}");
        }
    }
    assert_eq!(parse(&bytes)?.body_text(0).ok_or("no body")?.trim_end(), "one\r\ntwo\r\nthree\r\nfour");
    Ok(())
}

#[test]
fn message_id_is_bracketed_and_valid() {
    let id = message_id("helpline.example", "ticket-1001-6f1c2a9e");
    assert_eq!(id, "<ticket-1001-6f1c2a9e@helpline.example>");
    assert!(is_valid_message_id(&id));
}
