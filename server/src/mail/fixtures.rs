//! The raw fixtures in `tests/fixtures/mail/`, read end to end: a top-posted reply as
//! Gmail, Outlook and Apple Mail write it, inline answers as Thunderbird writes them in
//! plain text and in HTML, a mutt reply posted below the quote, a reply that is nothing
//! but quotes, an out-of-office reply, a bounce and a new request. Each reply must thread
//! (by reply token and by In-Reply-To) and come down to exactly the customer's new words,
//! with every word they typed kept.

use super::*;

type TestResult = std::result::Result<(), Box<dyn std::error::Error>>;

/// The secret the fixtures' reply tokens were signed with (see the fixtures' README).
const FIXTURE_SECRET: &[u8] = b"helpline fixture secret: not for production use";
const SUPPORT: &str = "support@helpline.example";

const GMAIL_REPLY: &[u8] = include_bytes!("../../../tests/fixtures/mail/gmail-reply.eml");
const OUTLOOK_REPLY: &[u8] = include_bytes!("../../../tests/fixtures/mail/outlook-reply.eml");
const APPLE_MAIL_REPLY: &[u8] = include_bytes!("../../../tests/fixtures/mail/apple-mail-reply.eml");
const OUT_OF_OFFICE: &[u8] = include_bytes!("../../../tests/fixtures/mail/out-of-office.eml");
const BOUNCE: &[u8] = include_bytes!("../../../tests/fixtures/mail/bounce.eml");
const NEW_REQUEST: &[u8] = include_bytes!("../../../tests/fixtures/mail/new-request.eml");
const THUNDERBIRD_INLINE_REPLY: &[u8] = include_bytes!("../../../tests/fixtures/mail/thunderbird-inline-reply.eml");
const THUNDERBIRD_HTML_INLINE_REPLY: &[u8] =
    include_bytes!("../../../tests/fixtures/mail/thunderbird-html-inline-reply.eml");
const MUTT_BOTTOM_REPLY: &[u8] = include_bytes!("../../../tests/fixtures/mail/mutt-bottom-reply.eml");
const QUOTES_ONLY_REPLY: &[u8] = include_bytes!("../../../tests/fixtures/mail/quotes-only-reply.eml");

const ALL: [(&str, &[u8]); 10] = [
    ("gmail-reply", GMAIL_REPLY),
    ("outlook-reply", OUTLOOK_REPLY),
    ("apple-mail-reply", APPLE_MAIL_REPLY),
    ("out-of-office", OUT_OF_OFFICE),
    ("bounce", BOUNCE),
    ("new-request", NEW_REQUEST),
    ("thunderbird-inline-reply", THUNDERBIRD_INLINE_REPLY),
    ("thunderbird-html-inline-reply", THUNDERBIRD_HTML_INLINE_REPLY),
    ("mutt-bottom-reply", MUTT_BOTTOM_REPLY),
    ("quotes-only-reply", QUOTES_ONLY_REPLY),
];

/// The ticket a message's recipients point at, checked with the fixture secret.
fn reply_target(mail: &InboundMail) -> Result<Option<ReplyTarget>, ReplyAddressError> {
    let signer = ReplyAddress::new(FIXTURE_SECRET, SUPPORT)?;
    Ok(mail.recipients.iter().find_map(|recipient| signer.parse(recipient)))
}

#[test]
fn fixture_tokens_are_the_ones_the_fixture_secret_signs() -> TestResult {
    let signer = ReplyAddress::new(FIXTURE_SECRET, SUPPORT)?;
    for (ticket_id, address) in [
        (1001, "support+w7.t1001.ipi7tu5i2jf4kssfl42t7lfe@helpline.example"),
        (1002, "support+w7.t1002.jkugd5ga44nq5onm9ujkh7tn@helpline.example"),
        (1003, "support+w7.t1003.9te8cedkhae664ga0fos9o4s@helpline.example"),
        (1004, "support+w7.t1004.r73pfi41scpk8q8ij4oko1lc@helpline.example"),
        (1005, "support+w7.t1005.hvi06bt4574ijg6av13clur3@helpline.example"),
    ] {
        assert_eq!(signer.address_for(7, ticket_id), address);
    }
    Ok(())
}

