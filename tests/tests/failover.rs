//! Two `helpline serve` processes on one PostgreSQL database. Visitors write to the
//! first while an agent follows their chats live on the second. The first is killed
//! with SIGKILL while messages flow; the visitors' messengers go to the second node, as
//! a load balancer would send them, and send again what was not acknowledged. Every
//! message is acknowledged, stored once, and reaches the agent once and in order.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use e2e::crash_load::{Plan, Running, chat_through_crashes};
use e2e::process::{ServerProcess, prepare_workspace};
use e2e::ws::Received;
use e2e::{AGENT_EMAIL, Backend, PASSWORD, TestDb, WsClient, create_visitor_at};
use protocol::api::Login;
use protocol::frames::{ClientFrame, ServerFrame};
use tokio::sync::{oneshot, watch};

const VISITORS: usize = 3;
/// Each visitor's messages, a few in flight at once; one ticket at the start.
const PLAN: Plan = Plan { messages: 40, in_flight: 3, ticket_every: usize::MAX };
/// Acknowledgements before the first node is killed.
const KILL_AFTER: usize = 45;
const TEST_DEADLINE: Duration = Duration::from_secs(90);
/// New chats stay unassigned, so their messages are the only numbered entries.
const CONFIG: &str = "[chat]\nrouting = false\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_while_messages_flow_hands_its_visitors_to_the_other_with_nothing_lost() {
    tokio::time::timeout(TEST_DEADLINE, fail_over())
        .await
        .unwrap_or_else(|_| panic!("the test did not finish within {TEST_DEADLINE:?}"));
}

async fn fail_over() {
    let db = TestDb::new(Backend::Postgres).await;
    let workspace = prepare_workspace(db.url()).await;
    let mut first = ServerProcess::start(db.url(), CONFIG).await;
    let second = ServerProcess::start(db.url(), CONFIG).await;
    let (expected_tx, expected_rx) = oneshot::channel();
    let agent = tokio::spawn(follow_every_chat(agent_socket(second.base_url()).await, expected_rx));

    let (running_tx, running) = watch::channel(Running { generation: 0, base_url: first.base_url().to_owned() });
    let (acked_tx, mut acked) = watch::channel(0);
    let mut writers = Vec::new();
    for number in 0..VISITORS {
        let visitor = create_visitor_at(first.base_url(), &workspace.app_id).await;
        writers.push(tokio::spawn(chat_through_crashes(visitor, number, PLAN, running.clone(), acked_tx.clone())));
    }
    acked.wait_for(|count| *count >= KILL_AFTER).await.expect("acks");
    first.kill_9().await;
    running_tx.send_replace(Running { generation: 1, base_url: second.base_url().to_owned() });

    let mut last_seq: HashMap<i64, i64> = HashMap::new();
    let mut acks = Vec::new();
    let mut resent = 0;
    for writer in writers {
        let record = writer.await.expect("writer");
        resent += record.resent;
        for (client_id, ack) in record.acks {
            let last = last_seq.entry(ack.conversation_id).or_default();
            *last = (*last).max(ack.seq);
            acks.push((client_id, ack));
        }
    }
    assert_eq!(acks.len(), VISITORS * PLAN.messages, "every message was acknowledged");
    assert!(resent > 0, "the kill cut off messages in flight, which went again to the second node");

    // Stored once each, where the ack said.
    let pool = sqlx::PgPool::connect(db.url()).await.expect("connect");
    let stored: Vec<(i64, i64, String)> =
        sqlx::query_as("SELECT conversation_id, seq, client_id FROM messages ORDER BY conversation_id, seq")
            .fetch_all(&pool)
            .await
            .expect("messages");
    assert_eq!(stored.len(), acks.len(), "nothing stored twice, nothing extra");
    let stored: HashMap<String, (i64, i64)> =
        stored.into_iter().map(|(conversation, seq, client_id)| (client_id, (conversation, seq))).collect();
    for (client_id, ack) in &acks {
        assert_eq!(stored.get(client_id), Some(&(ack.conversation_id, ack.seq)), "{client_id}");
    }

    // The agent on the surviving node saw each chat's messages once, in order.
    expected_tx.send(last_seq.clone()).expect("the agent still follows");
    let seen = agent.await.expect("agent");
    for (conversation_id, last) in last_seq {
        let seqs = &seen[&conversation_id];
        assert_eq!(*seqs, (1..=last).collect::<Vec<_>>(), "conversation {conversation_id}");
    }
    pool.close().await;
}

async fn agent_socket(base_url: &str) -> WsClient {
    let response = reqwest::Client::new()
        .post(format!("{base_url}/api/v1/auth/login"))
        .json(&Login { email: AGENT_EMAIL.into(), password: PASSWORD.into() })
        .send()
        .await
        .expect("login");
    assert!(response.status().is_success(), "login: {}", response.status());
    let cookie = response
        .headers()
        .get("set-cookie")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .expect("session cookie")
        .to_owned();
    let url = format!("{}/api/v1/agent/ws", base_url.replacen("http://", "ws://", 1));
    WsClient::connect_agent(&url, &cookie, base_url).await.expect("agent socket")
}

/// As the console does: follows each chat the inbox announces, from its start, and
/// records the sequence numbers of the messages it gets, until every chat has reached
/// the last number the test expects.
async fn follow_every_chat(
    mut socket: WsClient,
    expected: oneshot::Receiver<HashMap<i64, i64>>,
) -> BTreeMap<i64, Vec<i64>> {
    let mut seen: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut expected = expected;
    let mut last: Option<HashMap<i64, i64>> = None;
    loop {
        if let Some(last) = &last
            && last.iter().all(|(conversation, seq)| seen.get(conversation).and_then(|seqs| seqs.last()) == Some(seq))
        {
            return seen;
        }
        tokio::select! {
            frame = socket.next() => match frame {
                Received::Frame(ServerFrame::Conversation { summary }) if !seen.contains_key(&summary.id) => {
                    seen.insert(summary.id, Vec::new());
                    socket.send(&ClientFrame::Subscribe { conversation_id: Some(summary.id), after_seq: 0 }).await;
                }
                Received::Frame(ServerFrame::Message { message }) => {
                    seen.entry(message.conversation_id).or_default().push(message.seq);
                }
                Received::Frame(_) => {}
                Received::Closed(close) => panic!("the agent's socket on the surviving node closed: {close:?}"),
            },
            wanted = &mut expected, if last.is_none() => last = Some(wanted.expect("the expected numbers")),
        }
    }
}
