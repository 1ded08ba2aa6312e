//! Nothing a customer's mail carries is lost, on both databases against a real SMTP
//! server: parallel deliveries of one message open one ticket with one acknowledgement,
//! threaded under the customer's message; people in Cc follow the ticket and receive its
//! public replies; a colleague's reply is credited to them; the files a mail carries are
//! listed on its entry; and agents of the ticket's workspace, and nobody else, can
//! download each mail as it was received.

use e2e::smtp::SmtpServer;
use e2e::tickets::*;
use e2e::{AGENT_EMAIL, Backend, OTHER_EMAIL, TestApp};
use protocol::tickets::{EventAuthor, InboundOutcome, TicketEventKind};
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

/// A new customer mail to the support address, with `cc` copied.
fn new_mail(message_id: &str, cc: &str) -> String {
    format!(
        "From: Priya Raman <priya.raman@example.com>\r\n\
         To: Acme Support <support@helpline.example>\r\n\
         Cc: {cc}\r\n\
         Subject: Invoices will not export\r\n\
         Date: Thu, 03 Dec 2026 09:15:00 +0000\r\n\
         Message-ID: {message_id}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         Hello,\r\n\
         \r\n\
         the CSV export on the billing page does nothing since Monday.\r\n\
         \r\n\
         Priya\r\n"
    )
}