#[test]
fn gmail_reply_threads_and_keeps_only_the_new_words() -> TestResult {
    let mail = InboundMail::parse(GMAIL_REPLY)?;
    assert_eq!(mail.from, Some(Mailbox::new("Priya Raman", "priya.raman@example.com")));
    assert_eq!(reply_target(&mail)?, Some(ReplyTarget { workspace_id: 7, ticket_id: 1001 }));
    let ack = "<ticket-1001-6f1c2a9e-8b3d-4c57-a1e0-93d4b7f25c18@helpline.example>";
    assert_eq!(mail.in_reply_to, [ack]);
    assert_eq!(mail.references, [ack]);
    assert_eq!(mail.message_id.as_deref(), Some("<CAK8wJ3nR6f=Yx0pD2Vq+7uLmZb4sTqE9aHc1oWv5XyK3gN2rQ@mail.gmail.com>"));
    assert_eq!(mail.subject, "Re: [#1001] Cannot export invoices to CSV");
    assert_eq!(mail.kind, MailKind::Human);
    assert_eq!(
        mail.new_text,
        "Hi,\n\n\
         Thanks for the quick reply. I tried the export again from Settings → Billing and it still stops at 99%. \
         The browser console says \"export_worker timed out\".\n\n\
         My colleague wrote a small script against the API instead, and that export finishes fine, so it seems to be \
         only the button.\n\n\
         Is there anything else I can try?\n\n\
         Priya"
    );
    assert!(mail.text.contains("> We usually reply within 8 working hours."));
    Ok(())
}

#[test]
fn outlook_reply_threads_and_keeps_only_the_new_words() -> TestResult {
    let mail = InboundMail::parse(OUTLOOK_REPLY)?;
    assert_eq!(mail.from, Some(Mailbox::new("Tomás Okafor", "tomas.okafor@example.net")));
    assert_eq!(reply_target(&mail)?, Some(ReplyTarget { workspace_id: 7, ticket_id: 1002 }));
    let ack = "<ticket-1002-0b7e4d21-9a6c-4f83-b5d2-17c8e3a9f640@helpline.example>";
    let agent_reply = "<ticket-1002-c41d9e07-2f5a-4b68-8e13-6a0f7b2d95c4@helpline.example>";
    assert_eq!(mail.in_reply_to, [agent_reply]);
    assert_eq!(mail.references, [ack, agent_reply]);
    assert_eq!(mail.kind, MailKind::Human);
    assert_eq!(
        mail.new_text,
        "Hello Sam,\n\n\
         Thanks, the totals on the invoices we created this morning are correct now. Could you also add our VAT \
         number to the invoice header? Our accountant needs it from next month.\n\n\
         Kind regards,\nTomás Okafor\nFinance, Northwind Traders"
    );
    Ok(())
}

#[test]
fn apple_mail_reply_threads_and_keeps_only_the_new_words() -> TestResult {
    let mail = InboundMail::parse(APPLE_MAIL_REPLY)?;
    assert_eq!(mail.from, Some(Mailbox::new("Hannah Lindqvist", "hannah.lindqvist@example.net")));
    assert_eq!(reply_target(&mail)?, Some(ReplyTarget { workspace_id: 7, ticket_id: 1003 }));
    let ack = "<ticket-1003-5e2a7c90-1d4b-4f6e-9a83-c07b2e9d41f6@helpline.example>";
    let agent_reply = "<ticket-1003-a8f3160d-7c2e-4b95-81d4-3e6f0c2b7a59@helpline.example>";
    assert_eq!(mail.in_reply_to, [agent_reply]);
    assert_eq!(mail.references, [ack, agent_reply]);
    assert_eq!(mail.kind, MailKind::Human);
    // format=flowed is undone: the wrapped sentences are whole lines again.
    assert_eq!(
        mail.new_text,
        "Hi Sam,\n\n\
         That was it: our staging site sends a Content-Security-Policy header that blocks the iframe. \
         After adding helpline.example to frame-src the widget loads.\n\n\
         Do you have a list of all the domains we should allow?\n\n\
         Thanks,\nHannah"
    );
    Ok(())
}

