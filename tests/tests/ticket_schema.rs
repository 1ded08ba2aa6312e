//! The ticket enums are spelled once, in `protocol`, and the database must allow exactly
//! those names. Each backend's migrations are applied to a fresh database, and the CHECK
//! constraints of the resulting tables are read back from the live schema (SQLite's
//! `sqlite_master`, PostgreSQL's `pg_constraint`) and compared with the enums' `NAMES`.
//! A value added to an enum without a migration in both trees fails here.

use std::collections::BTreeSet;

use e2e::{Backend, TestDb};
use protocol::tickets::{EventAuthor, Team, TicketEventKind, TicketPriority, TicketSource, TicketStatus, TicketType};
use rstest::rstest;
use server::store::Store;
use sqlx::AnyPool;

/// Every (table, column) whose CHECK lists a ticket enum, with that enum's names.
fn expected() -> Vec<(&'static str, &'static str, &'static [&'static str])> {
    vec![
        ("tickets", "status", TicketStatus::NAMES),
        ("tickets", "priority", TicketPriority::NAMES),
        ("tickets", "ticket_type", TicketType::NAMES),
        ("tickets", "team", Team::NAMES),
        ("tickets", "source", TicketSource::NAMES),
        ("ticket_events", "kind", TicketEventKind::NAMES),
        ("ticket_events", "author_kind", EventAuthor::NAMES),
    ]
}

/// The single-quoted literals in a piece of SQL, e.g. a CHECK's list of allowed values.
fn quoted(sql: &str) -> BTreeSet<String> {
    sql.split('\'').skip(1).step_by(2).map(str::to_owned).collect()
}

/// The names a CHECK on `column` allows, read from a SQLite table's `CREATE TABLE`
/// text: the clause `CHECK (column IN (…))`.
fn sqlite_check(create_table: &str, column: &str) -> Option<BTreeSet<String>> {
    create_table.match_indices("CHECK").find_map(|(start, _)| {
        let clause = &create_table[start + "CHECK".len()..];
        let clause = clause.trim_start().strip_prefix('(')?.trim_start();
        let rest = clause.strip_prefix(column)?;
        // The column name must end here (`kind` is not `kind_of`).
        let rest = rest.strip_prefix(|c: char| c.is_whitespace())?.trim_start();
        let list = rest.strip_prefix("IN")?.trim_start().strip_prefix('(')?;
        Some(quoted(&list[..list.find(')')?]))
    })
}

async fn migrated(backend: Backend) -> (TestDb, AnyPool) {
    let db = TestDb::new(backend).await;
    let store = Store::connect(db.url(), 2).await.expect("connect");
    store.migrate().await.expect("migrate");
    store.close().await;
    let pool = AnyPool::connect(db.url()).await.expect("connect for the schema");
    (db, pool)
}

/// The allowed names of each CHECK on `table.column` in the live schema.
async fn live_checks(backend: Backend, pool: &AnyPool, table: &str, column: &str) -> Vec<BTreeSet<String>> {
    match backend {
        Backend::Sqlite => {
            let sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1")
                .bind(table)
                .fetch_one(pool)
                .await
                .expect("the table's CREATE text");
            sqlite_check(&sql, column).into_iter().collect()
        }
        Backend::Postgres | Backend::TwoNodes => {
            let definitions: Vec<String> = sqlx::query_scalar(
                "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
                 JOIN pg_class t ON t.oid = c.conrelid
                 JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (c.conkey)
                 WHERE c.contype = 'c' AND t.relname::text = $1 AND a.attname::text = $2
                   AND cardinality(c.conkey) = 1",
            )
            .bind(table)
            .bind(column)
            .fetch_all(pool)
            .await
            .expect("the column's CHECK constraints");
            definitions.iter().map(|definition| quoted(definition)).collect()
        }
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn every_ticket_check_allows_exactly_the_protocol_enum(#[case] backend: Backend) {
    let (_db, pool) = migrated(backend).await;
    for (table, column, names) in expected() {
        let checks = live_checks(backend, &pool, table, column).await;
        let wanted: BTreeSet<String> = names.iter().map(|name| (*name).to_owned()).collect();
        assert_eq!(checks.len(), 1, "{table}.{column} has one CHECK on {backend:?}: {checks:?}");
        assert_eq!(checks[0], wanted, "{table}.{column} on {backend:?} allows the names of its enum, no more");
    }
}

#[test]
fn a_check_clause_is_read_for_its_own_column_only() {
    let sql = "CREATE TABLE t (kind_of TEXT CHECK (kind_of IN ('x')),\n kind TEXT NOT NULL CHECK (kind IN (\n 'a', 'b_c'\n )))";
    assert_eq!(sqlite_check(sql, "kind"), Some(BTreeSet::from(["a".to_owned(), "b_c".to_owned()])));
    assert_eq!(sqlite_check(sql, "missing"), None);
    let postgres = "CHECK ((status = ANY (ARRAY['new'::text, 'open'::text])))";
    assert_eq!(quoted(postgres), BTreeSet::from(["new".to_owned(), "open".to_owned()]));
}
