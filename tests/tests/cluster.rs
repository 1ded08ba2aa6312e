//! Two server nodes on one PostgreSQL database, a visitor on the first and an agent on
//! the second: agents online on either node count everywhere, typing and unread counts
//! cross, and a node whose listening connection drops reads what it missed from the
//! database. (Messages and the inbox crossing nodes are the chat suites' `two_nodes`
//! cases.)

use e2e::ws::send_frame as send;
use std::time::Duration;

use e2e::{AGENT_EMAIL, Backend, TestApp, WsClient};
use protocol::api::AuthorKind;
use protocol::frames::{ClientFrame, ServerFrame};

async fn ack(socket: &mut WsClient, client_id: &str) -> (i64, i64) {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Ack { client_id: acked, conversation_id, seq, .. } if acked == client_id => (conversation_id, seq),
        other => panic!("expected the ack of {client_id}, got {other:?}"),
    }
}

async fn presence(socket: &mut WsClient, count: u32) {
    let frame =
        socket.recv_until(|f| matches!(f, ServerFrame::Presence { agents_online } if *agents_online == count)).await;
    assert_eq!(frame, ServerFrame::Presence { agents_online: count });
}

/// As the messenger does: follow the visitor's chat, and the one their first message
/// starts.
async fn follow(socket: &mut WsClient) {
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;
}

