//! Replies that reach a visitor who left, against the real server and SMTP server on
//! both databases: agents' replies a visitor neither read nor saw go out by email once
//! they have been away long enough, gathered into one mail and threaded, never with a
//! note; the visitor's answer to that mail comes back into the same chat rather than
//! opening a ticket, once; mail to the chat's address from anyone else, or with a forged
//! address, does not; and a visitor with no address known is not mailed until they give
//! one.

use std::time::Duration;

use e2e::tickets::{header, inbound, parse};
use e2e::{AGENT_EMAIL, Backend, TestApp, Visitor, WsClient};
use protocol::api::{AuthorKind, ConversationDetail};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::inbox::ConversationChange;
use protocol::tickets::InboundOutcome;
use reqwest::StatusCode;
use rstest::rstest;
use serde_json::json;

const VISITOR_EMAIL: &str = "priya@customer.example";
/// `[chat] email_away_visitor_after_secs` and `email_batch_secs` by default.
const AWAY: Duration = Duration::from_secs(300);
const BATCH: Duration = Duration::from_secs(60);

fn message(conversation_id: Option<i64>, client_id: &str, body: &str, internal: bool) -> ClientFrame {
    ClientFrame::Send { conversation_id, client_id: client_id.into(), body: body.into(), files: Vec::new(), internal }
}

async fn acked(socket: &mut WsClient) -> i64 {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Ack { conversation_id, .. } => conversation_id,
        other => panic!("expected an ack, got {other:?}"),
    }
}

/// `PUT /api/v1/widget/email` as the messenger sends it.
async fn give_address(app: &TestApp, visitor: &Visitor, email: &str) -> reqwest::Response {
    reqwest::Client::new()
        .put(app.url("/api/v1/widget/email"))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .json(&json!({ "email": email }))
        .send()
        .await
        .expect("give address")
}

/// A visitor who asked something and is still connected.
async fn visitor_asks(app: &TestApp, body: &str) -> (Visitor, WsClient, i64) {
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.send(&message(None, "ask", body, false)).await;
    let id = acked(&mut socket).await;
    (visitor, socket, id)
}

async fn emailed(app: &TestApp) -> usize {
    app.state.queue.run_timers().await.expect("timers").emailed
}

async fn detail(app: &TestApp, agent: &e2e::AgentClient, id: i64) -> ConversationDetail {
    let response = agent.http.get(app.url(&format!("/api/v1/conversations/{id}"))).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("detail")
}

