//! No anonymous mail relay, on both databases against a real SMTP server: mail to an
//! address nobody has proven carries none of the requester's text, each such address
//! gets three mails a day (the rest are withheld and the history says why), and a reply
//! or the confirmation link proves the address, after which the full text flows.

use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, Backend, TestApp};
use protocol::tickets::{InboundOutcome, TicketEventKind};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

/// What a script relaying spam would write into "Email us".
const SPAM_NAME: &str = "Cheap Pills Inc";
const SPAM_SUBJECT: &str = "WIN a prize at http://evil.example/claim";
const SPAM_TEXT: &str = "Visit http://evil.example/now for your reward";

async fn spam_ticket(app: &TestApp, email: &str) -> reqwest::Response {
    let visitor = app.create_visitor().await;
    let body = json!({ "email": email, "name": SPAM_NAME, "subject": SPAM_SUBJECT, "description": SPAM_TEXT,
                       "ticket_type": "bug", "details": { "expected": "evil.example wins", "actual": "evil.example/x" } });
    visitor_post(app, &visitor, "/api/v1/widget/tickets", body).await
}

/// Rows of the outbox addressed to `recipient`.
async fn queued_to(app: &TestApp, recipient: &str) -> i64 {
    use secrecy::ExposeSecret;
    let pool = sqlx::AnyPool::connect(app.state.config.database.url.expose_secret()).await.expect("pool");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE recipient = $1")
        .bind(recipient)
        .fetch_one(&pool)
        .await
        .expect("count");
    pool.close().await;
    count
}

