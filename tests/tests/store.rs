//! Storage checks on both databases: durable settings, migrations that can be run
//! again, and refusal of settings that would lose messages.

use e2e::{Backend, TestDb};
use protocol::api::{AuthorKind, Role};
use rstest::rstest;
use server::store::{Appended, Batched, ChatMessage, NewAgent, NewMessage, Store};

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn migrations_run_twice_and_messages_survive_a_reconnect(#[case] backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(db.url(), 4).await.expect("connect");
    store.migrate().await.expect("migrate");
    store.migrate().await.expect("migrate again");
    let workspace = store.create_workspace("W", "w", &[], 1).await.expect("workspace");
    let visitor = store.create_visitor(workspace.id, "hash", Some("UA"), 1).await.expect("visitor");
    let conversation = store.open_or_create_conversation(workspace.id, visitor, 1).await.expect("conversation");
    let again = store.open_or_create_conversation(workspace.id, visitor, 2).await.expect("conversation");
    assert_eq!(conversation.id, again.id, "one open conversation per visitor");
    let message = NewMessage {
        conversation_id: conversation.id,
        author_kind: AuthorKind::Visitor,
        author_id: Some(visitor),
        author_name: "Visitor",
        body: "kept",
        client_id: "c1",
        files: &[],
        internal: false,
    };
    assert!(matches!(store.append_message(message, 3).await, Ok(Appended::Created(m)) if m.seq == 1));
    store.close().await;

    let reopened = Store::connect(db.url(), 4).await.expect("reconnect");
    let messages = reopened.messages_between(conversation.id, 0, 10, 10).await.expect("messages");
    assert_eq!(messages.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), ["kept"]);
    reopened.mark_read_by_visitor(conversation.id, 99).await.expect("read");
    let record = reopened.conversation(conversation.id).await.expect("load").expect("exists");
    assert_eq!(record.visitor_read_seq, 1, "the read marker never passes the last message");
    reopened.close().await;
}

#[tokio::test]
async fn sqlite_runs_in_wal_with_full_sync_and_foreign_keys() {
    let db = TestDb::new(Backend::Sqlite).await;
    let store = Store::connect(db.url(), 2).await.expect("connect");
    store.migrate().await.expect("migrate");
    // A visitor of a workspace that does not exist violates a foreign key.
    assert!(store.create_visitor(424242, "h", None, 1).await.is_err());
    store.close().await;
    let url = db.url().to_owned();
    let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url).await.expect("raw connection");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&mut conn).await.expect("pragma");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn an_in_memory_sqlite_database_is_refused() {
    let error = Store::connect("sqlite::memory:", 1).await.expect_err("must refuse");
    assert!(error.to_string().contains("in-memory"), "{error}");
    let error = Store::connect("mysql://localhost/x", 1).await.expect_err("must refuse");
    assert!(error.to_string().contains("unsupported"), "{error}");
}

/// A message of a test batch: `client_id` in `conversation_id` by the visitor `author`.
fn batched(conversation_id: i64, author: i64, client_id: &str, open_only: bool) -> ChatMessage {
    ChatMessage {
        conversation_id,
        open_only,
        author_kind: AuthorKind::Visitor,
        author_id: Some(author),
        author_name: "Visitor".into(),
        body: format!("body of {client_id}"),
        client_id: client_id.into(),
        internal: false,
        created_at: 10,
    }
}

/// A migrated store with a workspace and one agent in it.
async fn store_with_agent(backend: Backend) -> (TestDb, Store, server::store::WorkspaceRecord, i64) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(db.url(), 4).await.expect("connect");
    store.migrate().await.expect("migrate");
    let workspace = store.create_workspace("W", "w", &[], 1).await.expect("workspace");
    let agent = NewAgent {
        workspace_id: workspace.id,
        email: "agent@example.com",
        name: "Agent",
        role: Role::Agent,
        password_hash: "not a real hash",
    };
    let agent = store.create_agent(agent, 1).await.expect("agent");
    (db, store, workspace, agent)
}

/// A new visitor called `name` with an open chat: the chat's id and the visitor's.
async fn open_chat(store: &Store, workspace_id: i64, name: &str) -> (i64, i64) {
    let visitor = store.create_visitor(workspace_id, name, None, 1).await.expect("visitor");
    let id = store.open_or_create_conversation(workspace_id, visitor, 1).await.expect("conversation").id;
    (id, visitor)
}

