//! Who holds a chat and where it stands, against the real server on both databases:
//! round-robin routing within capacity, transfers, an offline assignee's chats going
//! back to the queue (on the test clock), snoozes, the inbox's filters, search and
//! pages, every change in the chat's history and live, and private notes that never
//! reach the visitor.

use e2e::ws::send_frame as send;
use std::time::Duration;

use e2e::tickets::agent_send;
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, TestApp, Visitor, WsClient};
use protocol::ErrorCode;
use protocol::api::{AuthorKind, ConversationDetail, ConversationSummary, VisitorIdentity};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::inbox::{AgentAvailability, AssignReason, ConversationChange, ConversationStatus};
use protocol::tickets::Team;
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::json;

const GRACE: Duration = Duration::from_secs(120);

fn agent_message(conversation_id: i64, client_id: &str, body: &str, internal: bool) -> ClientFrame {
    ClientFrame::Send {
        conversation_id: Some(conversation_id),
        client_id: client_id.into(),
        body: body.into(),
        files: Vec::new(),
        internal,
    }
}

async fn ack(socket: &mut WsClient) -> (i64, i64) {
    match socket.recv_until(|f| matches!(f, ServerFrame::Ack { .. } | ServerFrame::Error { .. })).await {
        ServerFrame::Ack { conversation_id, seq, .. } => (conversation_id, seq),
        other => panic!("expected an ack, got {other:?}"),
    }
}

/// A visitor who wrote `body`; returns their socket and conversation.
async fn visitor_writes(app: &TestApp, body: &str) -> (Visitor, WsClient, i64) {
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    socket.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    socket.send(&send("first", body)).await;
    let (conversation_id, _) = ack(&mut socket).await;
    (visitor, socket, conversation_id)
}

/// Waits on an agent socket for the inbox row of `conversation_id` that `done` accepts.
async fn summary_where(
    socket: &mut WsClient,
    conversation_id: i64,
    done: impl Fn(&ConversationSummary) -> bool,
) -> ConversationSummary {
    match socket
        .recv_until(
            |f| matches!(f, ServerFrame::Conversation { summary } if summary.id == conversation_id && done(summary)),
        )
        .await
    {
        ServerFrame::Conversation { summary } => summary,
        _ => unreachable!(),
    }
}

async fn inbox(app: &TestApp, agent: &AgentClient, query: &str) -> Vec<ConversationSummary> {
    let response = agent.http.get(app.url(&format!("/api/v1/conversations?{query}"))).send().await.expect("inbox");
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.json().await.expect("inbox json")
}

async fn detail(app: &TestApp, agent: &AgentClient, id: i64) -> ConversationDetail {
    let response = agent.http.get(app.url(&format!("/api/v1/conversations/{id}"))).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("detail")
}

async fn put(app: &TestApp, agent: &AgentClient, path: &str, body: serde_json::Value) -> reqwest::Response {
    agent_send(app, agent, Method::PUT, path, body).await
}

fn changes(detail: &ConversationDetail) -> Vec<ConversationChange> {
    detail.messages.iter().filter_map(|message| message.change.clone()).collect()
}