/// The next message frame, skipping everything else.
async fn message(socket: &mut WsClient) -> protocol::api::Message {
    match socket.recv_until(|f| matches!(f, ServerFrame::Message { .. })).await {
        ServerFrame::Message { message } => message,
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn an_agent_online_on_one_node_counts_on_the_other() {
    let app = TestApp::spawn(Backend::TwoNodes).await;
    let visitor = app.create_visitor().await;
    let mut visitor_socket = app.visitor_socket(&visitor).await;
    presence(&mut visitor_socket, 0).await;

    let agent = app.login(AGENT_EMAIL).await;
    let agent_socket = app.agent_socket(&agent).await;
    presence(&mut visitor_socket, 1).await;
    let listed: Vec<serde_json::Value> =
        agent.http.get(app.url("/api/v1/agents")).send().await.expect("agents").json().await.expect("agents json");
    let online: Vec<&serde_json::Value> = listed.iter().filter(|agent| agent["online"] == true).collect();
    assert_eq!(online.len(), 1, "the first node lists the agent online on the second: {listed:?}");
    assert_eq!(app.state.hub.online_agents(app.workspace.id), [agent.session.agent.id]);

    agent_socket.close().await;
    presence(&mut visitor_socket, 0).await;
    assert!(app.state.hub.online_agents(app.workspace.id).is_empty());
}

#[tokio::test]
async fn typing_and_unread_counts_cross_nodes() {
    let app = TestApp::spawn_with(Backend::TwoNodes, |config| config.chat.routing = false).await;
    let visitor = app.create_visitor().await;
    let mut visitor_socket = app.visitor_socket(&visitor).await;
    follow(&mut visitor_socket).await;
    visitor_socket.send(&send("v-1", "Hello from the first node")).await;
    let (conversation_id, _) = ack(&mut visitor_socket, "v-1").await;

    let agent = app.login(AGENT_EMAIL).await;
    let mut agent_socket = app.agent_socket(&agent).await;
    agent_socket.send(&ClientFrame::Subscribe { conversation_id: Some(conversation_id), after_seq: 0 }).await;
    assert_eq!(message(&mut agent_socket).await.body, "Hello from the first node");

    agent_socket.send(&ClientFrame::Typing { conversation_id: Some(conversation_id), is_typing: true }).await;
    let typing = visitor_socket.recv_until(|f| matches!(f, ServerFrame::Typing { .. })).await;
    assert!(matches!(typing, ServerFrame::Typing { author: AuthorKind::Agent, is_typing: true, .. }), "{typing:?}");
    visitor_socket.send(&ClientFrame::Typing { conversation_id: Some(conversation_id), is_typing: true }).await;
    let typing = agent_socket.recv_until(|f| matches!(f, ServerFrame::Typing { .. })).await;
    assert!(matches!(typing, ServerFrame::Typing { author: AuthorKind::Visitor, .. }), "{typing:?}");

    let reply = ClientFrame::Send {
        conversation_id: Some(conversation_id),
        client_id: "a-1".into(),
        body: "Answer from the second node".into(),
        files: Vec::new(),
        internal: false,
    };
    agent_socket.send(&reply).await;
    let (_, seq) = ack(&mut agent_socket, "a-1").await;
    assert_eq!(message(&mut visitor_socket).await.body, "Answer from the second node");
    let unread = visitor_socket.recv_until(|f| matches!(f, ServerFrame::Unread { count: 1, .. })).await;
    assert_eq!(unread, ServerFrame::Unread { conversation_id, count: 1 });

    // The visitor reads it on a second device, on the second node: the first device's
    // count drops.
    let second = app.second.as_ref().expect("second node");
    let mut other_device =
        WsClient::connect_visitor(&second.ws_url("/api/v1/widget/ws"), &visitor.token, &second.base_url)
            .await
            .expect("second device");
    other_device.send(&ClientFrame::Read { conversation_id: Some(conversation_id), seq }).await;
    let unread = visitor_socket.recv_until(|f| matches!(f, ServerFrame::Unread { count: 0, .. })).await;
    assert_eq!(unread, ServerFrame::Unread { conversation_id, count: 0 });
}

/// The second node's listening connection is cut, and the first node's messages are
/// committed while nobody on the second listens: when it listens again, it reads them
/// from the database, and the agent gets each once, in order. Two things make it read
/// again: connecting again, and the gap in the first node's envelope numbers its next
/// notice shows; with neither, the agent never sees them.
#[tokio::test]
async fn a_node_that_stopped_listening_reads_what_it_missed() {
    let app = TestApp::spawn_with(Backend::TwoNodes, |config| {
        config.chat.routing = false;
        // Long enough that the messages below are committed while nobody listens.
        config.cluster.reconnect_ms = 1_500;
    })
    .await;
    let second = app.second.as_ref().expect("second node");
    let visitor = app.create_visitor().await;
    let mut visitor_socket = app.visitor_socket(&visitor).await;
    follow(&mut visitor_socket).await;
    visitor_socket.send(&send("m-1", "before")).await;
    let (conversation_id, _) = ack(&mut visitor_socket, "m-1").await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut agent_socket = app.agent_socket(&agent).await;
    agent_socket.send(&ClientFrame::Subscribe { conversation_id: Some(conversation_id), after_seq: 0 }).await;
    assert_eq!(message(&mut agent_socket).await.body, "before");

    let cluster = second.state.cluster.as_ref().expect("clustered");
    let mut status = cluster.status.clone();
    let connections = status.borrow().connections;
    terminate_listener(&app, &cluster.node).await;
    tokio::time::timeout(Duration::from_secs(10), status.wait_for(|status| !status.listening))
        .await
        .expect("the node notices within 10 s")
        .expect("status");

    for (client_id, body) in [("m-2", "while deaf 1"), ("m-3", "while deaf 2")] {
        visitor_socket.send(&send(client_id, body)).await;
        ack(&mut visitor_socket, client_id).await;
    }
    assert_eq!(
        status.borrow().connections,
        connections,
        "the messages were committed while the node was not listening"
    );

    tokio::time::timeout(Duration::from_secs(20), status.wait_for(|status| status.listening))
        .await
        .expect("the node listens again")
        .expect("status");
    assert_eq!(message(&mut agent_socket).await.body, "while deaf 1");
    assert_eq!(message(&mut agent_socket).await.body, "while deaf 2");

    // And live again afterwards, with nothing sent twice.
    visitor_socket.send(&send("m-4", "after")).await;
    ack(&mut visitor_socket, "m-4").await;
    assert_eq!(message(&mut agent_socket).await.body, "after");
}

/// Ends the second node's LISTEN connection from the database's side.
async fn terminate_listener(app: &TestApp, node: &str) {
    use sqlx::Connection;
    let mut conn = sqlx::PgConnection::connect(app.database_url()).await.expect("connect");
    let ended: Vec<bool> =
        sqlx::query_scalar("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1")
            .bind(format!("helpline listener {node}"))
            .fetch_all(&mut conn)
            .await
            .expect("terminate");
    assert_eq!(ended, [true], "one listening connection");
}
