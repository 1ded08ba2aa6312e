//! Email tickets' mail on both databases against a real SMTP server: agent replies that
//! thread, customer replies from Gmail, Outlook and Apple Mail landing in the right
//! ticket, inline answers and bottom-posted replies kept whole, each threading rule on its own, forged reply tokens, auto-replies that never
//! loop, bounces, the inbound secret, `helpline mail ingest`, and subject numbers that
//! thread only mail the receiving host vouches for.

use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, Backend, TestApp};
use protocol::tickets::{InboundOutcome, TicketEventKind, TicketStatus};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::{Value, json};
use server::mail::MailKind;

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_agent_reply_arrives_threaded_and_customer_replies_from_each_client_land_in_their_ticket(
    #[case] backend: Backend,
) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let fixtures: [(&str, &str, &[u8]); 3] = [
        (
            "priya.raman@example.com",
            "support+w7.t1001.ipi7tu5i2jf4kssfl42t7lfe@helpline.example",
            include_bytes!("../fixtures/mail/gmail-reply.eml"),
        ),
        (
            "tomas.okafor@example.net",
            "support+w7.t1002.jkugd5ga44nq5onm9ujkh7tn@helpline.example",
            include_bytes!("../fixtures/mail/outlook-reply.eml"),
        ),
        (
            "hannah.lindqvist@example.net",
            "support+w7.t1003.9te8cedkhae664ga0fos9o4s@helpline.example",
            include_bytes!("../fixtures/mail/apple-mail-reply.eml"),
        ),
    ];
    let mut tickets = Vec::new();
    for (email, _, _) in &fixtures {
        tickets.push(email_us(&app, &visitor, email, &format!("Question from {email}")).await);
    }
    smtp.wait_for_messages(3, WAIT).await;

    let response = agent_send(
        &app,
        &agent,
        reqwest::Method::POST,
        "/api/v1/tickets/1002/replies",
        json!({ "body": "Thanks, we are looking into it." }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CREATED);

    let mail = smtp.wait_for_messages(4, WAIT).await;
    let reply = parse(&mail[3]);
    let record = app.state.store.ticket_by_number(app.workspace.id, 1002).await.expect("load").expect("ticket");
    let ack_id = ack_message_id(&app, record.id).await;
    // The address is not proven yet, so the subject it gave is not repeated.
    assert_eq!(reply.subject, "Re: [#1002] Your request");
    assert_eq!(reply.in_reply_to, std::slice::from_ref(&ack_id), "the reply answers the acknowledgement");
    assert_eq!(reply.references, [ack_id]);
    assert_eq!(reply.kind, MailKind::Human, "a person's reply is not marked automatic");
    assert!(reply.text.contains("Thanks, we are looking into it."));
    assert_eq!(ticket_detail(&app, &agent, 1002).await.ticket.status, TicketStatus::Open, "answering takes it");

    for ((_, fixture_address, raw), ticket) in fixtures.iter().zip(&tickets) {
        let record =
            app.state.store.ticket_by_number(app.workspace.id, ticket.number).await.expect("load").expect("ticket");
        let address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
        let raw = String::from_utf8_lossy(raw).replace(fixture_address, &address);
        let expected_text = parse(raw.as_bytes()).new_text;

        let result = inbound(&app, raw.as_bytes()).await;

        assert_eq!(result.outcome, InboundOutcome::Threaded, "{fixture_address}");
        assert_eq!(result.ticket_number, Some(ticket.number));
        let detail = ticket_detail(&app, &agent, ticket.number).await;
        let last = detail.events.iter().rev().find(|e| e.kind == TicketEventKind::CustomerReply).expect("reply");
        assert_eq!(last.body.as_deref(), Some(expected_text.trim()));
        assert!(!expected_text.contains("\n>"), "quoted history is stripped: {expected_text}");

        let again = inbound(&app, raw.as_bytes()).await;
        assert_eq!(again.outcome, InboundOutcome::Duplicate, "a redelivery is taken once");
    }
    assert_eq!(smtp.messages().len(), 4, "customer replies are never acknowledged");
}

