//! Ticket writes through the desk on both databases: per-workspace numbers that are
//! gapless and never reused, changes recorded in the history, customer replies that
//! reopen, and the console queue's filters and due-time order. The store offers no
//! ticket write of its own: every one here goes through `Desk`.

use e2e::{Backend, TestApp};
use protocol::api::Role;
use protocol::tickets::{EventAuthor, Team, TicketEventKind, TicketPriority, TicketSource, TicketStatus, TicketType};
use rstest::rstest;
use serde_json::{Value, json};
use server::store::{Actor, AssigneeFilter, NewAgent, Store, TicketFilter, TicketRecord};
use server::tickets::desk::CustomerReply;
use server::tickets::{Change, Desk, Request, TicketError};

async fn agent(store: &Store, workspace_id: i64, email: &str) -> i64 {
    let agent = NewAgent { workspace_id, email, name: email, role: Role::Agent, password_hash: "unused" };
    store.create_agent(agent, 1).await.expect("agent")
}

fn request<'a>(workspace_id: i64, subject: &'a str, email: &'a str, context: &'a Value) -> Request<'a> {
    Request {
        workspace_id,
        subject,
        description: None,
        message_id: None,
        requester_email: email,
        requester_name: Some("Ada"),
        requester_user_id: Some("user-7"),
        requester_company_id: None,
        ticket_type: TicketType::Question,
        priority: TicketPriority::Medium,
        tags: &[],
        source: TicketSource::Email,
        conversation_id: None,
        visitor_id: None,
        context,
        details: context,
        created_by: Actor::Customer,
        acknowledge: false,
        notice: None,
        received: None,
        followers: &[],
        attachments: None,
    }
}

async fn create(desk: &Desk, workspace_id: i64, subject: &str) -> TicketRecord {
    let context = json!({});
    desk.open(request(workspace_id, subject, "ada@example.com", &context)).await.expect("create")
}

fn numbers(tickets: &[TicketRecord]) -> Vec<i64> {
    tickets.iter().map(|t| t.number).collect()
}

/// A customer's mail on the ticket, as inbound mail adds it.
fn customer_reply<'a>(body: &'a str, message_id: Option<&'a str>) -> CustomerReply<'a> {
    CustomerReply { body, message_id, received: None, followers: Vec::new() }
}

