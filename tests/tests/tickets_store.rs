//! Ticket queries on both databases: per-workspace numbers that are gapless and never
//! reused, changes recorded in the history, customer replies that reopen, and the
//! console queue's filters and due-time order.

use e2e::{Backend, TestDb};
use protocol::api::Role;
use rstest::rstest;
use serde_json::{Value, json};
use server::store::{
    Actor, AssigneeFilter, Change, EventAuthor, EventKind, NewAgent, NewEvent, NewTicket, Source, Status, Store, Team,
    TicketError, TicketFilter, TicketRecord, TicketType,
};
use server::tickets::Priority;

async fn open_store(backend: Backend) -> (TestDb, Store) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(db.url(), 8).await.expect("connect");
    store.migrate().await.expect("migrate");
    (db, store)
}

async fn workspace(store: &Store, app_id: &str) -> i64 {
    store.create_workspace(app_id, app_id, &[], 1).await.expect("workspace").id
}

async fn agent(store: &Store, workspace_id: i64, email: &str) -> i64 {
    let agent = NewAgent { workspace_id, email, name: email, role: Role::Agent, password_hash: "unused" };
    store.create_agent(agent, 1).await.expect("agent")
}

fn new_ticket<'a>(workspace_id: i64, subject: &'a str, email: &'a str, context: &'a Value) -> NewTicket<'a> {
    NewTicket {
        workspace_id,
        subject,
        requester_email: email,
        requester_name: Some("Ada"),
        requester_user_id: Some("user-7"),
        requester_company_id: None,
        ticket_type: TicketType::Question,
        priority: Priority::Medium,
        team: Team::FirstLine,
        assignee_id: None,
        tags: &[],
        source: Source::Email,
        conversation_id: None,
        visitor_id: None,
        context,
        details: context,
        first_response_due_at: None,
        next_response_due_at: None,
        created_by: Actor::Customer,
        description: None,
        notice: None,
        followers: &[],
    }
}

async fn create(store: &Store, workspace_id: i64, subject: &str) -> TicketRecord {
    let context = json!({});
    store.create_ticket(new_ticket(workspace_id, subject, "ada@example.com", &context), 10).await.expect("create")
}

