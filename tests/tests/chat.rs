//! Live chat over real WebSockets against the real server, on both databases:
//! acknowledgement after commit, idempotent resends, resume after a disconnect, bad
//! input, isolation between visitors, and the limit on conversations one agent socket
//! follows.

use e2e::ws::send_frame as send;
use e2e::{Backend, TestApp, WsClient};
use protocol::ErrorCode;
use protocol::api::{AuthorKind, ConversationDetail};
use protocol::frames::{ClientFrame, ServerFrame};
use rstest::rstest;

/// A server that leaves new chats unassigned: routing writes history entries that take
/// sequence numbers too (tested in `chat_desk.rs`), and these tests count the numbers
/// messages get.
async fn without_routing(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |config| config.chat.routing = false).await
}

fn subscribe(after_seq: i64) -> ClientFrame {
    ClientFrame::Subscribe { conversation_id: None, after_seq }
}

async fn expect_ack(socket: &mut WsClient, client_id: &str) -> (i64, i64) {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Ack { client_id: acked, conversation_id, seq, .. } => {
            assert_eq!(acked, client_id);
            (conversation_id, seq)
        }
        other => panic!("expected an ack, got {other:?}"),
    }
}

async fn expect_error(socket: &mut WsClient, code: ErrorCode) -> Option<String> {
    match socket.recv_until(|f| matches!(f, ServerFrame::Error { .. } | ServerFrame::Ack { .. })).await {
        ServerFrame::Error { code: refused, message, client_id, .. } => {
            assert_eq!(refused, code, "{message}");
            assert!(!message.is_empty());
            client_id
        }
        other => panic!("expected error {code:?}, got {other:?}"),
    }
}

