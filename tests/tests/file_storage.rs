//! Where files' bytes live, on every storage backend: the database (SQLite and
//! PostgreSQL, as chunks), a local folder, and an S3 API (a real s3rver). A file goes
//! up as a stream, is attached by a reply, comes down as a stream with its thumbnail,
//! and its bytes go when its ticket, conversation, visitor or workspace goes, or when
//! the sweep removes an upload nobody sent. Uploads are refused while they stream, and
//! leave nothing behind.

use std::time::Duration;

use e2e::s3::S3Server;
use e2e::tickets::{DAY, agent_send, email_us, say};
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, OTHER_EMAIL, TestApp};
use futures_util::stream;
use protocol::tickets::Upload;
use reqwest::StatusCode;
use rstest::rstest;
use server::config::{FilesConfig, StorageKind};
use server::files::{BlobRef, Part};
use server::store::Uploader;
use sqlx::AnyPool;

/// Where blobs go in a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Database,
    Folder,
    S3,
}

/// A server storing blobs in `place`, with what it needs kept alive.
struct Setup {
    app: TestApp,
    place: Place,
    pool: AnyPool,
    _s3: Option<S3Server>,
    _folder: Option<tempfile::TempDir>,
}

async fn setup(backend: Backend, place: Place, adjust: impl FnOnce(&mut server::Config)) -> Setup {
    let s3 = (place == Place::S3).then(S3Server::start);
    let folder = (place == Place::Folder).then(|| tempfile::tempdir().expect("a folder for blobs"));
    let files = match place {
        Place::Database => FilesConfig::default(),
        Place::Folder => FilesConfig {
            storage: StorageKind::Folder,
            folder: folder.as_ref().map(|folder| folder.path().to_owned()),
            ..FilesConfig::default()
        },
        Place::S3 => s3.as_ref().expect("s3rver").files_config(),
    };
    let app = TestApp::spawn_with(backend, |config| {
        config.files = files;
        adjust(config);
    })
    .await;
    sqlx::any::install_default_drivers();
    let pool = AnyPool::connect(app.database_url()).await.expect("a pool on the test database");
    Setup { app, place, pool, _s3: s3, _folder: folder }
}

impl Setup {
    /// The object key of a file; `None` in the database.
    async fn key_of(&self, file_id: i64) -> Option<String> {
        sqlx::query_scalar("SELECT blob_key FROM files WHERE id = $1")
            .bind(file_id)
            .fetch_one(&self.pool)
            .await
            .expect("the file's row")
    }

    /// Whether a blob of the file is stored, looked up where this backend keeps it.
    async fn stored(&self, file_id: i64, key: Option<&str>, part: Part) -> bool {
        let store = &self.app.state.store;
        match self.place {
            Place::Database => {
                let number = i32::from(part == Part::Thumbnail);
                let chunks: i64 =
                    sqlx::query_scalar("SELECT COUNT(*) FROM file_chunks WHERE file_id = $1 AND part = $2")
                        .bind(file_id)
                        .bind(number)
                        .fetch_one(&self.pool)
                        .await
                        .expect("count chunks");
                chunks > 0
            }
            Place::Folder | Place::S3 => {
                let key = key.expect("an object key");
                store.storage().object_exists(key, part).await.expect("look for the object")
            }
        }
    }