/// The confirmation link in a neutral acknowledgement.
fn confirmation_link(text: &str) -> String {
    let start = text.find("http").expect("a link");
    text[start..].split_whitespace().next().expect("the link").to_owned()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_unverified_address_gets_an_acknowledgement_with_none_of_the_requesters_text(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;

    let response = spam_ticket(&app, "victim@example.net").await;

    assert_eq!(response.status(), StatusCode::CREATED);
    let raw = String::from_utf8_lossy(&smtp.wait_for_messages(1, WAIT).await[0]).into_owned();
    for echoed in [SPAM_NAME, "Cheap", "WIN a prize", "evil.example", "reward"] {
        assert!(!raw.contains(echoed), "the mail repeats {echoed:?}:\n{raw}");
    }
    let ack = parse(raw.as_bytes());
    assert_eq!(ack.subject, "[#1001] Your request");
    assert_eq!(header(&raw, "To"), Some("victim@example.net"), "no display name either");
    assert!(ack.text.contains("We received your request #1001"), "{}", ack.text);
    assert!(ack.text.contains("/confirm/"), "a confirmation link: {}", ack.text);
    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert_eq!(detail.ticket.subject, SPAM_SUBJECT, "agents still see everything");
    assert!(!detail.address_verified);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_fourth_mail_to_an_unverified_address_in_a_day_is_withheld_and_recorded(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    for _ in 0..3 {
        assert_eq!(spam_ticket(&app, "victim@example.net").await.status(), StatusCode::CREATED);
    }

    let fourth = spam_ticket(&app, "VICTIM@example.net").await;

    assert_eq!(fourth.status(), StatusCode::CREATED, "the ticket is still created");
    assert_eq!(queued_to(&app, "victim@example.net").await, 3);
    assert_eq!(queued_to(&app, "VICTIM@example.net").await, 0, "the count ignores case");
    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, 1004).await;
    let withheld = detail.events.iter().find(|e| e.kind == TicketEventKind::MailWithheld).expect("the reason");
    assert!(withheld.body.as_deref().is_some_and(|why| why.contains("not verified")), "{withheld:?}");
    assert_eq!(detail.events[1].body.as_deref(), Some(SPAM_TEXT), "nothing is lost");
    assert_eq!(spam_ticket(&app, "other@example.net").await.status(), StatusCode::CREATED);
    assert_eq!(queued_to(&app, "other@example.net").await, 1, "another address has its own count");
    smtp.wait_for_messages(4, WAIT).await;

    app.state.clock.advance(DAY);
    spam_ticket(&app, "victim@example.net").await;

    assert_eq!(queued_to(&app, "victim@example.net").await, 4, "a new day, a new share");
    smtp.wait_for_messages(5, WAIT).await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_reply_from_the_address_verifies_it_and_the_full_text_flows_afterwards(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    email_us(&app, &visitor, "priya@example.com", "Cannot export invoices").await;
    let neutral = smtp.wait_for_messages(1, WAIT).await;
    let neutral_raw = String::from_utf8_lossy(&neutral[0]).into_owned();
    let reply_to = header(&neutral_raw, "Reply-To").expect("a reply address").trim_matches(['<', '>']).to_owned();
    // A forged `From` with the right subject number proves nothing.
    let forged = "From: priya@example.com\r\nTo: support@helpline.example\r\nSubject: Re: [#1001] Your request\r\n\
         Message-ID: <forged@example.org>\r\n\r\nI confirm.\r\n";
    inbound(&app, forged.as_bytes()).await;
    assert!(!app.state.store.address_verified(app.workspace.id, "priya@example.com").await.expect("lookup"));

    let reply = format!(
        "From: Priya <Priya@Example.com>\r\nTo: {reply_to}\r\nSubject: Re: [#1001] Your request\r\n\
         Message-ID: <real-reply@example.com>\r\n\r\nYes, that was me.\r\n"
    );
    let result = inbound(&app, reply.as_bytes()).await;

    assert_eq!((result.outcome, result.ticket_number), (InboundOutcome::Threaded, Some(1001)));
    let agent = app.login(AGENT_EMAIL).await;
    let detail = ticket_detail(&app, &agent, 1001).await;
    assert!(detail.address_verified);
    let verified = detail.events.iter().find(|e| e.kind == TicketEventKind::AddressVerified).expect("recorded");
    assert_eq!(verified.new_value.as_deref(), Some("reply"));
    let answer =
        agent_send(&app, &agent, reqwest::Method::POST, "/api/v1/tickets/1001/replies", json!({ "body": "On it." }))
            .await;
    assert_eq!(answer.status(), StatusCode::CREATED);
    email_us(&app, &visitor, "priya@example.com", "Another question").await;
    // The forged mail named #1001 without the receiving host vouching for its sender, so
    // it opened #1002 of its own, acknowledged neutrally; the question is #1003.
    let mail: Vec<_> = smtp.wait_for_messages(4, WAIT).await.iter().map(|raw| parse(raw)).collect();
    let by_subject = |subject: &str| {
        let subjects: Vec<&str> = mail.iter().map(|m| m.subject.as_str()).collect();
        mail.iter().find(|m| m.subject == subject).unwrap_or_else(|| panic!("no mail {subject:?} among {subjects:?}"))
    };
    assert!(by_subject("[#1002] Your request").text.starts_with("Hello,"), "the forged mail's ticket learns nothing");
    let answer = by_subject("Re: [#1001] Cannot export invoices");
    assert!(answer.text.starts_with("Hello Priya Raman,"), "the subject and name flow once verified: {}", answer.text);
    let second_ack = by_subject("[#1003] Another question");
    assert!(second_ack.text.contains("> The CSV export button does nothing."), "{}", second_ack.text);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_confirmation_link_asks_before_it_verifies_then_sends_the_full_acknowledgement(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let visitor = app.create_visitor().await;
    email_us(&app, &visitor, "priya@example.com", "Cannot export invoices").await;
    let neutral = parse(&smtp.wait_for_messages(1, WAIT).await[0]);
    let link = confirmation_link(&neutral.text);
    let path = &link[link.find("/confirm/").expect("the path")..];
    let client = reqwest::Client::new();

    let page = client.get(app.url(path)).send().await.expect("open link");

    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.expect("page").contains("Confirm my address"));
    assert!(
        !app.state.store.address_verified(app.workspace.id, "priya@example.com").await.expect("lookup"),
        "opening the link (as mail scanners do) proves nothing"
    );
    let mut tampered = path.to_owned();
    let last = tampered.pop().expect("a character");
    tampered.push(if last == '0' { '1' } else { '0' });
    let forged = client.post(app.url(&tampered)).send().await.expect("post");
    assert_eq!(forged.status(), StatusCode::NOT_FOUND);

    let confirmed = client.post(app.url(path)).send().await.expect("confirm");

    assert_eq!(confirmed.status(), StatusCode::OK);
    assert!(confirmed.text().await.expect("page").contains("Your address is confirmed"));
    let full = parse(&smtp.wait_for_messages(2, WAIT).await[1]);
    assert_eq!(full.subject, "[#1001] Cannot export invoices");
    assert!(full.text.contains("Thank you for confirming your address"), "{}", full.text);
    assert!(full.text.contains("> The CSV export button does nothing."), "{}", full.text);
    let again = client.post(app.url(path)).send().await.expect("confirm again");
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(queued_to(&app, "priya@example.com").await, 2, "confirming twice sends nothing more");

    email_us(&app, &visitor, "late@example.com", "Late").await;
    let late = parse(&smtp.wait_for_messages(3, WAIT).await[2]);
    let late_link = confirmation_link(&late.text);
    app.state.clock.advance(DAY * 8);
    let expired = client.post(app.url(&late_link[late_link.find("/confirm/").expect("path")..])).send().await;
    assert_eq!(expired.expect("post").status(), StatusCode::NOT_FOUND, "links expire");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_hand_off_mails_a_verified_identitys_email_in_full_and_a_claimed_one_only_neutrally(
    #[case] backend: Backend,
) {
    use e2e::identity::{claimed, identify, identity_settings, identity_token, server_secs};
    use protocol::api::{AuthorKind, VisitorIdentity};
    use protocol::frames::{ClientFrame, ServerFrame};
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let admin = app.login(e2e::ADMIN_EMAIL).await;
    let secret = identity_settings(&app, &admin).await.secret;
    let agent = app.login(AGENT_EMAIL).await;
    let claims =
        json!({ "user_id": "u-5", "email": "dana@example.com", "name": "Dana", "exp": server_secs(&app) + 600 });
    let proven =
        VisitorIdentity { identity_token: Some(identity_token(&secret, &claims)), ..VisitorIdentity::default() };
    let mut handed_off = Vec::new();
    for (identity, words) in [(proven, "Verified help"), (claimed("u-6", "eli@example.com"), "Claimed help")] {
        let visitor = app.create_visitor().await;
        let mut socket = app.visitor_socket(&visitor).await;
        identify(&mut socket, identity).await.expect("identified");
        socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
        let conversation_id = say(&mut socket, words).await;
        let path = format!("/api/v1/conversations/{conversation_id}/ticket");
        let body = json!({ "subject": words, "ticket_type": "question", "priority": "medium" });
        assert_eq!(agent_send(&app, &agent, reqwest::Method::POST, &path, body).await.status(), StatusCode::CREATED);
        let system = socket
            .recv_until(|f| matches!(f, ServerFrame::Message { message } if message.author == AuthorKind::System))
            .await;
        let ServerFrame::Message { message } = system else { unreachable!() };
        handed_off.push(message.body);
    }

    let mail = smtp.wait_for_messages(2, WAIT).await;
    let to = |index: usize| parse(&mail[index]).recipients.join(",");
    let (full, neutral) = if to(0) == "dana@example.com" { (0, 1) } else { (1, 0) };
    assert_eq!(
        parse(&mail[full]).subject,
        "[#1001] Verified help",
        "a verified identity's email needs no confirmation"
    );
    assert!(parse(&mail[full]).text.starts_with("Hello Dana,"));
    assert_eq!(to(neutral), "eli@example.com");
    assert_eq!(parse(&mail[neutral]).subject, "[#1002] Your request", "a claimed email must be confirmed first");
    assert!(!handed_off[0].contains("confirm"), "{}", handed_off[0]);
    assert!(handed_off[1].contains("Please confirm that address first"), "{}", handed_off[1]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn mail_forged_from_a_proven_address_is_acknowledged_without_its_text(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let now = app.state.clock.now();
    let store = &app.state.store;
    store
        .verify_address(app.workspace.id, "customer@example.com", server::store::VerifiedBy::Link, now)
        .await
        .expect("verify");
    let forged = format!(
        "From: customer@example.com\r\nTo: support@helpline.example\r\nSubject: {SPAM_SUBJECT}\r\n\
         Message-ID: <forged-new@example.org>\r\n\r\n{SPAM_TEXT}\r\n"
    );

    let result = inbound(&app, forged.as_bytes()).await;

    assert_eq!(result.outcome, InboundOutcome::Created);
    let raw = String::from_utf8_lossy(&smtp.wait_for_messages(1, WAIT).await[0]).into_owned();
    assert!(!raw.contains("evil.example"), "a forged From must not relay text to a real customer:\n{raw}");
    assert_eq!(parse(raw.as_bytes()).subject, "[#1001] Your request");
}