async fn conversation(app: &TestApp, id: i64) -> ConversationDetail {
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let response = agent.http.get(app.url(&format!("/api/v1/conversations/{id}"))).send().await.expect("get");
    assert!(response.status().is_success());
    response.json().await.expect("detail")
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn ack_arrives_only_after_the_message_is_committed(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&subscribe(0)).await;
    assert!(matches!(socket.recv_significant().await, ServerFrame::Synced { conversation_id: None, last_seq: 0 }));

    socket.send(&send("c-1", "Hello, I cannot export my invoices")).await;
    let (conversation_id, seq) = expect_ack(&mut socket, "c-1").await;
    assert_eq!(seq, 1);

    // Read through another connection: the acknowledged message is durable and visible.
    let detail = conversation(&app, conversation_id).await;
    assert_eq!(detail.messages.len(), 1);
    assert_eq!(detail.messages[0].body, "Hello, I cannot export my invoices");
    assert_eq!(detail.messages[0].client_id, "c-1");
    assert_eq!(detail.messages[0].author, AuthorKind::Visitor);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn a_resent_client_id_gets_the_original_ack_and_is_stored_once(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&send("same", "first")).await;
    let (conversation_id, seq) = expect_ack(&mut socket, "same").await;
    socket.send(&send("same", "first")).await;
    assert_eq!(expect_ack(&mut socket, "same").await, (conversation_id, seq));

    // A resend over a new connection, as after a reconnect, is also recognised.
    socket.close().await;
    let mut again = app.visitor_socket(&visitor).await;
    again.send(&send("same", "first")).await;
    assert_eq!(expect_ack(&mut again, "same").await, (conversation_id, seq));
    again.send(&send("next", "second")).await;
    assert_eq!(expect_ack(&mut again, "next").await, (conversation_id, seq + 1));

    let detail = conversation(&app, conversation_id).await;
    let bodies: Vec<_> = detail.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["first", "second"]);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn a_visitor_resuming_after_a_drop_gets_what_was_sent_meanwhile_once_in_order(#[case] backend: Backend) {
    let app = without_routing(backend).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&subscribe(0)).await;
    socket.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;
    socket.send(&send("v1", "my export is stuck")).await;
    let (conversation_id, _) = expect_ack(&mut socket, "v1").await;
    let last_seen = match socket.recv_until(|f| matches!(f, ServerFrame::Message { .. })).await {
        ServerFrame::Message { message } => message.seq,
        _ => unreachable!(),
    };
    drop(socket);

    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut console = app.agent_socket(&agent).await;
    for (i, body) in ["Sorry about that", "Which format?", "Try CSV"].iter().enumerate() {
        let client_id = format!("a{i}");
        console
            .send(&ClientFrame::Send {
                conversation_id: Some(conversation_id),
                client_id: client_id.clone(),
                body: (*body).into(),
                files: Vec::new(),
                internal: false,
            })
            .await;
        expect_ack(&mut console, &client_id).await;
    }

    let mut resumed = app.visitor_socket(&visitor).await;
    resumed.send(&subscribe(last_seen)).await;
    let mut received = Vec::new();
    loop {
        match resumed.recv_significant().await {
            ServerFrame::Message { message } => received.push((message.seq, message.body, message.author)),
            ServerFrame::Synced { last_seq, .. } => {
                assert_eq!(last_seq, 4);
                break;
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(
        received,
        vec![
            (2, "Sorry about that".to_owned(), AuthorKind::Agent),
            (3, "Which format?".to_owned(), AuthorKind::Agent),
            (4, "Try CSV".to_owned(), AuthorKind::Agent),
        ]
    );
    // The visitor has three unread agent replies.
    let unread = resumed.recv_until(|f| matches!(f, ServerFrame::Unread { .. })).await;
    assert!(matches!(unread, ServerFrame::Unread { count: 3, .. }), "{unread:?}");

    // Live delivery continues with the next number, once.
    console
        .send(&ClientFrame::Send {
            conversation_id: Some(conversation_id),
            client_id: "a9".into(),
            body: "Still there?".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    match resumed.recv_significant().await {
        ServerFrame::Message { message } => assert_eq!((message.seq, message.body.as_str()), (5, "Still there?")),
        other => panic!("unexpected {other:?}"),
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn an_agent_reply_reaches_the_visitor_live_and_the_inbox_updates(#[case] backend: Backend) {
    let app = without_routing(backend).await;
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut console = app.agent_socket(&agent).await;
    assert!(matches!(console.recv().await, ServerFrame::Presence { agents_online: 1 }));

    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    assert!(matches!(socket.recv().await, ServerFrame::Presence { agents_online: 1 }));
    socket.send(&subscribe(0)).await;
    socket.send(&send("v1", "hi there")).await;
    let (conversation_id, _) = expect_ack(&mut socket, "v1").await;

    let summary = console.recv_until(|f| matches!(f, ServerFrame::Conversation { .. })).await;
    let ServerFrame::Conversation { summary } = summary else { unreachable!() };
    assert_eq!((summary.id, summary.preview.as_str(), summary.last_seq), (conversation_id, "hi there", 1));

    console.send(&ClientFrame::Subscribe { conversation_id: Some(conversation_id), after_seq: 0 }).await;
    console.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;
    console.send(&ClientFrame::Typing { conversation_id: Some(conversation_id), is_typing: true }).await;
    let typing = socket.recv_until(|f| matches!(f, ServerFrame::Typing { .. })).await;
    assert!(matches!(typing, ServerFrame::Typing { author: AuthorKind::Agent, is_typing: true, .. }));

    console
        .send(&ClientFrame::Send {
            conversation_id: Some(conversation_id),
            client_id: "a1".into(),
            body: "Hello! How can I help?".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    let reply = socket.recv_until(|f| matches!(f, ServerFrame::Message { message } if message.seq == 2)).await;
    let ServerFrame::Message { message } = reply else { unreachable!() };
    assert_eq!((message.author, message.author_name.as_str()), (AuthorKind::Agent, "Ada Agent"));

    // Reading clears the unread count.
    socket.send(&ClientFrame::Read { conversation_id: None, seq: 2 }).await;
    let unread = socket.recv_until(|f| matches!(f, ServerFrame::Unread { count: 0, .. })).await;
    assert!(matches!(unread, ServerFrame::Unread { count: 0, .. }));

    // The agent leaving is visible to the visitor as presence.
    console.close().await;
    let presence = socket.recv_until(|f| matches!(f, ServerFrame::Presence { .. })).await;
    assert!(matches!(presence, ServerFrame::Presence { agents_online: 0 }));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn bad_frames_get_error_frames_and_the_connection_stays(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.chat.max_body_chars = 50).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;

    socket.send_raw("{ this is not json").await;
    expect_error(&mut socket, ErrorCode::MalformedFrame).await;
    socket.send_raw(r#"{"type":"launch_rockets"}"#).await;
    expect_error(&mut socket, ErrorCode::UnknownFrame).await;
    socket.send_raw(r#"{"type":"send","body":"no client id"}"#).await;
    expect_error(&mut socket, ErrorCode::MalformedFrame).await;
    socket.send_raw(r#"["type","send"]"#).await;
    expect_error(&mut socket, ErrorCode::MalformedFrame).await;
    socket.send_binary(vec![0, 159, 146, 150]).await;
    expect_error(&mut socket, ErrorCode::MalformedFrame).await;

    socket.send(&send("empty", "   \n ")).await;
    assert_eq!(expect_error(&mut socket, ErrorCode::EmptyBody).await.as_deref(), Some("empty"));
    socket.send(&send("long", &"é".repeat(51))).await;
    assert_eq!(expect_error(&mut socket, ErrorCode::BodyTooLong).await.as_deref(), Some("long"));
    socket.send(&send("", "no id")).await;
    expect_error(&mut socket, ErrorCode::MalformedFrame).await;

    let oversized = format!(r#"{{"type":"send","client_id":"big","body":"{}"}}"#, "x".repeat(70 * 1024));
    socket.send_raw(&oversized).await;
    expect_error(&mut socket, ErrorCode::FrameTooLarge).await;

    // After all that, the same connection still works, and nothing bad was stored.
    socket.send(&send("ok", &"é".repeat(50))).await;
    let (conversation_id, seq) = expect_ack(&mut socket, "ok").await;
    assert_eq!(seq, 1);
    assert_eq!(conversation(&app, conversation_id).await.messages.len(), 1);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn a_visitor_cannot_read_or_write_another_visitors_conversation(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let alice = app.create_visitor().await;
    let mallory = app.create_visitor().await;
    let mut alice_socket = app.visitor_socket(&alice).await;
    alice_socket.send(&send("a1", "my account number is 1234")).await;
    let (alice_conversation, _) = expect_ack(&mut alice_socket, "a1").await;

    let mut socket = app.visitor_socket(&mallory).await;
    let target = Some(alice_conversation);
    socket.send(&ClientFrame::Subscribe { conversation_id: target, after_seq: 0 }).await;
    expect_error(&mut socket, ErrorCode::NotFound).await;
    socket
        .send(&ClientFrame::Send {
            conversation_id: target,
            client_id: "m1".into(),
            body: "injected".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    expect_error(&mut socket, ErrorCode::NotFound).await;
    socket.send(&ClientFrame::Read { conversation_id: target, seq: 1 }).await;
    expect_error(&mut socket, ErrorCode::NotFound).await;
    socket.send(&ClientFrame::Typing { conversation_id: target, is_typing: true }).await;
    expect_error(&mut socket, ErrorCode::NotFound).await;
    // Reusing Alice's client id in Mallory's own conversation is harmless.
    socket.send(&send("a1", "mine")).await;
    let (mallory_conversation, seq) = expect_ack(&mut socket, "a1").await;
    assert_ne!(mallory_conversation, alice_conversation);
    assert_eq!(seq, 1);

    // A guessed or stolen-looking token is refused before the upgrade.
    let forged = e2e::Visitor { id: alice.id, token: "A".repeat(43) };
    let refused = WsClient::connect_visitor(&app.ws_url("/api/v1/widget/ws"), &forged.token, &app.base_url).await;
    assert!(refused.is_err());

    let detail = conversation(&app, alice_conversation).await;
    let bodies: Vec<_> = detail.messages.iter().map(|m| m.body.as_str()).collect();
    assert_eq!(bodies, ["my account number is 1234"]);
    // Alice saw nothing of Mallory.
    alice_socket.send(&subscribe(1)).await;
    assert!(matches!(alice_socket.recv_significant().await, ServerFrame::Synced { last_seq: 1, .. }));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn an_agent_cannot_touch_conversations_of_another_workspace(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.other_workspace().await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&send("v1", "private")).await;
    let (conversation_id, _) = expect_ack(&mut socket, "v1").await;

    let eve = app.login(e2e::OTHER_EMAIL).await;
    let response =
        eve.http.get(app.url(&format!("/api/v1/conversations/{conversation_id}"))).send().await.expect("get");
    assert_eq!(response.status(), reqwest::StatusCode::NOT_FOUND);
    let list: Vec<protocol::api::ConversationSummary> =
        eve.http.get(app.url("/api/v1/conversations")).send().await.expect("list").json().await.expect("json");
    assert!(list.is_empty());
    let mut console = app.agent_socket(&eve).await;
    console.send(&ClientFrame::Subscribe { conversation_id: Some(conversation_id), after_seq: 0 }).await;
    expect_error(&mut console, ErrorCode::NotFound).await;
    console
        .send(&ClientFrame::Send {
            conversation_id: Some(conversation_id),
            client_id: "e".into(),
            body: "hi".into(),
            files: Vec::new(),
            internal: false,
        })
        .await;
    expect_error(&mut console, ErrorCode::NotFound).await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn concurrent_senders_get_gapless_sequence_numbers(#[case] backend: Backend) {
    let app = without_routing(backend).await;
    let visitor = app.create_visitor().await;
    let mut first = app.visitor_socket(&visitor).await;
    first.send(&send("start", "start")).await;
    let (conversation_id, _) = expect_ack(&mut first, "start").await;
    let agent = app.login(e2e::AGENT_EMAIL).await;

    let mut tasks = Vec::new();
    for n in 0..4 {
        let mut socket = app.agent_socket(&agent).await;
        tasks.push(tokio::spawn(async move {
            let mut seqs = Vec::new();
            for i in 0..10 {
                let client_id = format!("agent{n}-{i}");
                socket
                    .send(&ClientFrame::Send {
                        conversation_id: Some(conversation_id),
                        client_id: client_id.clone(),
                        body: client_id.clone(),
                        files: Vec::new(),
                        internal: false,
                    })
                    .await;
                seqs.push(expect_ack(&mut socket, &client_id).await.1);
            }
            seqs
        }));
    }
    let mut all: Vec<i64> = Vec::new();
    for task in tasks {
        all.extend(task.await.expect("task"));
    }
    all.sort_unstable();
    assert_eq!(all, (2..=41).collect::<Vec<_>>());
    let detail = conversation(&app, conversation_id).await;
    let seqs: Vec<i64> = detail.messages.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, (1..=41).collect::<Vec<_>>());
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn an_agent_socket_past_its_subscription_limit_is_refused_and_keeps_streaming_the_rest(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.limits.subscriptions_per_socket = 3).await;
    let mut visitors = Vec::new();
    let mut conversations = Vec::new();
    for n in 0..4 {
        let visitor = app.create_visitor().await;
        let mut socket = app.visitor_socket(&visitor).await;
        socket.send(&send("v1", &format!("hello {n}"))).await;
        conversations.push(expect_ack(&mut socket, "v1").await.0);
        visitors.push(socket);
    }
    let agent = app.login(e2e::AGENT_EMAIL).await;
    let mut console = app.agent_socket(&agent).await;
    let follow = |id: i64| ClientFrame::Subscribe { conversation_id: Some(id), after_seq: 0 };
    for &id in &conversations[..3] {
        console.send(&follow(id)).await;
        console.recv_until(|f| matches!(f, ServerFrame::Synced { conversation_id: Some(c), .. } if *c == id)).await;
    }

    console.send(&follow(conversations[3])).await;
    expect_error(&mut console, ErrorCode::TooManySubscriptions).await;
    // Following one again is not a new subscription.
    console.send(&follow(conversations[0])).await;
    console.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;

    // The first one followed still streams: nothing was dropped to make room. (Routing
    // the waiting chats to the agent who came online writes history entries into them
    // meanwhile; those are not what this waits for.)
    visitors[0].send(&send("v2", "still there?")).await;
    expect_ack(&mut visitors[0], "v2").await;
    let live = console.recv_until(|f| matches!(f, ServerFrame::Message { message } if message.client_id == "v2")).await;
    let ServerFrame::Message { message } = live else { unreachable!() };
    assert_eq!((message.conversation_id, message.body.as_str()), (conversations[0], "still there?"));
}

/// A failure after a message was stored and acknowledged (here, following the chat it
/// began, over the socket's subscription limit) is the socket's, not the message's: the
/// error frame names no client id, so a client never takes it for a refused message.
#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_error_after_the_ack_does_not_name_the_acknowledged_message(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.chat.routing = false;
        config.limits.subscriptions_per_socket = 0;
    })
    .await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&subscribe(0)).await;
    assert!(matches!(socket.recv_significant().await, ServerFrame::Synced { conversation_id: None, last_seq: 0 }));
    socket.send(&send("c-1", "hello")).await;
    let (conversation_id, seq) = expect_ack(&mut socket, "c-1").await;
    assert_eq!(expect_error(&mut socket, ErrorCode::TooManySubscriptions).await, None);
    let stored = conversation(&app, conversation_id).await;
    assert_eq!(stored.messages.iter().map(|m| (m.seq, m.body.as_str())).collect::<Vec<_>>(), [(seq, "hello")]);
}

/// The message writer keeps its database connection from one batch to the next. When
/// the database ends it (a restart, an idle timeout), the next message is stored all the
/// same, on a new connection, and acknowledged once.
#[tokio::test]
async fn a_message_is_stored_after_the_database_ended_the_writers_connection() {
    let app = without_routing(Backend::Postgres).await;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&subscribe(0)).await;
    assert!(matches!(socket.recv_significant().await, ServerFrame::Synced { conversation_id: None, last_seq: 0 }));
    socket.send(&send("c-1", "before")).await;
    expect_ack(&mut socket, "c-1").await;
    // The socket then follows the new chat and counts its unread messages, reading the
    // database; only once that is done are its connections ended under it.
    socket.recv_until(|frame| matches!(frame, ServerFrame::Unread { .. })).await;

    // Every connection of the server to its database ends, the writer's among them.
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(app.database_url()).await.expect("connect");
    let ended: Vec<(i32, bool)> = sqlx::query_as(
        "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .fetch_all(&mut conn)
    .await
    .expect("terminate");
    assert!(ended.iter().any(|(_, ended)| *ended), "the server's connections ended: {ended:?}");
    // `pg_terminate_backend` only signals: wait until those backends are gone, so the
    // next message meets dead connections rather than dying ones.
    let pids: Vec<i32> = ended.iter().map(|(pid, _)| *pid).collect();
    let gone = async {
        loop {
            let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ANY($1)")
                .bind(&pids)
                .fetch_one(&mut conn)
                .await
                .expect("count backends");
            if left == 0 {
                return;
            }
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), gone).await.expect("the backends ended");

    socket.send(&send("c-2", "after")).await;
    let (conversation_id, seq) = expect_ack(&mut socket, "c-2").await;
    assert_eq!(seq, 2);
    let detail = conversation(&app, conversation_id).await;
    let bodies: Vec<&str> = detail.messages.iter().map(|message| message.body.as_str()).collect();
    assert_eq!(bodies, ["before", "after"]);
}