/// A reply from `from` to `to`, as a mail client writes one.
fn answer(from: &str, to: &str, message_id: &str, in_reply_to: &str, body: &str) -> Vec<u8> {
    format!(
        "From: Priya Raman <{from}>\r\nTo: {to}\r\nSubject: Re: Your chat with Support\r\n\
         Message-ID: {message_id}\r\nIn-Reply-To: {in_reply_to}\r\nDate: Sat, 05 Dec 2026 10:00:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn replies_to_a_visitor_who_left_are_mailed_together_and_the_answer_threads_back(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = e2e::tickets::spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut console = app.agent_socket(&agent).await;
    let (visitor, visitor_socket, id) = visitor_asks(&app, "Is my export ready?").await;
    assert_eq!(give_address(&app, &visitor, VISITOR_EMAIL).await.status(), StatusCode::NO_CONTENT);
    console.send(&ClientFrame::Subscribe { conversation_id: Some(id), after_seq: 0 }).await;
    for (client_id, body, internal) in [
        ("r1", "Let me check that for you.", false),
        ("n1", "Note: their export job was stuck, restarted it.", true),
        ("r2", "It is ready: Settings, then Export.", false),
    ] {
        console.send(&message(Some(id), client_id, body, internal)).await;
        acked(&mut console).await;
    }

    // Still connected: they see the replies in the messenger, so nothing is mailed.
    app.state.clock.advance(AWAY + BATCH);
    assert_eq!(emailed(&app).await, 0, "the visitor is still here");
    app.leave(&visitor, visitor_socket).await;
    assert_eq!(emailed(&app).await, 0, "not away long enough yet");
    app.state.clock.advance(AWAY);
    assert_eq!(emailed(&app).await, 1);
    assert_eq!(emailed(&app).await, 0, "each reply is mailed once");

    let mail = smtp.wait_for_messages(1, Duration::from_secs(10)).await;
    let raw = String::from_utf8_lossy(&mail[0]).into_owned();
    assert!(header(&raw, "To").is_some_and(|to| to.contains(VISITOR_EMAIL)), "{raw}");
    let first = parse(&mail[0]);
    assert_eq!(first.subject, "Your chat with Support");
    assert!(first.text.contains("Let me check that for you.") && first.text.contains("It is ready"), "{raw}");
    assert!(!first.text.contains("export job was stuck"), "a note never reaches the visitor: {raw}");
    let reply_to = first.reply_to.as_ref().expect("a reply address").address.clone();
    assert!(reply_to.contains(&format!("+w{}.c{id}.", app.workspace.id)), "{reply_to}");
    let history: Vec<ConversationChange> =
        detail(&app, &agent, id).await.messages.into_iter().filter_map(|m| m.change).collect();
    assert!(history.contains(&ConversationChange::Emailed { to: VISITOR_EMAIL.into(), replies: 2 }), "{history:?}");

    // A later reply waits for the batch window, then goes out in the same thread.
    console.send(&message(Some(id), "r3", "You can also schedule exports weekly.", false)).await;
    acked(&mut console).await;
    assert_eq!(emailed(&app).await, 0, "replies gather for a minute");
    app.state.clock.advance(BATCH);
    assert_eq!(emailed(&app).await, 1);
    let mail = smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    let second = parse(&mail[1]);
    assert_eq!(second.subject, "Re: Your chat with Support");
    assert_eq!(second.in_reply_to, vec![first.message_id.clone().expect("first id")]);
    assert!(second.text.contains("schedule exports weekly") && !second.text.contains("Let me check"));

    // Their answer comes back into the chat, live, without the quoted mail, once.
    let second_id = second.message_id.clone().expect("second id");
    let body = "Thanks, found it!\r\n\r\nOn Sat, Dec 5, 2026 at 10:00 AM Support <support@helpline.example> wrote:\r\n\
                > You can also schedule exports weekly.\r\n";
    let mailed = answer(VISITOR_EMAIL, &reply_to, "<answer-1@customer.example>", &second_id, body);
    let result = inbound(&app, &mailed).await;
    assert_eq!((result.outcome, result.conversation_id), (InboundOutcome::ChatAnswer, Some(id)));
    let frame = console
        .recv_until(|f| matches!(f, ServerFrame::Message { message } if message.author == AuthorKind::Visitor && message.seq > 2))
        .await;
    let ServerFrame::Message { message: live } = frame else { unreachable!() };
    assert_eq!(live.body, "Thanks, found it!");
    assert_eq!(inbound(&app, &mailed).await.outcome, InboundOutcome::Duplicate, "delivered twice, stored once");
    let tickets = app.state.store.tickets_of_visitor(visitor.id, 10).await.expect("tickets");
    assert!(tickets.is_empty(), "the answer opened no ticket");

    // The same address from someone else, or a forged token, is no answer to the chat.
    let stranger = answer("mallory@elsewhere.example", &reply_to, "<m-1@elsewhere.example>", &second_id, "Hi!");
    assert_eq!(inbound(&app, &stranger).await.outcome, InboundOutcome::Created);
    let forged_to = reply_to.replacen(&format!(".c{id}."), &format!(".c{}.", id + 1), 1);
    let forged = answer(VISITOR_EMAIL, &forged_to, "<forged-1@customer.example>", &second_id, "Let me in");
    assert_eq!(inbound(&app, &forged).await.outcome, InboundOutcome::Created);
    let bodies: Vec<String> = detail(&app, &agent, id)
        .await
        .messages
        .into_iter()
        .filter(|m| m.author == AuthorKind::Visitor)
        .map(|m| m.body)
        .collect();
    assert_eq!(bodies, ["Is my export ready?", "Thanks, found it!"]);

    // Back in the messenger, the visitor sees what arrived while they were away.
    let mut back = app.visitor_socket(&visitor).await;
    back.send(&ClientFrame::Subscribe { conversation_id: Some(id), after_seq: 0 }).await;
    let mut seen = Vec::new();
    while seen.len() < 5 {
        if let ServerFrame::Message { message } = back.recv_until(|f| matches!(f, ServerFrame::Message { .. })).await {
            assert!(!message.internal, "a note or history entry reached the visitor");
            seen.push(message.body);
        }
    }
    assert_eq!(
        seen,
        [
            "Is my export ready?",
            "Let me check that for you.",
            "It is ready: Settings, then Export.",
            "You can also schedule exports weekly.",
            "Thanks, found it!"
        ]
    );
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_visitor_with_no_address_is_not_mailed_until_they_give_one(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = e2e::tickets::spawn(backend, &smtp).await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut console = app.agent_socket(&agent).await;
    let (visitor, socket, id) = visitor_asks(&app, "Can I change my plan?").await;

    // Refusals: a bad address is a field error, no token is no visitor.
    let response = give_address(&app, &visitor, "not an address").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: serde_json::Value = response.json().await.expect("error json");
    assert_eq!(error["fields"][0]["field"], "email", "{error}");
    let anonymous = reqwest::Client::new()
        .put(app.url("/api/v1/widget/email"))
        .header("origin", e2e::HOST_ORIGIN)
        .json(&json!({ "email": VISITOR_EMAIL }))
        .send()
        .await
        .expect("put");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);

    console.send(&message(Some(id), "r1", "Yes, under Billing.", false)).await;
    acked(&mut console).await;
    app.leave(&visitor, socket).await;
    app.state.clock.advance(AWAY + BATCH);
    assert_eq!(emailed(&app).await, 0, "nobody to mail");

    // Given an address later, the next reply reaches them; the one passed over does not.
    assert_eq!(give_address(&app, &visitor, VISITOR_EMAIL).await.status(), StatusCode::NO_CONTENT);
    console.send(&message(Some(id), "r2", "And downgrades apply at renewal.", false)).await;
    acked(&mut console).await;
    app.state.clock.advance(BATCH);
    assert_eq!(emailed(&app).await, 1);
    let mail = smtp.wait_for_messages(1, Duration::from_secs(10)).await;
    let text = parse(&mail[0]).text;
    assert!(text.contains("downgrades apply") && !text.contains("under Billing"), "{text}");

    // A reply the visitor read in the messenger is not mailed.
    let mut back = app.visitor_socket(&visitor).await;
    back.send(&ClientFrame::Subscribe { conversation_id: Some(id), after_seq: 0 }).await;
    console.send(&message(Some(id), "r3", "Anything else?", false)).await;
    let seq = match console.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await {
        ServerFrame::Ack { seq, .. } => seq,
        _ => unreachable!(),
    };
    back.send(&ClientFrame::Read { conversation_id: Some(id), seq }).await;
    back.recv_until(|f| matches!(f, ServerFrame::Unread { count: 0, .. })).await;
    app.leave(&visitor, back).await;
    app.state.clock.advance(AWAY + BATCH);
    assert_eq!(emailed(&app).await, 0, "already read");
}