    async fn execute(&self, sql: &str, id: i64) {
        sqlx::query(sql).bind(id).execute(&self.pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
    }

    async fn deletion_queue(&self) -> i64 {
        sqlx::query_scalar("SELECT COUNT(*) FROM deleted_blobs").fetch_one(&self.pool).await.expect("count the queue")
    }
}

/// `POST /api/v1/uploads?name=…` with the agent's session.
async fn upload(app: &TestApp, agent: &AgentClient, name: &str, body: impl Into<reqwest::Body>) -> reqwest::Response {
    agent
        .http
        .post(app.url("/api/v1/uploads"))
        .query(&[("name", name)])
        .header("x-csrf-token", &agent.session.csrf_token)
        .body(body)
        .send()
        .await
        .expect("upload")
}

async fn uploaded(app: &TestApp, agent: &AgentClient, name: &str, bytes: Vec<u8>) -> Upload {
    let response = upload(app, agent, name, bytes).await;
    assert_eq!(response.status(), StatusCode::CREATED, "{name}: {}", response.text().await.unwrap_or_default());
    response.json().await.expect("upload json")
}

async fn get(agent: &AgentClient, app: &TestApp, path: &str) -> reqwest::Response {
    agent.http.get(app.url(path)).send().await.expect("get")
}

/// A real 800 × 600 photo, which gets a thumbnail.
fn photo() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(800, 600, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    pixels.write_to(&mut out, image::ImageFormat::Jpeg).expect("encode a JPEG");
    out.into_inner()
}

/// A log of about 700 KB (three database chunks), with two-byte characters so some
/// fall across the pieces the body arrives in.
fn long_log() -> Vec<u8> {
    let line = "12:00:01 étape terminée sans erreur\n";
    line.repeat(700_000 / line.len()).into_bytes()
}

async fn ticket_id(setup: &Setup, number: i64) -> i64 {
    sqlx::query_scalar("SELECT id FROM tickets WHERE number = $1 AND workspace_id = $2")
        .bind(number)
        .bind(setup.app.workspace.id)
        .fetch_one(&setup.pool)
        .await
        .expect("the ticket")
}

#[rstest]
#[case::sqlite_database(Backend::Sqlite, Place::Database)]
#[case::postgres_database(Backend::Postgres, Place::Database)]
#[case::sqlite_folder(Backend::Sqlite, Place::Folder)]
#[case::postgres_folder(Backend::Postgres, Place::Folder)]
#[case::sqlite_s3(Backend::Sqlite, Place::S3)]
#[case::postgres_s3(Backend::Postgres, Place::S3)]
#[tokio::test]
async fn a_file_goes_up_is_attached_comes_down_and_goes_with_its_ticket(
    #[case] backend: Backend,
    #[case] place: Place,
) {
    let setup = setup(backend, place, |_| {}).await;
    let app = &setup.app;
    let agent = app.login(AGENT_EMAIL).await;
    let visitor = app.create_visitor().await;
    let ticket = email_us(app, &visitor, "priya.raman@example.com", "Export fails").await;

    let log = long_log();
    let sent_log = uploaded(app, &agent, "export.log", log.clone()).await;
    assert_eq!((sent_log.content_type.as_str(), sent_log.size), ("text/plain", log.len() as u64));
    let photo = uploaded(app, &agent, "where.jpg", photo()).await;
    let log_key = setup.key_of(sent_log.id).await;
    let photo_key = setup.key_of(photo.id).await;
    assert_eq!(log_key.is_some(), place != Place::Database, "objects only outside the database");
    if place == Place::Database {
        let chunks = setup.app.state.store.chunk_count(sent_log.id).await.expect("chunks");
        assert_eq!(chunks, 3, "700 KB in chunks of 256 KiB");
    }

    // Down again, byte for byte, with the serving rules.
    let response = get(&agent, app, &format!("/api/v1/files/{}", sent_log.id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/plain");
    assert_eq!(response.headers()["content-length"], log.len().to_string().as_str());
    assert!(response.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment;"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.bytes().await.expect("bytes").as_ref(), log.as_slice());

    // The photo has a thumbnail beside it, served like the photo; the log has none.
    let response = get(&agent, app, &format!("/api/v1/files/{}/thumbnail", photo.id)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert!(response.headers()["content-disposition"].to_str().expect("ascii").starts_with("inline;"));
    assert_eq!(response.headers()["content-security-policy"], "sandbox");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let thumbnail = image::load_from_memory(&response.bytes().await.expect("bytes")).expect("a decodable thumbnail");
    assert!(thumbnail.width().max(thumbnail.height()) <= server::files::THUMBNAIL_SIDE);
    assert!(setup.stored(photo.id, photo_key.as_deref(), Part::Thumbnail).await, "stored beside the photo");
    let response = get(&agent, app, &format!("/api/v1/files/{}/thumbnail", sent_log.id)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    app.other_workspace().await;
    let eve = app.login(OTHER_EMAIL).await;
    let response = get(&eve, app, &format!("/api/v1/files/{}/thumbnail", photo.id)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "another workspace sees no thumbnail");

    // Attached by a reply: the same bytes, not a copy.
    let path = format!("/api/v1/tickets/{}/replies", ticket.number);
    let body = serde_json::json!({ "body": "Here you go.", "attachments": [sent_log.id, photo.id] });
    let response = agent_send(app, &agent, reqwest::Method::POST, &path, body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(setup.key_of(sent_log.id).await, log_key, "attaching moves nothing");
    let response = get(&agent, app, &format!("/api/v1/files/{}", sent_log.id)).await;
    assert_eq!(response.bytes().await.expect("bytes").as_ref(), log.as_slice());
    assert!(setup.stored(sent_log.id, log_key.as_deref(), Part::File).await);

    // The ticket goes, and its files' bytes with it.
    let record = app.state.store.ticket(ticket_id(&setup, ticket.number).await).await.expect("load").expect("ticket");
    let deleted = app.state.desk.delete(&record).await.expect("delete");
    assert!(deleted);
    server::retention::delete_queued_blobs(&app.state.store).await.expect("delete queued objects");
    for (id, key) in [(sent_log.id, &log_key), (photo.id, &photo_key)] {
        let response = get(&agent, app, &format!("/api/v1/files/{id}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND);
        assert!(!setup.stored(id, key.as_deref(), Part::File).await, "file {id}'s bytes are gone");
        assert!(!setup.stored(id, key.as_deref(), Part::Thumbnail).await, "file {id}'s thumbnail is gone");
    }
    assert_eq!(setup.deletion_queue().await, 0, "the queue is empty once the objects are gone");
}

/// A file kept straight through the store for `uploader`: what a chat upload or an
/// upload of another workspace's agent is.
async fn keep(setup: &Setup, workspace_id: i64, uploader: Uploader, name: &str) -> (i64, Option<String>) {
    let accepted = server::files::accept(format!("{name}: 12:00:01 step done\n").into_bytes()).expect("text");
    let now = setup.app.state.clock.now();
    let id = setup.app.state.store.create_upload(workspace_id, uploader, name, &accepted, now).await.expect("keep");
    (id, setup.key_of(id).await)
}

/// A file a visitor sent in a new chat: `(conversation, file, key)`. Attached, so no
/// sweep of unsent uploads takes it, however far the clock moves.
async fn in_a_chat(setup: &Setup, name: &str) -> (i64, i64, Option<String>) {
    let app = &setup.app;
    let visitor = app.create_visitor().await;
    let mut socket = app.visitor_socket(&visitor).await;
    let conversation_id = say(&mut socket, "See the file").await;
    let message_id: i64 = sqlx::query_scalar("SELECT id FROM messages WHERE conversation_id = $1")
        .bind(conversation_id)
        .fetch_one(&setup.pool)
        .await
        .expect("the message");
    let (file_id, key) = keep(setup, app.workspace.id, Uploader::Visitor(visitor.id), name).await;
    sqlx::query("UPDATE files SET conversation_id = $1, message_id = $2 WHERE id = $3")
        .bind(conversation_id)
        .bind(message_id)
        .bind(file_id)
        .execute(&setup.pool)
        .await
        .expect("attach to the message");
    (conversation_id, file_id, key)
}

#[rstest]
#[case::sqlite_database(Backend::Sqlite, Place::Database)]
#[case::postgres_database(Backend::Postgres, Place::Database)]
#[case::sqlite_folder(Backend::Sqlite, Place::Folder)]
#[case::sqlite_s3(Backend::Sqlite, Place::S3)]
#[case::postgres_s3(Backend::Postgres, Place::S3)]
#[tokio::test]
async fn deleting_a_conversation_a_visitor_or_a_workspace_or_sweeping_an_upload_deletes_its_bytes(
    #[case] backend: Backend,
    #[case] place: Place,
) {
    let setup = setup(backend, place, |_| {}).await;
    let app = &setup.app;
    let store = &app.state.store;
    let workspace_id = app.workspace.id;

    // A file in a chat that goes, and one in a chat that stays.
    let mut chats = Vec::new();
    for name in ["gone.txt", "kept.txt"] {
        chats.push(in_a_chat(&setup, name).await);
    }
    // A visitor's upload nothing attached, another workspace's file, an agent's upload
    // never sent.
    let visitor = app.create_visitor().await;
    let (visitor_file, visitor_key) = keep(&setup, workspace_id, Uploader::Visitor(visitor.id), "draft.txt").await;
    let other = app.other_workspace().await;
    let eve: i64 = sqlx::query_scalar("SELECT id FROM agents WHERE email = $1")
        .bind(OTHER_EMAIL)
        .fetch_one(&setup.pool)
        .await
        .expect("Eve");
    let (other_file, other_key) = keep(&setup, other.id, Uploader::Agent(eve), "theirs.txt").await;
    let agent = app.login(AGENT_EMAIL).await;
    let unsent = uploaded(app, &agent, "unsent.jpg", photo()).await;
    let unsent_key = setup.key_of(unsent.id).await;

    setup.execute("DELETE FROM conversations WHERE id = $1", chats[0].0).await;
    setup.execute("DELETE FROM visitors WHERE id = $1", visitor.id).await;
    setup.execute("DELETE FROM workspaces WHERE id = $1", other.id).await;
    app.state.clock.advance(DAY + Duration::from_secs(60));
    server::retention::sweep_unsent_uploads(store, &app.state.clock).await.expect("sweep");
    server::retention::delete_queued_blobs(store).await.expect("delete queued objects");

    let gone =
        [(chats[0].1, &chats[0].2), (visitor_file, &visitor_key), (other_file, &other_key), (unsent.id, &unsent_key)];
    for (id, key) in gone {
        let row: Option<i64> = sqlx::query_scalar("SELECT id FROM files WHERE id = $1")
            .bind(id)
            .fetch_optional(&setup.pool)
            .await
            .expect("row");
        assert_eq!(row, None, "file {id} is deleted");
        assert!(!setup.stored(id, key.as_deref(), Part::File).await, "file {id}'s bytes are gone");
    }
    assert!(!setup.stored(unsent.id, unsent_key.as_deref(), Part::Thumbnail).await, "and the unsent photo's thumbnail");
    let (_, kept_id, kept_key) = &chats[1];
    assert!(setup.stored(*kept_id, kept_key.as_deref(), Part::File).await, "a file still attached stays");
    // The sign-in went idle while the clock moved a day.
    let agent = app.login(AGENT_EMAIL).await;
    let response = get(&agent, app, &format!("/api/v1/files/{kept_id}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.expect("text"), "kept.txt: 12:00:01 step done\n");
}

#[rstest]
#[case::folder(Place::Folder)]
#[case::s3(Place::S3)]
#[tokio::test]
async fn objects_no_file_names_are_swept_a_day_later(#[case] place: Place) {
    let setup = setup(Backend::Sqlite, place, |_| {}).await;
    let app = &setup.app;
    let storage = app.state.store.storage();
    // What a mail's transaction that rolled back leaves: an object without a row.
    let orphan = BlobRef { file_id: 0, key: Some("files/orphan-of-a-rolled-back-mail".to_owned()) };
    storage.write_all(&orphan, Part::File, bytes_of("lost")).await.expect("write an orphan");
    let (_, kept_id, kept_key) = in_a_chat(&setup, "kept.txt").await;
    let key = orphan.key.as_deref().expect("a key");

    // The cut-off is passed in rather than the clock moved: the server's own retention
    // pass reads the clock too, and would race this test for the orphan.
    let day_ago = app.state.clock.now() - DAY.as_millis() as i64;
    let early = app.state.store.sweep_orphan_blobs(day_ago).await;
    assert_eq!(early.expect("sweep"), 0, "a fresh object may still be waiting for its row");
    assert!(storage.object_exists(key, Part::File).await.expect("look"));

    // A day and a minute later, the cut-off "a day ago" is a minute from now.
    let cut_off_a_day_later = app.state.clock.now() + Duration::from_secs(60).as_millis() as i64;
    let swept = app.state.store.sweep_orphan_blobs(cut_off_a_day_later).await;
    assert_eq!(swept.expect("sweep"), 1);
    assert!(!storage.object_exists(key, Part::File).await.expect("look"), "the orphan is gone");
    assert!(setup.stored(kept_id, kept_key.as_deref(), Part::File).await, "a file's object stays");
}

fn bytes_of(text: &str) -> bytes::Bytes {
    bytes::Bytes::from(text.as_bytes().to_vec())
}

/// How many files and chunks the database holds.
async fn leftovers(setup: &Setup) -> (i64, i64) {
    let files = sqlx::query_scalar("SELECT COUNT(*) FROM files").fetch_one(&setup.pool).await.expect("count files");
    let chunks = sqlx::query_scalar("SELECT COUNT(*) FROM file_chunks").fetch_one(&setup.pool).await.expect("count");
    (files, chunks)
}

/// A body sent in pieces with no declared length, so only reading it can find its size.
fn streamed(pieces: Vec<Vec<u8>>) -> reqwest::Body {
    reqwest::Body::wrap_stream(stream::iter(pieces.into_iter().map(Ok::<_, std::io::Error>)))
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn uploads_are_refused_while_they_stream_and_leave_nothing_behind(#[case] backend: Backend) {
    let setup = setup(backend, Place::Database, |_| {}).await;
    let app = &setup.app;
    let agent = app.login(AGENT_EMAIL).await;

    // Over 10 MB with no Content-Length: refused once the 10 MB are read.
    let piece = b"12:00:01 export step finished\n".repeat(1024 * 1024 / 30);
    let pieces = vec![piece; 11];
    let response = upload(app, &agent, "huge.log", streamed(pieces)).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let error: protocol::ErrorBody = response.json().await.expect("the JSON error");
    assert!(error.message.contains("10 MB"), "{}", error.message);
    assert_eq!(leftovers(&setup).await, (0, 0), "nothing of it is kept");

    // Text that turns binary after its first chunks is not text.
    let mut pieces = vec![b"a line of text\n".repeat(20_000); 2];
    pieces.push(vec![b'x', 0xFF, 0xFE, b'y']);
    let response = upload(app, &agent, "notes.txt", streamed(pieces)).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: protocol::ErrorBody = response.json().await.expect("the JSON error");
    assert_eq!(error.fields[0].field, "file");
    assert!(error.message.contains("not recognised"), "{}", error.message);
    assert_eq!(leftovers(&setup).await, (0, 0), "nothing of it is kept");

    // A character cut between two pieces is still text.
    let word = "é".as_bytes();
    let pieces = vec![b"caf".to_vec(), vec![word[0]], vec![word[1], b'\n']];
    let kept: Upload = upload(app, &agent, "menu.txt", streamed(pieces)).await.json().await.expect("kept");
    assert_eq!((kept.content_type.as_str(), kept.size), ("text/plain", 6));
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn an_upload_past_the_workspace_quota_is_refused_as_it_streams(#[case] backend: Backend) {
    let setup = setup(backend, Place::Database, |config| config.limits.file_bytes_per_workspace = 600_000).await;
    let app = &setup.app;
    let agent = app.login(AGENT_EMAIL).await;

    let response = upload(app, &agent, "export.log", streamed(vec![long_log()])).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let error: protocol::ErrorBody = response.json().await.expect("the JSON error");
    assert!(error.message.contains("storage for files is full"), "{}", error.message);
    assert_eq!(leftovers(&setup).await, (0, 0), "nothing of it is kept");
    uploaded(app, &agent, "small.log", b"fits\n".to_vec()).await;
}

/// A PNG whose header claims 100000 × 100000 pixels, with almost no data: decoding it
/// for a thumbnail would ask for 40 GB.
fn png_bomb() -> Vec<u8> {
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(kind);
        hasher.update(data);
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&hasher.finalize().to_be_bytes());
        out
    }
    let mut header = Vec::new();
    header.extend_from_slice(&100_000_u32.to_be_bytes());
    header.extend_from_slice(&100_000_u32.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &header));
    png.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]));
    png.extend(chunk(b"IEND", &[]));
    png
}

#[tokio::test]
async fn an_image_claiming_to_be_enormous_is_kept_without_a_thumbnail() {
    let setup = setup(Backend::Sqlite, Place::Database, |_| {}).await;
    let app = &setup.app;
    let agent = app.login(AGENT_EMAIL).await;

    let bomb = uploaded(app, &agent, "bomb.png", png_bomb()).await;
    assert_eq!(bomb.content_type, "image/png");
    let response = get(&agent, app, &format!("/api/v1/files/{}/thumbnail", bomb.id)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "no thumbnail was made");
    let response = get(&agent, app, &format!("/api/v1/files/{}", bomb.id)).await;
    assert_eq!(response.status(), StatusCode::OK, "the file itself is kept");
    let served = response.bytes().await.expect("bytes");
    assert_eq!(served.as_ref(), png_bomb().as_slice());
}

#[tokio::test]
async fn a_visitor_gets_the_thumbnails_of_their_own_files_only() {
    let setup = setup(Backend::Sqlite, Place::Database, |_| {}).await;
    let app = &setup.app;
    let owner = app.create_visitor().await;
    let stranger = app.create_visitor().await;
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/widget/uploads"))
        .query(&[("name", "screen.jpg")])
        .bearer_auth(&owner.token)
        .header("origin", e2e::HOST_ORIGIN)
        .body(photo())
        .send()
        .await
        .expect("visitor upload");
    assert_eq!(response.status(), StatusCode::CREATED);
    let kept: Upload = response.json().await.expect("upload json");

    let fetch = |token: String| {
        reqwest::Client::new()
            .get(app.url(&format!("/api/v1/widget/files/{}/thumbnail", kept.id)))
            .bearer_auth(token)
            .header("origin", e2e::HOST_ORIGIN)
            .send()
    };
    let response = fetch(owner.token.clone()).await.expect("thumbnail");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert_eq!(response.headers()["content-security-policy"], "sandbox");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(image::load_from_memory(&response.bytes().await.expect("bytes")).is_ok());
    let response = fetch(stranger.token.clone()).await.expect("thumbnail");
    assert_eq!(response.status(), StatusCode::NOT_FOUND, "another visitor's thumbnail is not found");
}

#[tokio::test]
async fn files_kept_in_the_database_stay_readable_once_object_storage_is_configured() {
    let setup = setup(Backend::Sqlite, Place::Folder, |_| {}).await;
    let app = &setup.app;
    // The same database as a server without [files] saw it: chunks, no object.
    let before = server::store::Store::connect(app.database_url(), 1).await.expect("connect");
    let accepted = server::files::accept(b"kept before the move\n".to_vec()).expect("text");
    let now = app.state.clock.now();
    let id = before.create_upload(app.workspace.id, Uploader::Agent(1), "old.txt", &accepted, now).await.expect("keep");
    assert_eq!(setup.key_of(id).await, None, "in the database");

    let agent = app.login(ADMIN_EMAIL).await;
    let response = get(&agent, app, &format!("/api/v1/files/{id}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.expect("text"), "kept before the move\n");
}