/// Ends the chat `conversation` behind the store's back.
async fn end_chat(db: &TestDb, conversation: i64) {
    sqlx::any::install_default_drivers();
    let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(db.url()).await.expect("raw connection");
    sqlx::query(&format!("UPDATE conversations SET closed_at = 5 WHERE id = {conversation}"))
        .execute(&mut conn)
        .await
        .expect("end a chat");
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_large_mixed_batch_numbers_each_conversation_in_the_order_its_messages_came(#[case] backend: Backend) {
    let (_db, store, workspace, agent) = store_with_agent(backend).await;
    let mut conversations = Vec::new();
    for name in ["a", "b", "c"] {
        conversations.push(open_chat(&store, workspace.id, name).await);
    }
    // 75 messages, more than one statement holds: the first conversation alternates
    // visitor, agent and note; the second has 40 from its visitor; the third one agent
    // reply. Each kind of sender is its own statement, and a conversation's second
    // message its own round.
    let mut batch = Vec::new();
    for n in 0..75 {
        let (conversation, visitor) = match n {
            n if n % 2 == 0 && n < 68 => conversations[0],
            74 => conversations[2],
            _ => conversations[1],
        };
        let mut message = batched(conversation, visitor, &format!("m{n}"), false);
        message.created_at = 100 + n;
        if conversation != conversations[1].0 && n % 3 != 0 {
            message.author_kind = AuthorKind::Agent;
            message.author_id = Some(agent);
            message.internal = n % 3 == 2 && conversation == conversations[0].0;
        }
        batch.push(message);
    }
    let outcomes = store.append_batch(&batch).await.expect("the batch");
    for (id, _) in &conversations {
        let expected: Vec<&ChatMessage> = batch.iter().filter(|m| m.conversation_id == *id).collect();
        let stored = store.messages_between(*id, 0, 100, 100).await.expect("messages");
        let order: Vec<&str> = stored.iter().map(|m| m.client_id.as_str()).collect();
        let sent: Vec<&str> = expected.iter().map(|m| m.client_id.as_str()).collect();
        assert_eq!(order, sent, "conversation {id} keeps the order its messages came in");
        assert_eq!(stored.iter().map(|m| m.seq).collect::<Vec<_>>(), (1..=sent.len() as i64).collect::<Vec<_>>());
        // The conversation as its last message left it.
        let last = expected.last().expect("a message");
        let last_public = expected.iter().rev().find(|m| !m.internal).expect("a public message");
        let index = batch.iter().position(|m| std::ptr::eq(m, *last)).expect("in the batch");
        let Batched::Created { message, conversation } = &outcomes[index] else { panic!("stored") };
        assert_eq!(message.client_id, last.client_id);
        assert_eq!((conversation.last_seq, conversation.updated_at), (sent.len() as i64, last_public.created_at));
        assert_eq!(conversation.preview, last_public.body, "a note leaves the preview alone");
        let waiting = last_public.author_kind == AuthorKind::Visitor;
        assert_eq!(conversation.awaiting_since.is_some(), waiting, "an agent's reply ends the wait");
    }
    for (outcome, message) in outcomes.iter().zip(&batch) {
        let Batched::Created { message: stored, conversation } = outcome else { panic!("every message is new") };
        assert_eq!((stored.client_id.as_str(), stored.seq), (message.client_id.as_str(), conversation.last_seq));
    }
    store.close().await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_batch_stores_each_message_once_and_answers_each_as_a_lone_append_would(#[case] backend: Backend) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(db.url(), 4).await.expect("connect");
    store.migrate().await.expect("migrate");
    let workspace = store.create_workspace("W", "w", &[], 1).await.expect("workspace");
    let (first, ada) = open_chat(&store, workspace.id, "a").await;
    let (second, bob) = open_chat(&store, workspace.id, "b").await;
    let (ended, ended_visitor) = open_chat(&store, workspace.id, "c").await;
    // Stored before the batch: "taken" by Ada, and a message Bob resends.
    for (conversation, author, client_id) in [(first, ada, "taken"), (second, bob, "resent")] {
        let message = NewMessage {
            conversation_id: conversation,
            author_kind: AuthorKind::Visitor,
            author_id: Some(author),
            author_name: "Visitor",
            body: "before",
            client_id,
            files: &[],
            internal: false,
        };
        assert!(matches!(store.append_message(message, 2).await, Ok(Appended::Created(_))));
    }
    end_chat(&db, ended).await;

    let batch = [
        batched(first, ada, "one", false),
        batched(second, bob, "resent", false),
        batched(first, ada, "one", false),
        batched(first, bob, "taken", false),
        batched(first, ada, "two", true),
        batched(ended, ended_visitor, "late", true),
        batched(424242, ada, "nowhere", false),
        batched(second, bob, "fresh", false),
    ];
    let outcomes = store.append_batch(&batch).await.expect("the batch");
    let seq_of = |outcome: &Batched| match outcome {
        Batched::Created { message, conversation } => {
            assert_eq!(message.seq, conversation.last_seq, "the conversation as the message left it");
            Some(message.seq)
        }
        _ => None,
    };
    assert_eq!(seq_of(&outcomes[0]), Some(2), "after the message stored before");
    assert!(matches!(&outcomes[1], Batched::Duplicate(m) if m.body == "before" && m.seq == 1));
    assert!(matches!(&outcomes[2], Batched::Duplicate(m) if m.client_id == "one" && m.seq == 2));
    assert!(matches!(outcomes[3], Batched::ClientIdTaken));
    assert_eq!(seq_of(&outcomes[4]), Some(3));
    assert!(matches!(outcomes[5], Batched::NoConversation), "an ended chat takes no open-only message");
    assert!(matches!(outcomes[6], Batched::NoConversation));
    assert_eq!(seq_of(&outcomes[7]), Some(2), "after Bob's first, with no gap for his resend");
    if let Batched::Created { conversation, .. } = &outcomes[7] {
        assert_eq!(conversation.preview, "body of fresh");
        assert_eq!(conversation.awaiting_since, Some(2), "the wait began with his first message");
    }
    let stored = store.messages_between(first, 0, 10, 10).await.expect("messages");
    let ids: Vec<&str> = stored.iter().map(|m| m.client_id.as_str()).collect();
    assert_eq!(ids, ["taken", "one", "two"]);
    assert_eq!(stored.iter().map(|m| m.seq).collect::<Vec<_>>(), [1, 2, 3]);
    let stored = store.messages_between(second, 0, 10, 10).await.expect("messages");
    assert_eq!(stored.iter().map(|m| m.client_id.as_str()).collect::<Vec<_>>(), ["resent", "fresh"]);
    assert!(store.messages_between(ended, 0, 10, 10).await.expect("messages").is_empty());
    store.close().await;
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn a_batch_of_one_message_per_conversation_is_answered_as_lone_appends_would_be(#[case] backend: Backend) {
    // The usual batch: one message per conversation, one kind of sender. PostgreSQL
    // writes it as a single statement, which must answer exactly as the transaction.
    let (db, store, workspace, agent) = store_with_agent(backend).await;
    let mut chats = Vec::new();
    for n in 0..40 {
        chats.push(open_chat(&store, workspace.id, &format!("v{n}")).await);
    }
    let ended = chats[38].0;
    end_chat(&db, ended).await;

    // More messages than a transaction's statement holds, one of them for an ended
    // chat and one for a conversation that does not exist.
    let mut first: Vec<ChatMessage> =
        chats.iter().map(|&(id, visitor)| batched(id, visitor, &format!("first-{id}"), true)).collect();
    first.push(batched(424242, chats[0].1, "nowhere", true));
    let outcomes = store.append_batch(&first).await.expect("the batch");
    for (n, (outcome, message)) in outcomes.iter().zip(&first).enumerate() {
        match outcome {
            Batched::Created { message: stored, conversation } => {
                assert!(n < 38 || n == 39, "message {n} was stored");
                assert_eq!((stored.seq, conversation.last_seq, stored.id > 0), (1, 1, true));
                assert_eq!(
                    (stored.client_id.as_str(), stored.body.as_str()),
                    (message.client_id.as_str(), message.body.as_str())
                );
                assert_eq!(conversation.id, message.conversation_id);
                assert_eq!(conversation.preview, message.body);
                assert_eq!(conversation.awaiting_since, Some(message.created_at), "the visitor waits");
            }
            Batched::NoConversation => assert!(n == 38 || n == 40, "message {n} found no conversation"),
            other => panic!("message {n}: {other:?}"),
        }
    }
    assert!(store.messages_between(ended, 0, 10, 10).await.expect("messages").is_empty());

    // An agent's replies end the wait; a note leaves the preview alone.
    let reply = |conversation: i64, client_id: &str, internal: bool| {
        let mut message = batched(conversation, agent, client_id, false);
        (message.author_kind, message.author_id, message.internal, message.created_at) =
            (AuthorKind::Agent, Some(agent), internal, 20);
        message
    };
    let replies = [reply(chats[0].0, "reply-0", false), reply(chats[1].0, "reply-1", false)];
    for outcome in store.append_batch(&replies).await.expect("the replies") {
        let Batched::Created { message, conversation } = outcome else { panic!("stored: {outcome:?}") };
        assert_eq!((message.seq, conversation.awaiting_since), (2, None));
        assert_eq!((conversation.preview.as_str(), conversation.updated_at), (message.body.as_str(), 20));
    }
    let note = [reply(chats[0].0, "note-0", true)];
    let [Batched::Created { message, conversation }] = &store.append_batch(&note).await.expect("the note")[..] else {
        panic!("the note is stored")
    };
    assert_eq!((message.seq, conversation.preview.as_str()), (3, "body of reply-0"));

    // A resend among new messages is answered with the stored one, and takes no seq.
    let (second_chat, second_visitor) = chats[1];
    let resend = [
        batched(second_chat, second_visitor, &format!("first-{second_chat}"), true),
        batched(chats[2].0, chats[2].1, "again", true),
    ];
    let outcomes = store.append_batch(&resend).await.expect("the resend");
    assert!(matches!(&outcomes[0], Batched::Duplicate(m) if m.seq == 1));
    assert!(matches!(&outcomes[1], Batched::Created { message, .. } if message.seq == 2));
    let stored = store.messages_between(chats[2].0, 0, 10, 10).await.expect("messages");
    assert_eq!(
        stored.iter().map(|m| (m.seq, m.client_id.as_str())).collect::<Vec<_>>(),
        [(1, format!("first-{}", chats[2].0).as_str()), (2, "again")]
    );
    store.close().await;
}