/// The reply token and In-Reply-To of a reply to ticket 1005, whose agent message it answers.
fn assert_threads_into_1005(mail: &InboundMail, agent_message: &str) -> TestResult {
    assert_eq!(mail.from, Some(Mailbox::new("Dmitri Vasquez", "dmitri.vasquez@example.org")));
    assert_eq!(reply_target(mail)?, Some(ReplyTarget { workspace_id: 7, ticket_id: 1005 }));
    assert_eq!(mail.in_reply_to, [format!("<ticket-1005-{agent_message}@helpline.example>")]);
    assert_eq!(mail.kind, MailKind::Human);
    Ok(())
}

#[test]
fn thunderbird_inline_answers_are_kept_with_their_questions() -> TestResult {
    let mail = InboundMail::parse(THUNDERBIRD_INLINE_REPLY)?;
    assert_threads_into_1005(&mail, "8c41e2b7-53d0-4a9f-b6e8-71f2c09a4d3e")?;
    // The answers stay between the questions they answer; the greeting, the sign-off
    // quoted below the last answer and the signature go.
    assert_eq!(
        mail.new_text,
        "Hi Sam, my answers are inline below.\n\n\
         On 05/11/2026 09:14, Acme Support wrote:\n\
         > Hello Dmitri,\n\
         >\n\
         > Thanks for the details. A few questions so we can narrow this down.\n\
         >\n\
         > Which signing secret does your endpoint check against: the one shown under Settings → Webhooks, \
         or one you saved earlier?\n\n\
         The one under Settings → Webhooks. I copied it again this morning to be sure, and the failures continued.\n\n\
         > Does it happen for every event type, or only for some?\n\n\
         Only for ticket.updated. The ticket.created deliveries arrive and verify fine."
    );
    Ok(())
}

#[test]
fn thunderbird_html_answers_between_blockquotes_are_kept() -> TestResult {
    let mail = InboundMail::parse(THUNDERBIRD_HTML_INLINE_REPLY)?;
    assert_threads_into_1005(&mail, "f5b2d806-3e9a-4c17-a0d4-92c6e8b71f3a")?;
    assert_eq!(
        mail.new_text,
        "Hi Sam,\n\
         answers below, between your questions.\n\n\
         > On 06/11/2026 08:02, Acme Support wrote:\n\
         > Could you send us the request id of one failed delivery from the delivery log?\n\
         Here is one: req_7Hq2Lm9Xw4. It failed at 08:51 UTC today.\n\
         > And is your endpoint behind a proxy that might change the body?\n\
         Yes, there is nginx in front of it, but it only terminates TLS & passes the body through untouched."
    );
    Ok(())
}

#[test]
fn mutt_bottom_posted_reply_keeps_the_words_below_the_quote() -> TestResult {
    let mail = InboundMail::parse(MUTT_BOTTOM_REPLY)?;
    assert_threads_into_1005(&mail, "0e6d9b24-7a1c-4f38-85e0-c3b47f2a9d61")?;
    assert_eq!(
        mail.new_text,
        "They verify now, for every event type. Thanks for tracking it down so\nquickly.\n\nYou can close the ticket."
    );
    Ok(())
}

#[test]
fn reply_of_nothing_but_quotes_has_no_new_words() -> TestResult {
    let mail = InboundMail::parse(QUOTES_ONLY_REPLY)?;
    assert_threads_into_1005(&mail, "b93e07c1-2f6d-4a58-9c14-e8a05d7b63f2")?;
    assert_eq!(mail.new_text, "");
    // The ticket then shows the whole text rather than nothing (`tickets::inbound`).
    assert!(mail.text.contains("> We have closed ticket #1005."), "{:?}", mail.text);
    Ok(())
}