/// A customer mail with a log file and a screenshot attached.
fn mail_with_attachments(message_id: &str) -> String {
    format!(
        "From: Priya Raman <priya.raman@example.com>\r\n\
         To: support@helpline.example\r\n\
         Subject: Export log\r\n\
         Message-ID: {message_id}\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"b1\"\r\n\
         \r\n\
         --b1\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         \r\n\
         The export fails, the log and a screenshot are attached.\r\n\
         --b1\r\n\
         Content-Type: text/plain; name=\"export.log\"\r\n\
         Content-Disposition: attachment; filename=\"export.log\"\r\n\
         \r\n\
         12:00:01 export started\r\n12:00:02 fail\r\n\
         --b1\r\n\
         Content-Type: image/png; name=\"screen.png\"\r\n\
         Content-Disposition: attachment; filename=\"screen.png\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         \r\n\
         iVBORw0KGgo=\r\n\
         --b1--\r\n"
    )
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn six_parallel_deliveries_of_one_message_open_one_ticket_with_one_acknowledgement(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let raw = new_mail("<parallel-1@mail.example.com>", "support@helpline.example");

    let deliveries = (0..6).map(|_| inbound(&app, raw.as_bytes()));
    let results = futures_util::future::join_all(deliveries).await;

    let created: Vec<_> = results.iter().filter(|result| result.outcome == InboundOutcome::Created).collect();
    let duplicates = results.iter().filter(|result| result.outcome == InboundOutcome::Duplicate).count();
    assert_eq!(created.len(), 1, "{results:?}");
    assert_eq!(duplicates, 5, "{results:?}");
    let number = created[0].ticket_number.expect("a number");
    assert!(
        results.iter().all(|result| result.ticket_number == Some(number)),
        "each duplicate names the one ticket: {results:?}"
    );
    let agent = app.login(AGENT_EMAIL).await;
    let listed = agent.http.get(app.url("/api/v1/tickets")).send().await.expect("list");
    let listed: Vec<serde_json::Value> = listed.json().await.expect("list json");
    assert_eq!(listed.len(), 1, "one ticket: {listed:?}");
    let record = app.state.store.ticket_by_number(app.workspace.id, number).await.expect("load").expect("ticket");
    assert_eq!(outbox_recipients(&app, record.id).await, ["priya.raman@example.com"], "one acknowledgement queued");

    let ack = &smtp.wait_for_messages(1, WAIT).await[0];
    let ack = parse(ack);
    assert_eq!(ack.in_reply_to, ["<parallel-1@mail.example.com>"], "the acknowledgement answers the customer's mail");
    assert_eq!(ack.references, ["<parallel-1@mail.example.com>"]);
    // The created event holds the acknowledgement's id, which the ticket's later mail
    // threads after.
    assert_eq!(ack.message_id.as_deref(), Some(ack_message_id(&app, record.id).await.as_str()));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn people_in_cc_follow_the_ticket_receive_public_replies_and_are_credited_when_they_write(
    #[case] backend: Backend,
) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let cc = "Sam Okoro <Sam.Okoro@example.com>, Acme Support <support+other@helpline.example>, \
              priya.raman@example.com";
    let result = inbound(&app, new_mail("<cc-1@mail.example.com>", cc).as_bytes()).await;
    assert_eq!(result.outcome, InboundOutcome::Created);
    let number = result.ticket_number.expect("a number");
    smtp.wait_for_messages(1, WAIT).await;

    let detail = ticket_detail(&app, &agent, number).await;
    let followers: Vec<(&str, Option<&str>)> =
        detail.followers.iter().map(|follower| (follower.email.as_str(), follower.name.as_deref())).collect();
    assert_eq!(
        followers,
        [("sam.okoro@example.com", Some("Sam Okoro"))],
        "neither Helpline's own addresses nor the requester follow"
    );
    let added = detail.events.iter().find(|event| event.kind == TicketEventKind::FollowersAdded).expect("recorded");
    assert_eq!(added.new_value.as_deref(), Some("sam.okoro@example.com"));

    let path = format!("/api/v1/tickets/{number}/replies");
    let response = agent_send(&app, &agent, reqwest::Method::POST, &path, json!({ "body": "Fixed, try again." })).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let mail = smtp.wait_for_messages(3, WAIT).await;
    let copies: Vec<String> = mail[1..].iter().map(|raw| String::from_utf8_lossy(raw).into_owned()).collect();
    let ids: Vec<Option<&str>> = copies.iter().map(|raw| header(raw, "Message-ID")).collect();
    assert_eq!(ids[0], ids[1], "one message, delivered to each recipient");
    for copy in &copies {
        assert!(copy.contains("Fixed, try again."));
        assert_eq!(header(copy, "To"), Some("priya.raman@example.com"));
        assert!(header(copy, "Cc").is_some_and(|cc| cc.contains("sam.okoro@example.com")), "{copy}");
    }
    let record = app.state.store.ticket_by_number(app.workspace.id, number).await.expect("load").expect("ticket");
    let recipients = outbox_recipients(&app, record.id).await;
    assert!(recipients.contains(&"sam.okoro@example.com".to_owned()), "{recipients:?}");
    assert!(recipients.contains(&"priya.raman@example.com".to_owned()), "{recipients:?}");

    // Sam answers through the reply address: the entry is theirs, not the requester's.
    let reply_address = app.state.desk.mailer.reply.address_for(app.workspace.id, record.id);
    let reply = format!(
        "From: Sam Okoro <sam.okoro@example.com>\r\nTo: {reply_address}\r\nSubject: Re: [#{number}] Your request\r\n\
         Message-ID: <sam-1@mail.example.com>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         It works for me now, thanks.\r\n"
    );
    let threaded = inbound(&app, reply.as_bytes()).await;
    assert_eq!(threaded.outcome, InboundOutcome::Threaded);
    let detail = ticket_detail(&app, &agent, number).await;
    let sams = detail.events.iter().rev().find(|event| event.kind == TicketEventKind::CustomerReply).expect("reply");
    assert_eq!(sams.author, EventAuthor::Customer);
    assert_eq!(sams.author_name.as_deref(), Some("Sam Okoro"));
    assert_eq!(sams.author_email.as_deref(), Some("sam.okoro@example.com"));
    let first = detail.events.iter().find(|event| event.kind == TicketEventKind::CustomerReply).expect("first");
    assert_eq!(first.author_email, None, "the requester's own words stay theirs");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_original_of_each_mail_is_kept_and_only_the_workspaces_agents_can_download_it(#[case] backend: Backend) {
    let smtp = SmtpServer::start();
    let app = spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let raw = mail_with_attachments("<original-1@mail.example.com>");
    let number = inbound(&app, raw.as_bytes()).await.ticket_number.expect("a number");

    let detail = ticket_detail(&app, &agent, number).await;
    let description = detail.events.iter().find(|event| event.kind == TicketEventKind::CustomerReply).expect("it");
    assert!(description.has_original);
    assert_eq!(description.body.as_deref(), Some("The export fails, the log and a screenshot are attached."));
    let files: Vec<(&str, &str, u64)> = description
        .attachments
        .iter()
        .map(|file| (file.name.as_str(), file.content_type.as_str(), file.size))
        .collect();
    assert_eq!(files, [("export.log", "text/plain", 38), ("screen.png", "image/png", 8)], "the agent is told");
    assert!(detail.events.iter().filter(|event| event.seq != description.seq).all(|event| !event.has_original));

    let path = format!("/api/v1/tickets/{number}/events/{}/original", description.seq);
    let response = agent.http.get(app.url(&path)).send().await.expect("get original");
    assert_eq!(response.status(), StatusCode::OK);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "message/rfc822");
    assert!(headers["content-disposition"].to_str().expect("ascii").starts_with("attachment;"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["content-security-policy"], "sandbox");
    assert_eq!(response.bytes().await.expect("body"), raw.as_bytes(), "byte for byte");

    let missing = format!("/api/v1/tickets/{number}/events/1/original");
    let response = agent.http.get(app.url(&missing)).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "an event that was not mail has no original");
    let response = reqwest::get(app.url(&path)).await.expect("anonymous get");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    app.other_workspace().await;
    let eve = app.login(OTHER_EMAIL).await;
    let response = eve.http.get(app.url(&path)).send().await.expect("other workspace");
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "another workspace's agent cannot see it");
    let response = agent.http.get(app.url(&format!("/api/v1/tickets/{number}/events/x/original"))).send().await;
    assert_eq!(response.expect("bad seq").status(), StatusCode::BAD_REQUEST);
}

/// The envelope recipients of a ticket's queued mail.
async fn outbox_recipients(app: &TestApp, ticket_id: i64) -> Vec<String> {
    app.state.store.ticket_outbox(ticket_id).await.expect("outbox").into_iter().map(|mail| mail.recipient).collect()
}