/// Quote stripping does not depend on the database, so one backend is enough here.
#[tokio::test]
async fn inline_answers_and_a_bottom_posted_reply_reach_the_thread_without_the_trailing_quote() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let ticket = email_us(&app, &visitor, "dmitri.vasquez@example.org", "Webhook deliveries fail with 401").await;
    let record =
        app.state.store.ticket_by_number(app.workspace.id, ticket.number).await.expect("load").expect("ticket");
    let address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    let fixture_address = "support+w7.t1005.hvi06bt4574ijg6av13clur3@helpline.example";
    let replies: [&[u8]; 3] = [
        include_bytes!("../fixtures/mail/thunderbird-inline-reply.eml"),
        include_bytes!("../fixtures/mail/thunderbird-html-inline-reply.eml"),
        include_bytes!("../fixtures/mail/mutt-bottom-reply.eml"),
    ];

    for raw in replies {
        let raw = String::from_utf8_lossy(raw).replace(fixture_address, &address);
        let result = inbound(&app, raw.as_bytes()).await;
        assert_eq!((result.outcome, result.ticket_number), (InboundOutcome::Threaded, Some(ticket.number)));
    }

    let thread = ticket_detail(&app, &agent, ticket.number).await;
    let bodies: Vec<&str> = thread
        .events
        .iter()
        .filter(|event| event.kind == TicketEventKind::CustomerReply)
        .filter_map(|event| event.body.as_deref())
        .collect();
    // The messenger form's description comes first, then the three mails.
    let ["The CSV export button does nothing.", inline, html_inline, bottom] = bodies[..] else {
        panic!("the description and three customer replies in the thread: {bodies:?}");
    };
    // Both answers, each after the question it answers, and nothing after the last one.
    let question = inline.find("> Which signing secret").expect("the first question stays");
    let answer = inline.find("I copied it again this morning to be sure").expect("the first answer is kept");
    assert!(question < answer, "{inline}");
    assert!(
        inline.ends_with("Only for ticket.updated. The ticket.created deliveries arrive and verify fine."),
        "{inline}"
    );
    assert!(html_inline.contains("Here is one: req_7Hq2Lm9Xw4."), "{html_inline}");
    assert!(html_inline.ends_with("it only terminates TLS & passes the body through untouched."), "{html_inline}");
    for body in [inline, html_inline] {
        assert!(!body.contains("Kind regards") && !body.contains("Platform team"), "{body}");
    }
    assert_eq!(
        bottom,
        "They verify now, for every event type. Thanks for tracking it down so\nquickly.\n\nYou can close the ticket."
    );
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_forged_token_never_threads_and_auto_replies_and_bounces_are_recorded_without_mail(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    smtp.wait_for_messages(1, WAIT).await;
    let record = app.state.store.ticket_by_number(app.workspace.id, 1001).await.expect("load").expect("ticket");
    let ack_id = ack_message_id(&app, record.id).await;
    let events_before = ticket_detail(&app, &agent, 1001).await.events.len();

    // A token that names the real ticket with a signature that does not verify, from
    // someone who is not the requester.
    let real = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    let (head, domain) = real.split_once('@').expect("address");
    let forged = format!("{}{}@{domain}", &head[..head.len() - 1], if head.ends_with('a') { 'b' } else { 'a' });
    let forged_mail = format!(
        "From: Mallory <mallory@example.org>\r\nTo: {forged}\r\nSubject: Re: [#1001] Cannot export invoices\r\n\
         Message-ID: <forged-1@example.org>\r\n\r\nPlease send me the invoices.\r\n"
    );
    let result = inbound(&app, forged_mail.as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::Created, "forged mail opens its own ticket");
    assert_eq!(result.ticket_number, Some(1002));
    assert_eq!(ticket_detail(&app, &agent, 1001).await.events.len(), events_before, "ticket 1001 is untouched");
    smtp.wait_for_messages(2, WAIT).await;

    let fixture_ack = "<ticket-1001-6f1c2a9e-8b3d-4c57-a1e0-93d4b7f25c18@helpline.example>";
    let out_of_office =
        String::from_utf8_lossy(include_bytes!("../fixtures/mail/out-of-office.eml")).replace(fixture_ack, &ack_id);
    let result = inbound(&app, out_of_office.as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::AutoReplyRecorded);
    assert_eq!(result.ticket_number, Some(1001));
    // Automatic mail that matches no ticket opens one, unacknowledged.
    let unmatched = String::from_utf8_lossy(include_bytes!("../fixtures/mail/out-of-office.eml"))
        .replace(fixture_ack, "<unknown@example.org>")
        .replace("[#1001]", "")
        .replace("<DB9PR02MB7345A1E0C3F7B9D2E4A6C88F1B3D5@", "<another-auto-reply@");
    let unmatched = inbound(&app, unmatched.as_bytes()).await;
    assert_eq!((unmatched.outcome, unmatched.ticket_number), (InboundOutcome::Created, Some(1003)));

    let fixture_original = "<ticket-1004-93c0e6b2-4a1f-4d7e-b852-f1a96d3c0e47@helpline.example>";
    let bounce =
        String::from_utf8_lossy(include_bytes!("../fixtures/mail/bounce.eml")).replace(fixture_original, &ack_id);
    let result = inbound(&app, bounce.as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::BounceRecorded);
    assert_eq!(result.ticket_number, Some(1001));

    let detail = ticket_detail(&app, &agent, 1001).await;
    let kinds: Vec<TicketEventKind> = detail.events.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&TicketEventKind::AutoReply));
    assert!(kinds.contains(&TicketEventKind::DeliveryFailed));
    assert_eq!(detail.ticket.status, TicketStatus::New, "an auto-reply does not change the status");
    let tickets = app.state.store.list_tickets(app.workspace.id, &Default::default(), 10).await.expect("list");
    assert_eq!(tickets.len(), 3, "the recorded auto-reply and the bounce opened no ticket");
    // Two mails were ever queued: the acknowledgements of #1001 and of Mallory's #1002.
    let store = &app.state.store;
    assert!(store.outbox_mail(2).await.expect("load").is_some());
    assert_eq!(store.outbox_mail(3).await.expect("load"), None, "automatic mail is never answered");
}

