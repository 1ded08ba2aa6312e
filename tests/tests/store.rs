//! Storage checks on both databases: durable settings, migrations that can be run
//! again, and refusal of settings that would lose messages.

use e2e::{Backend, TestDb};
use protocol::api::AuthorKind;
use rstest::rstest;
use server::store::{Appended, NewMessage, Store};

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
