//! Migration 0014 on both databases: the bytes of files kept before it, in the
//! `files.data` column, move into 256 KiB chunks, and read back the same through the
//! store.

use e2e::{Backend, TestDb};
use rstest::rstest;
use server::store::Store;
use sqlx::migrate::Migrator;

fn migrations_folder(backend: Backend) -> std::path::PathBuf {
    let name = match backend {
        Backend::Sqlite => "sqlite",
        Backend::Postgres | Backend::TwoNodes => "postgres",
    };
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/migrations").join(name)
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn files_kept_before_chunks_move_into_chunks_intact(#[case] backend: Backend) {
    let db = TestDb::new(backend).await;
    // Create the database file, as the server would, then stop at migration 13.
    Store::connect(db.url(), 1).await.expect("connect").close().await;
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(db.url()).await.expect("pool");
    let mut before = Migrator::new(migrations_folder(backend)).await.expect("migrations");
    before.migrations = before.migrations.iter().filter(|migration| migration.version <= 13).cloned().collect();
    before.run(&pool).await.expect("migrate to 13");

    let workspace: i64 =
        sqlx::query_scalar("INSERT INTO workspaces (name, app_id, created_at) VALUES ('W', 'w', 1) RETURNING id")
            .fetch_one(&pool)
            .await
            .expect("workspace");
    // Three sizes: one chunk exactly, a little over two, and none at all.
    let big: Vec<u8> = (0..600_000_u32).map(|n| (n % 251) as u8).collect();
    let exact = vec![7_u8; 256 * 1024];
    let mut ids = Vec::new();
    for data in [&big, &exact, &Vec::new()] {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO files (workspace_id, name, content_type, size, data, created_at)
             VALUES ($1, 'f.bin', 'application/zip', $2, $3, 1) RETURNING id",
        )
        .bind(workspace)
        .bind(data.len() as i64)
        .bind(data.as_slice())
        .fetch_one(&pool)
        .await
        .expect("a file kept before 0014");
        ids.push(id);
    }
    pool.close().await;

    let store = Store::connect(db.url(), 2).await.expect("connect");
    store.migrate().await.expect("migrate to the latest");
    assert_eq!(store.chunk_count(ids[0]).await.expect("chunks"), 3);
    assert_eq!(store.chunk_count(ids[1]).await.expect("chunks"), 1);
    assert_eq!(store.chunk_count(ids[2]).await.expect("chunks"), 0);
    for (id, data) in ids.iter().zip([&big, &exact, &Vec::new()]) {
        let file = store.workspace_file(workspace, *id).await.expect("load").expect("the file");
        assert_eq!(&store.file_bytes(&file).await.expect("bytes"), data, "file {id} reads back the same");
    }
}