#[test]
fn out_of_office_reply_is_an_auto_reply() -> TestResult {
    let mail = InboundMail::parse(OUT_OF_OFFICE)?;
    assert_eq!(mail.kind, MailKind::AutoReply);
    assert_eq!(mail.from, Some(Mailbox::new("Priya Raman", "priya.raman@example.com")));
    assert_eq!(mail.in_reply_to, ["<ticket-1001-6f1c2a9e-8b3d-4c57-a1e0-93d4b7f25c18@helpline.example>"]);
    assert_eq!(reply_target(&mail)?, None);
    Ok(())
}

#[test]
fn bounce_names_the_original_message_and_the_failed_recipient() -> TestResult {
    let mail = InboundMail::parse(BOUNCE)?;
    assert_eq!(
        mail.kind,
        MailKind::Bounce {
            original_message_id: Some("<ticket-1004-93c0e6b2-4a1f-4d7e-b852-f1a96d3c0e47@helpline.example>".into()),
            failed_recipient: Some("m.chen@example.net".into()),
            status: Some("5.1.1".into()),
            permanent: true,
        }
    );
    assert!(mail.text.starts_with("This is the mail system at host smtp.helpline.example."), "{:?}", mail.text);
    // The bounce is addressed to the plain support address; it threads by the original's id.
    assert_eq!(reply_target(&mail)?, None);
    Ok(())
}

#[test]
fn new_request_is_human_without_threading_headers() -> TestResult {
    let mail = InboundMail::parse(NEW_REQUEST)?;
    assert_eq!(mail.kind, MailKind::Human);
    assert_eq!(mail.from, Some(Mailbox::new("Olu Adeyemi", "olu.adeyemi@example.com")));
    assert_eq!(mail.recipients, [SUPPORT]);
    assert!(mail.in_reply_to.is_empty() && mail.references.is_empty());
    assert_eq!(reply_target(&mail)?, None);
    assert_eq!(mail.subject, "Can't add a second admin to our workspace");
    assert_eq!(
        mail.new_text,
        "Hello,\n\n\
         I'm trying to give my colleague admin rights in our workspace, but the \"Make admin\" button is greyed out \
         for everyone except me. We are on the Team plan.\n\n\
         How can I add a second admin?\n\n\
         Thanks,\nOlu"
    );
    Ok(())
}

#[test]
fn composed_reply_threads_back_into_its_ticket() -> TestResult {
    let signer = ReplyAddress::new(FIXTURE_SECRET, SUPPORT)?;
    let customer = InboundMail::parse(GMAIL_REPLY)?;
    let customer_id = customer.message_id.clone().ok_or("the fixture has a Message-ID")?;
    let mut references = customer.references.clone();
    references.push(customer_id.clone());
    let answer = OutgoingMail {
        cc: Vec::new(),
        attachments: Vec::new(),
        from: Mailbox::new("Acme Support", SUPPORT),
        to: customer.from.clone().ok_or("the fixture has a From")?,
        reply_to: Some(signer.address_for(7, 1001)),
        subject: customer.subject.clone(),
        text: "Hi Priya,\n\nplease try again now.\n".into(),
        message_id: message_id("helpline.example", "ticket-1001-7d2e"),
        in_reply_to: Some(customer_id.clone()),
        references: references.clone(),
        automatic: false,
        date: 1_793_800_000_000,
    };
    let parsed = InboundMail::parse(&answer.to_bytes()?)?;
    assert_eq!(parsed.message_id.as_deref(), Some("<ticket-1001-7d2e@helpline.example>"));
    assert_eq!(parsed.in_reply_to, [customer_id]);
    assert_eq!(parsed.references, references);
    assert_eq!(parsed.recipients, ["priya.raman@example.com"]);
    assert_eq!(parsed.kind, MailKind::Human);
    Ok(())
}

#[test]
fn every_truncation_of_every_fixture_parses_or_fails_cleanly() {
    for (name, raw) in ALL {
        for end in 0..=raw.len() {
            if let Ok(mail) = InboundMail::parse(&raw[..end]) {
                let ids = mail.message_id.iter().chain(&mail.in_reply_to).chain(&mail.references);
                assert!(ids.into_iter().all(|id| compose::is_valid_message_id(id)), "{name} cut at {end}");
            }
        }
    }
}