/// Sets a ticket's due times under the API, so the queue's order can be tested apart
/// from business hours.
async fn set_due(app: &TestApp, ticket_id: i64, next: Option<i64>) {
    let pool = sqlx::AnyPool::connect(app.database_url()).await.expect("connect");
    sqlx::query("UPDATE tickets SET next_response_due_at = $1 WHERE id = $2")
        .bind(next)
        .bind(ticket_id)
        .execute(&pool)
        .await
        .expect("set due");
    pool.close().await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn numbers_start_at_1001_and_count_per_workspace(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (desk, store) = (&app.state.desk, &app.state.store);
    let first = app.workspace.id;
    let second = app.other_workspace().await.id;
    assert_eq!(create(desk, first, "a").await.number, 1001);
    assert_eq!(create(desk, first, "b").await.number, 1002);
    assert_eq!(create(desk, second, "c").await.number, 1001, "each workspace counts on its own");
    assert_eq!(create(desk, first, "d").await.number, 1003);

    let context = json!({ "page": "https://host.example/billing", "browser": "Firefox", "plan": "pro" });
    let mut full = request(second, "Export fails", "bob@example.com", &context);
    full.created_by = Actor::System;
    let before = app.state.clock.now();
    let created = desk.open(full).await.expect("create");
    let loaded = store.ticket_by_number(second, 1002).await.expect("load").expect("exists");
    assert_eq!(loaded, created);
    assert_eq!(loaded.context, context, "the visitor's context stays attached");
    assert_eq!((loaded.status, loaded.requester_user_id.as_deref()), (TicketStatus::New, Some("user-7")));
    assert_eq!((loaded.team, loaded.source), (Team::FirstLine, TicketSource::Email));
    let events = store.ticket_events(created.id).await.expect("events");
    assert_eq!(events.len(), 1);
    let first_event = (events[0].seq, events[0].kind, events[0].author_kind);
    assert_eq!(first_event, (1, TicketEventKind::Created, EventAuthor::System));
    assert_eq!(events[0].new_value.as_deref(), Some("email"));
    assert!(events[0].created_at >= before);
    assert!(matches!(desk.open(request(999_999, "x", "x@example.com", &context)).await, Err(TicketError::NoWorkspace)));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creation_hands_out_gapless_unique_numbers(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let workspace_id = app.workspace.id;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let desk = app.state.desk.clone();
            tokio::spawn(async move { create(&desk, workspace_id, &format!("ticket {i}")).await.number })
        })
        .collect();
    let mut numbers = Vec::new();
    for task in tasks {
        numbers.push(task.await.expect("task"));
    }
    numbers.sort_unstable();
    assert_eq!(numbers, (1001..=1020).collect::<Vec<_>>());
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_deleted_ticket_number_is_never_reused(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (desk, store) = (&app.state.desk, &app.state.store);
    let workspace_id = app.workspace.id;
    create(desk, workspace_id, "kept").await;
    let latest = create(desk, workspace_id, "deleted").await;
    assert!(desk.delete(&latest).await.expect("delete"));
    assert!(store.ticket_by_number(workspace_id, 1002).await.expect("load").is_none());
    assert!(store.ticket_events(latest.id).await.expect("events").is_empty(), "events go with the ticket");
    assert_eq!(create(desk, workspace_id, "next").await.number, 1003);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_change_records_who_when_old_and_new_and_a_no_op_records_nothing(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (desk, store) = (&app.state.desk, &app.state.store);
    let workspace_id = app.workspace.id;
    let agent_id = agent(store, workspace_id, "ann@example.com").await;
    let ticket = create(desk, workspace_id, "Broken export").await;

    let before = app.state.clock.now();
    let changed = desk.change(&ticket, Actor::Agent(agent_id), Change::Priority(TicketPriority::High)).await;
    let changed = changed.expect("change");
    assert_eq!(changed.ticket.priority, TicketPriority::High);
    assert!(changed.ticket.updated_at >= before);
    let event = changed.event.expect("recorded");
    assert_eq!((event.seq, event.kind, event.author_kind), (2, TicketEventKind::PriorityChanged, EventAuthor::Agent));
    assert_eq!((event.author_agent_id, event.created_at), (Some(agent_id), changed.ticket.updated_at));
    assert_eq!((event.old_value.as_deref(), event.new_value.as_deref()), (Some("medium"), Some("high")));

    app.state.clock.advance(std::time::Duration::from_secs(60));
    let same = desk.change(&ticket, Actor::Agent(agent_id), Change::Priority(TicketPriority::High)).await;
    let same = same.expect("no-op");
    assert!(same.event.is_none());
    assert_eq!(same.ticket.updated_at, changed.ticket.updated_at, "a no-op change writes nothing");
    let tags = vec![" billing ".to_owned(), "export".to_owned(), "billing".to_owned()];
    let tagged = desk.change(&ticket, Actor::System, Change::Tags(tags)).await.expect("tags");
    assert_eq!(tagged.ticket.tags, ["billing", "export"]);
    let retagged = vec!["billing".to_owned(), "export".to_owned()];
    assert!(desk.change(&ticket, Actor::System, Change::Tags(retagged)).await.expect("tags").event.is_none());

    let actor = Actor::Agent(agent_id);
    desk.change(&ticket, actor, Change::Assignee(Some(agent_id))).await.expect("assign");
    desk.change(&ticket, actor, Change::Type(TicketType::Bug)).await.expect("type");
    desk.change(&ticket, actor, Change::Team(Team::Engineering)).await.expect("escalate");
    desk.change(&ticket, actor, Change::Team(Team::FirstLine)).await.expect("hand back");
    let history: Vec<_> = store
        .ticket_events(ticket.id)
        .await
        .expect("events")
        .into_iter()
        .map(|e| (e.seq, e.kind, e.old_value, e.new_value))
        .collect();
    let text = |value: &str| Some(value.to_owned());
    assert_eq!(
        history,
        [
            (1, TicketEventKind::Created, None, text("email")),
            (2, TicketEventKind::PriorityChanged, text("medium"), text("high")),
            (3, TicketEventKind::TagsChanged, text(""), text("billing\nexport")),
            (4, TicketEventKind::AssigneeChanged, None, Some(agent_id.to_string())),
            (5, TicketEventKind::TypeChanged, text("question"), text("bug")),
            (6, TicketEventKind::TeamChanged, text("first_line"), text("engineering")),
            (7, TicketEventKind::TeamChanged, text("engineering"), text("first_line")),
        ]
    );

    let outsider = agent(store, app.other_workspace().await.id, "eve@example.com").await;
    let foreign = desk.change(&ticket, actor, Change::Assignee(Some(outsider))).await;
    assert!(matches!(foreign, Err(TicketError::ForeignAgent)));
    let gone = TicketRecord { id: 424_242, ..ticket };
    assert!(matches!(desk.change(&gone, actor, Change::Status(TicketStatus::Open)).await, Err(TicketError::NotFound)));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn status_moves_follow_the_rules_and_closed_is_final(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (desk, store) = (&app.state.desk, &app.state.store);
    let ticket = create(desk, app.workspace.id, "Question").await;
    let resolved = desk.change(&ticket, Actor::System, Change::Status(TicketStatus::Resolved)).await;
    let resolved_at = resolved.expect("resolve").ticket.resolved_at.expect("stamped");
    let back_to_new = desk.change(&ticket, Actor::System, Change::Status(TicketStatus::New)).await;
    assert!(matches!(
        back_to_new,
        Err(TicketError::Transition { from: TicketStatus::Resolved, to: TicketStatus::New })
    ));
    app.state.clock.advance(std::time::Duration::from_secs(60));
    let closed = desk.change(&ticket, Actor::System, Change::Status(TicketStatus::Closed)).await;
    let closed = closed.expect("close").ticket;
    assert_eq!((closed.status, closed.resolved_at), (TicketStatus::Closed, Some(resolved_at)));
    assert!(closed.closed_at.is_some_and(|at| at > resolved_at));
    let reopened = desk.change(&ticket, Actor::System, Change::Status(TicketStatus::Open)).await;
    assert!(matches!(reopened, Err(TicketError::Transition { from: TicketStatus::Closed, to: TicketStatus::Open })));
    let reply = desk.customer_reply(&ticket, customer_reply("still broken", None)).await;
    assert!(matches!(reply, Err(TicketError::Closed)));
    assert_eq!(store.ticket_events(ticket.id).await.expect("events").len(), 3, "refusals record nothing");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_customer_reply_reopens_a_pending_ticket_with_the_reopening_in_history(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (desk, store) = (&app.state.desk, &app.state.store);
    let agent_id = agent(store, app.workspace.id, "ann@example.com").await;
    let ticket = create(desk, app.workspace.id, "Login loop").await;

    desk.note(&ticket, agent_id, "looks like a cookie issue").await.expect("note");
    let replied = desk.reply(&ticket, agent_id, "Ann", "Could you clear cookies?", false, Vec::new()).await;
    let replied = replied.expect("reply");
    let first_response = replied.ticket.first_responded_at.expect("answered");
    desk.change(&replied.ticket, Actor::Agent(agent_id), Change::Status(TicketStatus::Pending)).await.expect("pend");

    let added = desk.customer_reply(&ticket, customer_reply("Still looping", Some("<c1@example.com>"))).await;
    let added = added.expect("customer reply");
    assert_eq!(added.ticket.status, TicketStatus::Open);
    assert_eq!(added.ticket.first_responded_at, Some(first_response));
    let written: Vec<_> = added.events.iter().map(|e| (e.seq, e.kind, e.author_kind)).collect();
    assert_eq!(
        written,
        [
            (6, TicketEventKind::CustomerReply, EventAuthor::Customer),
            (7, TicketEventKind::StatusChanged, EventAuthor::Customer)
        ]
    );
    let reopening = &added.events[1];
    assert_eq!((reopening.old_value.as_deref(), reopening.new_value.as_deref()), (Some("pending"), Some("open")));
    assert_eq!(reopening.created_at, added.events[0].created_at);

    let again = desk.customer_reply(&ticket, customer_reply("Any news?", None)).await.expect("second reply");
    assert_eq!(again.events.len(), 1, "an open ticket stays open without a history entry");
    let redelivered = desk.customer_reply(&ticket, customer_reply("Still looping", Some("<c1@example.com>"))).await;
    assert!(matches!(redelivered, Err(TicketError::DuplicateMessage)), "a redelivered mail is refused");
    let events = store.ticket_events(ticket.id).await.expect("events");
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(store.ticket(ticket.id).await.expect("load").expect("exists").last_seq, 8);
    assert!(events[2].message_id.is_some(), "the reply keeps its mail's Message-ID");
    let taken = &events[3];
    assert_eq!(
        (taken.kind, taken.old_value.as_deref(), taken.new_value.as_deref()),
        (TicketEventKind::StatusChanged, Some("new"), Some("open")),
        "the first public reply takes the new ticket"
    );
    assert_eq!(events[1].body.as_deref(), Some("looks like a cookie issue"));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_queue_filters_and_sorts_by_due_time_with_nothing_owed_last(#[case] backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (desk, store) = (&app.state.desk, &app.state.store);
    let workspace_id = app.workspace.id;
    let other_id = app.other_workspace().await.id;
    let agent_id = agent(store, workspace_id, "ann@example.com").await;
    let context = json!({});
    let mut tickets = Vec::new();
    for (subject, email, due) in [
        ("Invoice 50% wrong", "carl@acme.test", Some(300)),
        ("Password reset", "dina@example.com", Some(100)),
        ("Feature idea", "ERIC@Acme.test", None),
        ("Export broken", "fay@example.com", Some(200)),
    ] {
        let ticket = desk.open(request(workspace_id, subject, email, &context)).await.expect("create");
        set_due(&app, ticket.id, due).await;
        tickets.push(ticket);
    }
    for subject in ["Password reset", "Invoice wrong"] {
        let foreign = desk.open(request(other_id, subject, "carl@acme.test", &context)).await.expect("create");
        set_due(&app, foreign.id, Some(1)).await;
    }
    let list = |filter: TicketFilter| {
        let store = store.clone();
        async move { numbers(&store.list_tickets(workspace_id, &filter, 50).await.expect("list")) }
    };

    assert_eq!(list(TicketFilter::default()).await, [1002, 1004, 1001, 1003]);
    assert_eq!(list(TicketFilter { breached_at: Some(250), ..Default::default() }).await, [1002, 1004]);
    assert_eq!(list(TicketFilter { breached_at: Some(100), ..Default::default() }).await, [] as [i64; 0]);

    let [invoice, password, idea, export] = [&tickets[0], &tickets[1], &tickets[2], &tickets[3]];
    let actor = Actor::Agent(agent_id);
    desk.change(export, actor, Change::Status(TicketStatus::Pending)).await.expect("pend");
    desk.change(idea, actor, Change::Type(TicketType::FeatureRequest)).await.expect("type");
    desk.change(password, actor, Change::Priority(TicketPriority::Critical)).await.expect("priority");
    desk.change(invoice, actor, Change::Assignee(Some(agent_id))).await.expect("assign");
    // The desk brought the changed tickets' due times in line with the hours; put the
    // test's back.
    for (ticket, due) in [(invoice, Some(300)), (password, Some(100)), (idea, Some(50)), (export, None)] {
        set_due(&app, ticket.id, due).await;
    }

    assert_eq!(list(TicketFilter::default()).await, [1003, 1002, 1001, 1004]);
    let statuses = vec![TicketStatus::New, TicketStatus::Open];
    assert_eq!(list(TicketFilter { statuses, ..Default::default() }).await, [1003, 1002, 1001]);
    assert_eq!(list(TicketFilter { priority: Some(TicketPriority::Critical), ..Default::default() }).await, [1002]);
    let feature_requests = TicketFilter { ticket_type: Some(TicketType::FeatureRequest), ..Default::default() };
    assert_eq!(list(feature_requests).await, [1003]);
    let mine = TicketFilter { assignee: AssigneeFilter::Agent(agent_id), ..Default::default() };
    assert_eq!(list(mine).await, [1001]);
    let unassigned = TicketFilter { assignee: AssigneeFilter::Unassigned, ..Default::default() };
    assert_eq!(list(unassigned).await, [1003, 1002, 1004]);

    let search = |text: &str| TicketFilter { search: Some(text.to_owned()), ..Default::default() };
    assert_eq!(list(search("#1004")).await, [1004]);
    assert_eq!(list(search("1002")).await, [1002]);
    assert_eq!(list(search("PASSWORD")).await, [1002], "the subject matches ignoring case");
    assert_eq!(list(search("acme.test")).await, [1003, 1001], "the requester's email matches");
    assert_eq!(list(search("50%")).await, [1001], "LIKE wildcards are matched literally");
    assert_eq!(list(search("_")).await, [] as [i64; 0]);
    assert_eq!(list(TicketFilter::default()).await.len(), 4, "another workspace's tickets never show");
    let limited = store.list_tickets(workspace_id, &TicketFilter::default(), 2).await.expect("list");
    assert_eq!(numbers(&limited), [1003, 1002]);
}