#[tokio::test]
async fn inbound_mail_needs_the_secret_and_a_readable_message() {
    let smtp = SmtpServer::start();
    let app = spawn(Backend::Sqlite, &smtp).await;
    let client = reqwest::Client::new();

    let without = client.post(app.url("/api/v1/mail/inbound")).body("From: a@b.example\r\n\r\nhi").send().await;
    let wrong = client.post(app.url("/api/v1/mail/inbound")).bearer_auth("nope").body("x").send().await;
    let garbage = client.post(app.url("/api/v1/mail/inbound")).bearer_auth(INBOUND_SECRET).body("   ").send().await;

    assert_eq!(without.expect("sent").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(wrong.expect("sent").status(), StatusCode::UNAUTHORIZED);
    assert_eq!(garbage.expect("sent").status(), StatusCode::BAD_REQUEST);
    let unconfigured = TestApp::spawn(Backend::Sqlite).await;
    let refused = client.post(unconfigured.url("/api/v1/mail/inbound")).bearer_auth("").body("x").send().await;
    assert_eq!(refused.expect("sent").status(), StatusCode::UNAUTHORIZED, "no inbound secret, no inbound mail");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn mail_ingest_from_an_mta_pipe_opens_a_ticket_that_the_server_acknowledges(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let raw = include_bytes!("../fixtures/mail/new-request.eml");

    // What `helpline mail ingest < message.eml` runs, on its own database connection.
    let result = server::operator::ingest_mail(&app.state.config, raw).await.expect("ingested");

    assert_eq!(result.outcome, InboundOutcome::Created);
    assert_eq!(result.ticket_number, Some(1001));
    app.state.outbox.poke();
    let ack = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    // A mail's `From` proves nothing, so the acknowledgement repeats none of it.
    assert_eq!(ack.subject, "[#1001] Your request");
    assert_eq!(ack.recipients, ["olu.adeyemi@example.com"]);
    let again = server::operator::ingest_mail(&app.state.config, raw).await.expect("ingested");
    assert_eq!(again.outcome, InboundOutcome::Duplicate, "an MTA retry is taken once");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn each_threading_rule_works_alone_and_the_subject_needs_the_requester(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    let record = app.state.store.ticket_by_number(app.workspace.id, 1001).await.expect("load").expect("ticket");
    let token_address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    let ack_id = ack_message_id(&app, record.id).await;
    let mail = |n: u32, from: &str, to: &str, subject: &str, headers: &str| {
        format!(
            "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <rule-{n}@example.com>\r\n{headers}\r\nWords {n}.\r\n"
        )
    };

    // Only the signed token can match: another sender, no headers, no number.
    let by_token = mail(1, "colleague@example.com", &token_address, "Re: your question", "");
    // Only In-Reply-To can match.
    let by_header = mail(
        2,
        "colleague@example.com",
        "support@helpline.example",
        "Re: your question",
        &format!("In-Reply-To: {ack_id}\r\n"),
    );
    // Only the subject number can match, from the requester whose domain the
    // receiving host vouches for.
    let by_subject = mail(
        3,
        "Priya <PRIYA.RAMAN@example.com>",
        "support@helpline.example",
        "Re: [#1001] more",
        &format!("Authentication-Results: {AUTHSERV_ID}; dmarc=pass header.from=example.com\r\n"),
    );
    // The same subject from someone else opens a ticket of its own.
    let stranger = mail(4, "mallory@example.org", "support@helpline.example", "Re: [#1001] more", "");

    for (raw, expected) in [
        (by_token, (InboundOutcome::Threaded, Some(1001))),
        (by_header, (InboundOutcome::Threaded, Some(1001))),
        (by_subject, (InboundOutcome::Threaded, Some(1001))),
        (stranger, (InboundOutcome::Created, Some(1002))),
    ] {
        let result = inbound(&app, raw.as_bytes()).await;
        assert_eq!((result.outcome, result.ticket_number), expected, "{raw}");
    }
    let events = app.state.store.ticket_events(record.id).await.expect("events");
    let words: Vec<&str> = events.iter().filter_map(|e| e.body.as_deref()).filter(|b| b.starts_with("Words")).collect();
    assert_eq!(words, ["Words 1.", "Words 2.", "Words 3."]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_subject_number_threads_only_mail_the_receiving_host_vouches_for(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;
    let events_before = ticket_detail(&app, &agent, 1001).await.events.len();

    let forged = inbound(&app, include_bytes!("../fixtures/mail/subject-number-forged.eml")).await;

    assert_eq!((forged.outcome, forged.ticket_number), (InboundOutcome::Created, Some(1002)));
    assert_eq!(ticket_detail(&app, &agent, 1001).await.events.len(), events_before, "ticket 1001 is untouched");
    let flagged = ticket_detail(&app, &agent, 1002).await;
    assert!(flagged.ticket.unverified_sender);
    let note = flagged
        .events
        .iter()
        .find(|event| event.kind == TicketEventKind::InternalNote)
        .expect("a note for agents in the thread");
    assert_eq!(note.author, protocol::tickets::EventAuthor::System);
    assert!(note.body.as_deref().is_some_and(|body| body.contains("Unverified sender") && body.contains("#1001")));
    let queue: Vec<Value> =
        agent.http.get(app.url("/api/v1/tickets")).send().await.expect("queue").json().await.expect("json");
    let flags: Vec<(i64, bool)> = queue
        .iter()
        .map(|ticket| (ticket["number"].as_i64().unwrap_or(0), ticket["unverified_sender"] == true))
        .collect();
    assert_eq!(flags, [(1001, false), (1002, true)]);

    let vouched = inbound(&app, include_bytes!("../fixtures/mail/subject-number-dmarc-pass.eml")).await;
    assert_eq!((vouched.outcome, vouched.ticket_number), (InboundOutcome::Threaded, Some(1001)));
    let aligned = inbound(&app, include_bytes!("../fixtures/mail/subject-number-spf-aligned.eml")).await;
    assert_eq!((aligned.outcome, aligned.ticket_number), (InboundOutcome::Threaded, Some(1001)));
    let thread = ticket_detail(&app, &agent, 1001).await;
    let words: Vec<&str> = thread.events.iter().filter_map(|event| event.body.as_deref()).collect();
    assert!(words.iter().any(|body| body.contains("still not in Safari 18")), "{words:?}");
    assert!(words.iter().any(|body| body.contains("Safari 18.1 on macOS 15")), "{words:?}");
    assert!(!thread.ticket.unverified_sender);
}

#[tokio::test]
async fn without_a_trusted_receiving_host_a_subject_number_never_threads() {
    let smtp = SmtpServer::start();
    let port = smtp.port;
    let app = TestApp::spawn_with(Backend::Sqlite, |config| {
        config.mail.inbound_secret = Some(INBOUND_SECRET.to_owned().into());
        config.mail.smtp = Some(server::config::SmtpConfig {
            host: "127.0.0.1".into(),
            port,
            tls: server::config::SmtpTlsMode::None,
            username: None,
            password: None,
            timeout_secs: 5,
        });
    })
    .await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    email_us(&app, &visitor, "priya.raman@example.com", "Cannot export invoices").await;

    // Its own header says DMARC passed, but nobody told this server to believe it.
    let result = inbound(&app, include_bytes!("../fixtures/mail/subject-number-dmarc-pass.eml")).await;

    assert_eq!((result.outcome, result.ticket_number), (InboundOutcome::Created, Some(1002)));
    assert!(ticket_detail(&app, &agent, 1002).await.ticket.unverified_sender);
}