fn numbers(tickets: &[TicketRecord]) -> Vec<i64> {
    tickets.iter().map(|t| t.number).collect()
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn numbers_start_at_1001_and_count_per_workspace(#[case] backend: Backend) {
    let (_db, store) = open_store(backend).await;
    let first = workspace(&store, "first").await;
    let second = workspace(&store, "second").await;
    assert_eq!(create(&store, first, "a").await.number, 1001);
    assert_eq!(create(&store, first, "b").await.number, 1002);
    assert_eq!(create(&store, second, "c").await.number, 1001, "each workspace counts on its own");
    assert_eq!(create(&store, first, "d").await.number, 1003);

    let context = json!({ "page": "https://host.example/billing", "browser": "Firefox", "plan": "pro" });
    let mut full = new_ticket(second, "Export fails", "bob@example.com", &context);
    full.created_by = Actor::System;
    let created = store.create_ticket(full, 42).await.expect("create");
    let loaded = store.ticket_by_number(second, 1002).await.expect("load").expect("exists");
    assert_eq!(loaded, created);
    assert_eq!(loaded.context, context, "the visitor's context stays attached");
    assert_eq!((loaded.status, loaded.requester_user_id.as_deref()), (Status::New, Some("user-7")));
    let events = store.ticket_events(created.id).await.expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!((events[0].seq, events[0].kind, events[0].author_kind), (1, EventKind::Created, EventAuthor::System));
    assert_eq!((events[0].new_value.as_deref(), events[0].created_at), (Some("email"), 42));
    assert!(matches!(
        store.create_ticket(new_ticket(999_999, "x", "x@example.com", &context), 1).await,
        Err(TicketError::NoWorkspace)
    ));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_creation_hands_out_gapless_unique_numbers(#[case] backend: Backend) {
    let (_db, store) = open_store(backend).await;
    let workspace_id = workspace(&store, "busy").await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move { create(&store, workspace_id, &format!("ticket {i}")).await.number })
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
    let (_db, store) = open_store(backend).await;
    let workspace_id = workspace(&store, "w").await;
    create(&store, workspace_id, "kept").await;
    let latest = create(&store, workspace_id, "deleted").await;
    assert!(store.delete_ticket(latest.id).await.expect("delete"));
    assert!(store.ticket_by_number(workspace_id, 1002).await.expect("load").is_none());
    assert!(store.ticket_events(latest.id).await.expect("events").is_empty(), "events go with the ticket");
    assert_eq!(create(&store, workspace_id, "next").await.number, 1003);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_change_records_who_when_old_and_new_and_a_no_op_records_nothing(#[case] backend: Backend) {
    let (_db, store) = open_store(backend).await;
    let workspace_id = workspace(&store, "w").await;
    let agent_id = agent(&store, workspace_id, "ann@example.com").await;
    let ticket = create(&store, workspace_id, "Broken export").await;

    let changed = store.change_ticket(ticket.id, Actor::Agent(agent_id), Change::Priority(Priority::High), 50).await;
    let changed = changed.expect("change");
    assert_eq!((changed.ticket.priority, changed.ticket.updated_at), (Priority::High, 50));
    let event = changed.event.expect("recorded");
    assert_eq!((event.seq, event.kind, event.author_kind), (2, EventKind::PriorityChanged, EventAuthor::Agent));
    assert_eq!((event.author_agent_id, event.created_at), (Some(agent_id), 50));
    assert_eq!((event.old_value.as_deref(), event.new_value.as_deref()), (Some("medium"), Some("high")));

    let same = store.change_ticket(ticket.id, Actor::Agent(agent_id), Change::Priority(Priority::High), 60).await;
    let same = same.expect("no-op");
    assert!(same.event.is_none());
    assert_eq!(same.ticket.updated_at, 50, "a no-op change writes nothing");
    let tags = vec![" billing ".to_owned(), "export".to_owned(), "billing".to_owned()];
    let tagged = store.change_ticket(ticket.id, Actor::System, Change::Tags(tags), 70).await.expect("tags");
    assert_eq!(tagged.ticket.tags, ["billing", "export"]);
    let retagged = vec!["billing".to_owned(), "export".to_owned()];
    assert!(
        store.change_ticket(ticket.id, Actor::System, Change::Tags(retagged), 71).await.expect("tags").event.is_none()
    );

    let actor = Actor::Agent(agent_id);
    store.change_ticket(ticket.id, actor, Change::Assignee(Some(agent_id)), 80).await.expect("assign");
    store.change_ticket(ticket.id, actor, Change::Type(TicketType::Bug), 81).await.expect("type");
    store.change_ticket(ticket.id, actor, Change::Team(Team::Engineering), 82).await.expect("escalate");
    store.change_ticket(ticket.id, actor, Change::Team(Team::FirstLine), 83).await.expect("hand back");
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
            (1, EventKind::Created, None, text("email")),
            (2, EventKind::PriorityChanged, text("medium"), text("high")),
            (3, EventKind::TagsChanged, text(""), text("billing\nexport")),
            (4, EventKind::AssigneeChanged, None, Some(agent_id.to_string())),
            (5, EventKind::TypeChanged, text("question"), text("bug")),
            (6, EventKind::TeamChanged, text("first_line"), text("engineering")),
            (7, EventKind::TeamChanged, text("engineering"), text("first_line")),
        ]
    );

    let other_workspace = workspace(&store, "other").await;
    let outsider = agent(&store, other_workspace, "eve@example.com").await;
    let foreign = store.change_ticket(ticket.id, actor, Change::Assignee(Some(outsider)), 90).await;
    assert!(matches!(foreign, Err(TicketError::ForeignAgent)));
    assert!(matches!(
        store.change_ticket(424_242, actor, Change::Status(Status::Open), 90).await,
        Err(TicketError::NotFound)
    ));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn status_moves_follow_the_rules_and_closed_is_final(#[case] backend: Backend) {
    let (_db, store) = open_store(backend).await;
    let workspace_id = workspace(&store, "w").await;
    let ticket = create(&store, workspace_id, "Question").await;
    let resolved = store.change_ticket(ticket.id, Actor::System, Change::Status(Status::Resolved), 20).await;
    assert_eq!(resolved.expect("resolve").ticket.resolved_at, Some(20));
    let back_to_new = store.change_ticket(ticket.id, Actor::System, Change::Status(Status::New), 21).await;
    assert!(matches!(back_to_new, Err(TicketError::Transition { from: Status::Resolved, to: Status::New })));
    let closed = store.change_ticket(ticket.id, Actor::System, Change::Status(Status::Closed), 30).await;
    let closed = closed.expect("close").ticket;
    assert_eq!((closed.status, closed.resolved_at, closed.closed_at), (Status::Closed, Some(20), Some(30)));
    let reopened = store.change_ticket(ticket.id, Actor::System, Change::Status(Status::Open), 40).await;
    assert!(matches!(reopened, Err(TicketError::Transition { from: Status::Closed, to: Status::Open })));
    let reply = NewEvent::CustomerReply { body: "still broken", message_id: None, received: None };
    assert!(matches!(store.add_ticket_event(ticket.id, reply, 50).await, Err(TicketError::Closed)));
    assert_eq!(store.ticket_events(ticket.id).await.expect("events").len(), 3, "refusals record nothing");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_customer_reply_reopens_a_pending_ticket_with_the_reopening_in_history(#[case] backend: Backend) {
    let (_db, store) = open_store(backend).await;
    let workspace_id = workspace(&store, "w").await;
    let agent_id = agent(&store, workspace_id, "ann@example.com").await;
    let ticket = create(&store, workspace_id, "Login loop").await;

    let note = NewEvent::InternalNote { agent_id, body: "looks like a cookie issue" };
    store.add_ticket_event(ticket.id, note, 20).await.expect("note");
    let reply = NewEvent::PublicReply { agent_id, body: "Could you clear cookies?", message_id: Some("<r1@helpline>") };
    let replied = store.add_ticket_event(ticket.id, reply, 30).await.expect("reply");
    assert_eq!(replied.ticket.first_responded_at, Some(30));
    store.change_ticket(ticket.id, Actor::Agent(agent_id), Change::Status(Status::Pending), 31).await.expect("pend");

    let answer =
        NewEvent::CustomerReply { body: "Still looping", message_id: Some("<c1@example.com>"), received: None };
    let added = store.add_ticket_event(ticket.id, answer, 40).await.expect("customer reply");
    assert_eq!(added.ticket.status, Status::Open);
    assert_eq!(added.ticket.first_responded_at, Some(30));
    let written: Vec<_> = added.events.iter().map(|e| (e.seq, e.kind, e.author_kind)).collect();
    assert_eq!(
        written,
        [(6, EventKind::CustomerReply, EventAuthor::Customer), (7, EventKind::StatusChanged, EventAuthor::Customer)]
    );
    let reopening = &added.events[1];
    assert_eq!((reopening.old_value.as_deref(), reopening.new_value.as_deref()), (Some("pending"), Some("open")));
    assert_eq!(reopening.created_at, 40);

    let again = NewEvent::CustomerReply { body: "Any news?", message_id: None, received: None };
    let added = store.add_ticket_event(ticket.id, again, 50).await.expect("second reply");
    assert_eq!(added.events.len(), 1, "an open ticket stays open without a history entry");
    let redelivered =
        NewEvent::CustomerReply { body: "Still looping", message_id: Some("<c1@example.com>"), received: None };
    let redelivered = store.add_ticket_event(ticket.id, redelivered, 60).await;
    assert!(matches!(redelivered, Err(TicketError::DuplicateMessage)), "a redelivered mail is refused");
    let events = store.ticket_events(ticket.id).await.expect("events");
    assert_eq!(events.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!(store.ticket(ticket.id).await.expect("load").expect("exists").last_seq, 8);
    assert_eq!(events[2].message_id.as_deref(), Some("<r1@helpline>"));
    let taken = &events[3];
    assert_eq!(
        (taken.kind, taken.old_value.as_deref(), taken.new_value.as_deref()),
        (EventKind::StatusChanged, Some("new"), Some("open")),
        "the first public reply takes the new ticket"
    );
    assert_eq!(events[1].body.as_deref(), Some("looks like a cookie issue"));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn the_queue_filters_and_sorts_by_due_time_with_nothing_owed_last(#[case] backend: Backend) {
    let (_db, store) = open_store(backend).await;
    let workspace_id = workspace(&store, "w").await;
    let other_id = workspace(&store, "other").await;
    let agent_id = agent(&store, workspace_id, "ann@example.com").await;
    let context = json!({});
    let mut tickets = Vec::new();
    for (subject, email, due) in [
        ("Invoice 50% wrong", "carl@acme.test", Some(300)),
        ("Password reset", "dina@example.com", Some(100)),
        ("Feature idea", "ERIC@Acme.test", None),
        ("Export broken", "fay@example.com", Some(200)),
    ] {
        let mut new = new_ticket(workspace_id, subject, email, &context);
        new.next_response_due_at = due;
        tickets.push(store.create_ticket(new, 10).await.expect("create"));
    }
    for subject in ["Password reset", "Invoice wrong"] {
        let mut foreign = new_ticket(other_id, subject, "carl@acme.test", &context);
        foreign.next_response_due_at = Some(1);
        store.create_ticket(foreign, 10).await.expect("create elsewhere");
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
    store.change_ticket(export.id, actor, Change::Status(Status::Pending), 20).await.expect("pend");
    store.change_ticket(idea.id, actor, Change::Type(TicketType::FeatureRequest), 20).await.expect("type");
    store.change_ticket(password.id, actor, Change::Priority(Priority::Critical), 20).await.expect("priority");
    store.change_ticket(invoice.id, actor, Change::Assignee(Some(agent_id)), 20).await.expect("assign");
    assert!(store.set_due_times(idea.id, Some(50), Some(50)).await.expect("due"));

    assert_eq!(list(TicketFilter::default()).await, [1003, 1002, 1004, 1001]);
    let statuses = vec![Status::New, Status::Open];
    assert_eq!(list(TicketFilter { statuses, ..Default::default() }).await, [1003, 1002, 1001]);
    assert_eq!(list(TicketFilter { priority: Some(Priority::Critical), ..Default::default() }).await, [1002]);
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