async fn set_capacity(app: &TestApp, admin: &AgentClient, agent_id: i64, capacity: u32) {
    let response =
        agent_send(app, admin, Method::PATCH, &format!("/api/v1/agents/{agent_id}"), json!({ "capacity": capacity }))
            .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn new_chats_go_round_robin_to_online_agents_within_their_capacity(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let (admin_id, agent_id) = (admin.session.agent.id, agent.session.agent.id);
    set_capacity(&app, &admin, admin_id, 1).await;
    set_capacity(&app, &admin, agent_id, 1).await;
    let mut admin_socket = app.agent_socket(&admin).await;
    let _agent_socket = app.agent_socket(&agent).await;

    let (_, _, first) = visitor_writes(&app, "Where is my invoice?").await;
    let first_row = summary_where(&mut admin_socket, first, |s| s.assignee_id.is_some()).await;
    let (_, _, second) = visitor_writes(&app, "How do I change my plan?").await;
    let second_row = summary_where(&mut admin_socket, second, |s| s.assignee_id.is_some()).await;
    assert_eq!(first_row.assignee_id, Some(admin_id), "the agent routed to longest ago (never) goes first");
    assert_eq!(second_row.assignee_id, Some(agent_id), "then the next one");

    // Both are full: the third chat waits in the queue.
    let (_, _, third) = visitor_writes(&app, "Can I export to CSV?").await;
    let waiting = summary_where(&mut admin_socket, third, |_| true).await;
    assert_eq!(waiting.assignee_id, None);
    assert!(waiting.awaiting_since.is_some());
    let unassigned = inbox(&app, &admin, "view=unassigned&status=open").await;
    assert_eq!(unassigned.iter().map(|s| s.id).collect::<Vec<_>>(), [third]);

    // Resolving the admin's chat frees a place, which the waiting chat takes.
    let response =
        put(&app, &admin, &format!("/api/v1/conversations/{first}/status"), json!({"status": "resolved"})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let routed = summary_where(&mut admin_socket, third, |s| s.assignee_id.is_some()).await;
    assert_eq!(routed.assignee_id, Some(admin_id));
    let mine: Vec<i64> = inbox(&app, &admin, "view=mine&status=open").await.iter().map(|s| s.id).collect();
    assert_eq!(mine, [third]);
    let resolved: Vec<i64> = inbox(&app, &admin, "status=resolved").await.iter().map(|s| s.id).collect();
    assert_eq!(resolved, [first]);

    let history = changes(&detail(&app, &admin, third).await);
    assert_eq!(
        history,
        [ConversationChange::Assigned {
            assignee_id: Some(admin_id),
            team: Team::FirstLine,
            by: None,
            reason: AssignReason::Routed
        }]
    );
    // Capacity 0 takes an agent out of routing altogether.
    set_capacity(&app, &admin, admin_id, 0).await;
    set_capacity(&app, &admin, agent_id, 0).await;
    let (_, _, fourth) = visitor_writes(&app, "Hello?").await;
    let row = summary_where(&mut admin_socket, fourth, |_| true).await;
    assert_eq!(row.assignee_id, None);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn transfers_and_status_changes_are_in_the_history_live_and_never_reach_the_visitor(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.chat.routing = false).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let (admin_id, agent_id) = (admin.session.agent.id, agent.session.agent.id);
    let (visitor, mut visitor_socket, id) = visitor_writes(&app, "My export fails").await;
    let mut console = app.agent_socket(&agent).await;
    console.send(&ClientFrame::Subscribe { conversation_id: Some(id), after_seq: 0 }).await;
    console.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;

    let path = format!("/api/v1/conversations/{id}/assignment");
    let response = put(&app, &admin, &path, json!({"assignee_id": agent_id, "team": "first_line"})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let summary: ConversationSummary = response.json().await.expect("summary");
    assert_eq!(summary.assignee_id, Some(agent_id));
    let entry = match console.recv_until(|f| matches!(f, ServerFrame::Message { .. })).await {
        ServerFrame::Message { message } => message,
        _ => unreachable!(),
    };
    assert!(entry.internal);
    assert_eq!(entry.author, AuthorKind::System);
    assert_eq!(
        entry.change,
        Some(ConversationChange::Assigned {
            assignee_id: Some(agent_id),
            team: Team::FirstLine,
            by: Some(admin_id),
            reason: AssignReason::Manual
        })
    );

    // A transfer to a team leaves the chat in that team's queue.
    let response = put(&app, &admin, &path, json!({"assignee_id": null, "team": "engineering"})).await;
    assert_eq!(response.status(), StatusCode::OK);
    let team_view: Vec<i64> = inbox(&app, &admin, "view=team&team=engineering").await.iter().map(|s| s.id).collect();
    assert_eq!(team_view, [id]);
    assert!(inbox(&app, &admin, "view=team&team=first_line").await.is_empty());

    let snooze_until = app.state.clock.now() + 3_600_000;
    let status = format!("/api/v1/conversations/{id}/status");
    let response = put(&app, &admin, &status, json!({"status": "snoozed", "snoozed_until": snooze_until})).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.state.queue.run_timers().await.expect("timers").woken, 0, "not yet");
    app.state.clock.advance(Duration::from_secs(3_601));
    assert_eq!(app.state.queue.run_timers().await.expect("timers").woken, 1);
    assert_eq!(app.state.queue.run_timers().await.expect("timers").woken, 0, "once");

    // Resolved, then the visitor writes again: open once more.
    let response = put(&app, &admin, &status, json!({"status": "resolved"})).await;
    assert_eq!(response.status(), StatusCode::OK);
    visitor_socket.send(&send("again", "Still failing")).await;
    ack(&mut visitor_socket).await;
    // The message shows first, then the chat opens again.
    summary_where(&mut console, id, |s| s.preview == "Still failing").await;
    summary_where(&mut console, id, |s| s.status == ConversationStatus::Open).await;

    let history = changes(&detail(&app, &admin, id).await);
    let statuses: Vec<(ConversationStatus, Option<i64>)> = history
        .iter()
        .filter_map(|change| match change {
            ConversationChange::Status { status, by, .. } => Some((*status, *by)),
            ConversationChange::Assigned { .. } | ConversationChange::Emailed { .. } => None,
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (ConversationStatus::Snoozed, Some(admin_id)),
            (ConversationStatus::Open, None),
            (ConversationStatus::Resolved, Some(admin_id)),
            (ConversationStatus::Open, None),
        ]
    );

    // The visitor saw their own messages only, however they look.
    let mut fresh = app.visitor_socket(&visitor).await;
    fresh.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let mut seen = Vec::new();
    loop {
        match fresh.recv_significant().await {
            ServerFrame::Message { message } => seen.push(message),
            ServerFrame::Synced { .. } => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(seen.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), ["My export fails", "Still failing"]);
    assert!(seen.iter().all(|m| !m.internal && m.change.is_none()));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn an_offline_assignee_gives_their_chats_back_after_the_grace_period(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let (admin_id, agent_id) = (admin.session.agent.id, agent.session.agent.id);
    // Only the agent is online when the chat comes in.
    let mut agent_socket = app.agent_socket(&agent).await;
    let (_, _, id) = visitor_writes(&app, "Is anyone there?").await;
    let routed = summary_where(&mut agent_socket, id, |s| s.assignee_id.is_some()).await;
    assert_eq!(routed.assignee_id, Some(agent_id));
    // The admin comes online too, taking nothing for the test to be clear.
    set_capacity(&app, &admin, admin_id, 0).await;
    let mut watcher = app.agent_socket(&admin).await;

    agent_socket.close().await;
    // The admin's socket hears the agent leave: the server has counted them offline.
    watcher.recv_until(|f| matches!(f, ServerFrame::Presence { agents_online: 1 })).await;
    assert_eq!(app.state.queue.run_timers().await.expect("timers").released, 0, "within the grace period");
    app.state.clock.advance(GRACE + Duration::from_secs(1));
    set_capacity(&app, &admin, admin_id, 5).await;
    let done = app.state.queue.run_timers().await.expect("timers");
    assert_eq!(done.released, 1);
    let summary = summary_where(&mut watcher, id, |s| s.assignee_id == Some(admin_id)).await;
    assert_eq!(summary.status, ConversationStatus::Open);

    let history = changes(&detail(&app, &admin, id).await);
    let reasons: Vec<(Option<i64>, AssignReason)> = history
        .iter()
        .filter_map(|change| match change {
            ConversationChange::Assigned { assignee_id, reason, .. } => Some((*assignee_id, *reason)),
            ConversationChange::Status { .. } | ConversationChange::Emailed { .. } => None,
        })
        .collect();
    assert_eq!(
        reasons,
        [
            (Some(agent_id), AssignReason::Routed),
            (None, AssignReason::AssigneeOffline),
            (Some(admin_id), AssignReason::Routed)
        ]
    );
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn a_note_never_reaches_the_visitor(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.chat.routing = false).await;
    let agent = app.login(AGENT_EMAIL).await;
    let (visitor, mut visitor_socket, id) = visitor_writes(&app, "Please refund me").await;
    visitor_socket.recv_until(|f| matches!(f, ServerFrame::Message { .. })).await;
    let mut console = app.agent_socket(&agent).await;
    console.send(&ClientFrame::Subscribe { conversation_id: Some(id), after_seq: 0 }).await;
    console.recv_until(|f| matches!(f, ServerFrame::Synced { .. })).await;

    let secret = "Internal: customer is on the legacy plan, check with billing";
    console.send(&agent_message(id, "note-1", secret, true)).await;
    let (_, note_seq) = ack(&mut console).await;
    console.send(&agent_message(id, "reply-1", "Looking into it now.", false)).await;
    let (_, reply_seq) = ack(&mut console).await;
    assert_eq!(reply_seq, note_seq + 1);

    // Live: the reply arrives and nothing before it.
    let live = match visitor_socket.recv_until(|f| matches!(f, ServerFrame::Message { .. })).await {
        ServerFrame::Message { message } => message,
        _ => unreachable!(),
    };
    assert_eq!(live.body, "Looking into it now.");
    let unread = visitor_socket.recv_until(|f| matches!(f, ServerFrame::Unread { .. })).await;
    assert!(matches!(unread, ServerFrame::Unread { count: 1, .. }), "{unread:?}");

    // Replayed to a new socket: still not there.
    let mut replay = app.visitor_socket(&visitor).await;
    replay.send(&ClientFrame::Subscribe { conversation_id: None, after_seq: 0 }).await;
    let mut bodies = Vec::new();
    loop {
        match replay.recv_significant().await {
            ServerFrame::Message { message } => bodies.push(message.body),
            ServerFrame::Synced { .. } => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(bodies, ["Please refund me", "Looking into it now."]);

    // The inbox row and the agents' view: the note is there for agents, and it moved
    // neither the preview nor the wait.
    let detail = detail(&app, &agent, id).await;
    let note = detail.messages.iter().find(|m| m.client_id == "note-1").expect("the note");
    assert!(note.internal);
    assert_eq!(note.body, secret);
    assert_eq!(detail.summary.preview, "Looking into it now.");

    // Handed off to a ticket: the visitor's tickets and the ticket's public thread
    // carry nothing of it.
    let response = agent_send(
        &app,
        &agent,
        Method::POST,
        &format!("/api/v1/conversations/{id}/ticket"),
        json!({"subject": "Refund", "ticket_type": "question", "priority": "medium", "email": "priya@example.com"}),
    )
    .await;
    assert!(response.status().is_success(), "{}", response.status());
    let ticket: protocol::tickets::TicketDetail = response.json().await.expect("ticket");
    let thread = e2e::tickets::ticket_detail(&app, &agent, ticket.ticket.number).await;
    for event in &thread.events {
        assert!(!event.body.as_deref().unwrap_or_default().contains("legacy plan"), "{event:?}");
    }
    let mine = reqwest::Client::new()
        .get(app.url("/api/v1/widget/tickets"))
        .bearer_auth(&visitor.token)
        .header("origin", e2e::HOST_ORIGIN)
        .send()
        .await
        .expect("my tickets")
        .text()
        .await
        .expect("body");
    assert!(!mine.contains("legacy plan"));
    let outgoing = app.state.store.ticket_outbox(thread.ticket.id).await.expect("outbox");
    for mail in outgoing {
        assert!(!mail.raw.contains("legacy plan"));
    }

    // A visitor cannot write a note.
    visitor_socket
        .send(&ClientFrame::Send {
            conversation_id: None,
            client_id: "sneaky".into(),
            body: "a note".into(),
            files: Vec::new(),
            internal: true,
        })
        .await;
    match visitor_socket.recv_until(|f| matches!(f, ServerFrame::Error { .. } | ServerFrame::Ack { .. })).await {
        ServerFrame::Error { code, client_id, .. } => {
            assert_eq!(code, ErrorCode::Forbidden);
            assert_eq!(client_id.as_deref(), Some("sneaky"));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn the_inbox_filters_searches_and_pages(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.chat.routing = false).await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut ids = Vec::new();
    for (index, body) in
        ["Refund for order 1042", "Password reset", "Dark mode please", "50% off coupon"].iter().enumerate()
    {
        let visitor = app.create_visitor().await;
        let mut socket = app.visitor_socket(&visitor).await;
        if index == 1 {
            let identity = VisitorIdentity {
                name: Some("Priya Raman".into()),
                email: Some("priya@example.com".into()),
                ..Default::default()
            };
            socket
                .send(&ClientFrame::Context {
                    page_url: "https://host.example/".into(),
                    identity: Some(identity),
                    locale: None,
                    time_zone: None,
                })
                .await;
        }
        socket.send(&send("m", body)).await;
        let (id, _) = ack(&mut socket).await;
        ids.push(id);
        // Distinct times keep the order plain.
        app.state.clock.advance(Duration::from_secs(1));
    }
    let newest_first: Vec<i64> = ids.iter().rev().copied().collect();
    let all: Vec<i64> = inbox(&app, &agent, "").await.iter().map(|s| s.id).collect();
    assert_eq!(all, newest_first);

    let found = |query: &'static str| {
        let (app, agent) = (&app, &agent);
        async move { inbox(app, agent, query).await.iter().map(|s| s.id).collect::<Vec<i64>>() }
    };
    assert_eq!(found("q=REFUND").await, [ids[0]], "message text, any case");
    assert_eq!(found("q=priya").await, [ids[1]], "visitor name");
    assert_eq!(found("q=priya%40example.com").await, [ids[1]], "visitor email");
    assert_eq!(found("q=50%25").await, [ids[3]], "a % is a percent sign, not a wildcard");
    assert!(found("q=nothing-like-this").await.is_empty());
    // Through the trigram index, a substring in the middle of a word; and shorter than a
    // trigram, by a scan; and quotes are text, not query syntax.
    assert_eq!(found("q=ASSWOR").await, [ids[1]], "part of a word");
    assert_eq!(found("q=10").await, [ids[0]], "two characters");
    assert!(found("q=%22mode%22%20OR%20reset").await.is_empty(), "no query syntax");
    let named = inbox(&app, &agent, "q=priya").await;
    assert_eq!(named[0].visitor_name, "Priya Raman");
    assert_eq!(named[0].visitor_email.as_deref(), Some("priya@example.com"));

    // Pages of two, by the cursor of the last row.
    let first = inbox(&app, &agent, "limit=2").await;
    assert_eq!(first.iter().map(|s| s.id).collect::<Vec<_>>(), newest_first[..2]);
    let last = first.last().expect("row");
    let next = inbox(&app, &agent, &format!("limit=2&before={}:{}", last.updated_at, last.id)).await;
    assert_eq!(next.iter().map(|s| s.id).collect::<Vec<_>>(), newest_first[2..]);

    for bad in [
        "limit=0",
        "limit=201",
        "before=yesterday",
        "view=team",
        "view=mine&team=engineering",
        "status=closed",
        "view=everyone",
    ] {
        let response = agent.http.get(app.url(&format!("/api/v1/conversations?{bad}"))).send().await.expect("get");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let long = "x".repeat(201);
    let response = agent.http.get(app.url(&format!("/api/v1/conversations?q={long}"))).send().await.expect("get");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn bad_changes_are_refused_and_change_nothing(#[case] backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| config.chat.routing = false).await;
    let other = app.other_workspace().await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    let agent_id = agent.session.agent.id;
    let (_, _, id) = visitor_writes(&app, "Hi").await;
    let eve = app.login(e2e::OTHER_EMAIL).await;
    let eve_id = eve.session.agent.id;
    assert_ne!(other.id, app.workspace.id);

    let assignment = format!("/api/v1/conversations/{id}/assignment");
    let status = format!("/api/v1/conversations/{id}/status");
    let now = app.state.clock.now();
    let refusals = [
        (assignment.as_str(), json!({"assignee_id": eve_id, "team": "first_line"}), StatusCode::BAD_REQUEST),
        (assignment.as_str(), json!({"assignee_id": agent_id, "team": "sales"}), StatusCode::BAD_REQUEST),
        (status.as_str(), json!({"status": "snoozed"}), StatusCode::BAD_REQUEST),
        (status.as_str(), json!({"status": "snoozed", "snoozed_until": now - 1}), StatusCode::BAD_REQUEST),
        (
            status.as_str(),
            json!({"status": "snoozed", "snoozed_until": now + 400 * 86_400_000_i64}),
            StatusCode::BAD_REQUEST,
        ),
        (status.as_str(), json!({"status": "open", "snoozed_until": now + 1000}), StatusCode::BAD_REQUEST),
        (status.as_str(), json!({"status": "closed"}), StatusCode::BAD_REQUEST),
    ];
    for (path, body, expected) in refusals {
        let response = put(&app, &agent, path, body.clone()).await;
        assert_eq!(response.status(), expected, "{path} {body}");
    }
    // Another workspace's agent does not find the chat.
    let response = put(&app, &eve, &status, json!({"status": "resolved"})).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // A deactivated agent cannot be given chats.
    server::operator::deactivate_agent(&app.state.store, AGENT_EMAIL).await.expect("deactivate");
    let response = put(&app, &admin, &assignment, json!({"assignee_id": agent_id, "team": "first_line"})).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // Only admins set capacity and teams, within bounds.
    let admin_path = format!("/api/v1/agents/{}", admin.session.agent.id);
    let response = agent_send(&app, &eve, Method::PATCH, &admin_path, json!({"capacity": 3})).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = agent_send(&app, &admin, Method::PATCH, &admin_path, json!({"capacity": 101})).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let response =
        agent_send(&app, &admin, Method::PATCH, &admin_path, json!({"teams": ["engineering", "engineering"]})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let agents: Vec<AgentAvailability> =
        admin.http.get(app.url("/api/v1/agents")).send().await.expect("agents").json().await.expect("json");
    let me = agents.iter().find(|a| a.id == admin.session.agent.id).expect("admin");
    assert_eq!(me.teams, [Team::Engineering]);
    assert!(agents.iter().find(|a| a.id == agent_id).expect("agent").deactivated);

    let detail = detail(&app, &admin, id).await;
    assert!(changes(&detail).is_empty(), "nothing was recorded: {:?}", detail.messages);
    assert_eq!(detail.summary.status, ConversationStatus::Open);
    assert_eq!(detail.summary.assignee_id, None);

    // An agent sets their own status; an unknown one is refused.
    let response = put(&app, &admin, "/api/v1/agents/me/status", json!({"status": "do_not_disturb"})).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = put(&app, &admin, "/api/v1/agents/me/status", json!({"status": "asleep"})).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[case::two_nodes(Backend::TwoNodes)]
#[tokio::test]
async fn a_chat_waiting_too_long_is_mailed_about_once_per_wait(#[case] backend: Backend) {
    let smtp = e2e::smtp::SmtpServer::start();
    let app = e2e::tickets::spawn(backend, &smtp).await;
    let admin = app.login(ADMIN_EMAIL).await;
    let agent = app.login(AGENT_EMAIL).await;
    // The agent is online but takes no chats, so the chat waits.
    set_capacity(&app, &admin, agent.session.agent.id, 0).await;
    set_capacity(&app, &admin, admin.session.agent.id, 0).await;
    let mut console = app.agent_socket(&agent).await;
    let (_, mut visitor_socket, id) = visitor_writes(&app, "Is my data exported yet?").await;

    let queue = &app.state.queue;
    assert_eq!(queue.run_timers().await.expect("timers").alerted, 0, "not waiting long enough yet");
    app.state.clock.advance(Duration::from_secs(301));
    assert_eq!(queue.run_timers().await.expect("timers").alerted, 1);
    assert_eq!(queue.run_timers().await.expect("timers").alerted, 0, "once per wait");
    let mail = smtp.wait_for_messages(1, Duration::from_secs(10)).await;
    let raw = String::from_utf8_lossy(&mail[0]);
    assert!(e2e::tickets::header(&raw, "To").is_some_and(|to| to.contains(AGENT_EMAIL)), "{raw}");
    assert!(e2e::tickets::header(&raw, "Subject").is_some_and(|subject| subject.starts_with("A chat is waiting")));
    assert!(raw.contains(&format!("/console/inbox/{id}")));

    // An answer ends the wait; the visitor's next message starts a new one. Nobody is
    // online now, so the workspace's notification address hears of it.
    console.send(&agent_message(id, "answer", "Almost done.", false)).await;
    ack(&mut console).await;
    let mut presence = app.state.hub.presence(app.workspace.id);
    console.close().await;
    while *presence.borrow_and_update() != 0 {
        presence.changed().await.expect("presence");
    }
    let settings: serde_json::Value =
        admin.http.get(app.url("/api/v1/workspace/support")).send().await.expect("get").json().await.expect("json");
    let mut settings = settings;
    settings["notification_address"] = json!("Support-Leads@acme.example");
    let response = put(&app, &admin, "/api/v1/workspace/support", settings.clone()).await;
    assert_eq!(response.status(), StatusCode::OK);
    settings["notification_address"] = json!("not an address");
    let response = put(&app, &admin, "/api/v1/workspace/support", settings).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    visitor_socket.send(&send("second", "Still there?")).await;
    ack(&mut visitor_socket).await;
    app.state.clock.advance(Duration::from_secs(301));
    assert_eq!(queue.run_timers().await.expect("timers").alerted, 1);
    let mail = smtp.wait_for_messages(2, Duration::from_secs(10)).await;
    let raw = String::from_utf8_lossy(&mail[1]);
    assert!(e2e::tickets::header(&raw, "To").is_some_and(|to| to.contains("support-leads@acme.example")), "{raw}");
}
