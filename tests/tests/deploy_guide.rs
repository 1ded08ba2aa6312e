//! docs/deploy.md, followed as an operator would: every file it shows with a path in its
//! first line is written, every command of its `sh` blocks runs in order, the systemd
//! unit's `ExecStart` and each `serve` start real `helpline` processes, and what each
//! step promises is checked. Paths move into a temporary folder, the PostgreSQL URL
//! points at a test database, and listening addresses become free ports.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use e2e::db::postgres_admin_url;
use e2e::process::binary;
use e2e::ws::send_frame;
use e2e::{Backend, TestDb, WsClient};
use protocol::api::WidgetSession;
use protocol::frames::{ClientFrame, ServerFrame};
use reqwest::StatusCode;
use sqlx::Connection;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

const GUIDE: &str = include_str!("../../docs/deploy.md");
/// The messenger's own origin in the guide's configuration (`public_url`).
const MESSENGER_ORIGIN: &str = "https://support.acme.example";
/// What `helpline serve` prints once it listens, followed by its base URL.
const LISTENING: &str = "Helpline listening on ";

/// One fenced block of the guide.
struct Block {
    lang: String,
    text: String,
}

impl Block {
    /// The path a file block says it is, on its first line (`# /etc/…`).
    fn path(&self) -> Option<&str> {
        let first = self.text.lines().next()?;
        first.strip_prefix("# /").map(|_| &first[2..])
    }
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for line in markdown.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => open = Some(Block { lang: lang.trim().to_owned(), text: String::new() }),
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// Where the guide's machine lives in this test.
struct Machine {
    root: tempfile::TempDir,
    database_url: String,
    restored_name: String,
    restored_url: String,
}

impl Machine {
    /// The guide's text as it applies here.
    fn localise(&self, text: &str) -> String {
        let root = self.root.path().display().to_string();
        text.replace("/usr/local/bin/helpline", &format!("{root}/bin/helpline"))
            .replace("/etc/helpline", &format!("{root}/etc/helpline"))
            .replace("/var/lib/helpline", &format!("{root}/var/lib/helpline"))
            .replace("/var/backups/helpline", &format!("{root}/var/backups/helpline"))
            .replace("postgres://helpline@db.internal/helpline_restored", &self.restored_url)
            .replace("postgres://helpline@db.internal/helpline", &self.database_url)
            .replace("helpline_restored", &self.restored_name)
            .replace(":8080\"", ":0\"")
            .replace(":8081\"", ":0\"")
            .replace(":8082\"", ":0\"")
    }

    /// Runs one command line of the guide with `helpline` on the PATH; `serve` lines
    /// start a node and return it.
    async fn run(&self, line: &str) -> Option<Node> {
        let line = self.localise(line);
        if line.trim_end().ends_with(" serve") {
            return Some(Node::start(&line, self.root.path()).await);
        }
        let path = format!("{}/bin:{}", self.root.path().display(), std::env::var("PATH").unwrap_or_default());
        let output = Command::new("bash")
            .args(["-euo", "pipefail", "-c", &line])
            .current_dir(self.root.path())
            .env("PATH", path)
            .env("HELPLINE_LOG__FILTER", "warn")
            .output()
            .await
            .expect("run bash");
        assert!(
            output.status.success(),
            "the guide's command failed: {line}\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        None
    }

    /// Writes a file block where the guide says, inside the machine's folder.
    fn write_file(&self, block: &Block) {
        let named = block.path().expect("a file block");
        let localised = self.localise(named);
        let path = if localised == named {
            self.root.path().join(named.trim_start_matches('/'))
        } else {
            PathBuf::from(localised)
        };
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("create the file's folder");
        std::fs::write(&path, self.localise(&block.text)).expect("write the guide's file");
    }

    fn path(&self, guide_path: &str) -> PathBuf {
        PathBuf::from(self.localise(guide_path))
    }
}

/// A `helpline serve` the guide started.
struct Node {
    child: Child,
    base_url: String,
}

impl Node {
    async fn start(command_line: &str, cwd: &Path) -> Self {
        let words: Vec<&str> = command_line.split_whitespace().collect();
        let program = match words[0] {
            "helpline" => binary(),
            other => PathBuf::from(other),
        };
        let mut child = Command::new(program)
            .args(&words[1..])
            .current_dir(cwd)
            .env("HELPLINE_LOG__FILTER", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|error| panic!("start {command_line}: {error}"));
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let base_url = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.expect("read the node's output") {
                if let Some(url) = line.strip_prefix(LISTENING) {
                    return url.to_owned();
                }
            }
            panic!("{command_line} exited before listening")
        })
        .await
        .unwrap_or_else(|_| panic!("{command_line} did not listen within 30 s"));
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self { child, base_url }
    }

    /// SIGTERM, as systemd stops it, and the graceful exit that follows.
    async fn stop(mut self) {
        let pid = self.child.id().expect("a running node");
        let status = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill");
        assert!(status.success());
        let exit = tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await;
        assert!(matches!(exit, Ok(Ok(status)) if status.success()), "the node did not stop cleanly: {exit:?}");
    }

    async fn healthy(&self) {
        for path in ["/healthz", "/readyz"] {
            let response = reqwest::get(format!("{}{path}", self.base_url)).await.expect("ask the node");
            assert_eq!(response.status(), StatusCode::OK, "{path} on {}", self.base_url);
        }
    }

    /// A new visitor of the workspace `app_id`, from the messenger's own origin.
    async fn visitor(&self, app_id: &str) -> WidgetSession {
        let response = reqwest::Client::new()
            .post(format!("{}/api/v1/widget/visitors", self.base_url))
            .header("origin", MESSENGER_ORIGIN)
            .json(&serde_json::json!({ "app_id": app_id }))
            .send()
            .await
            .expect("post visitor");
        assert_eq!(response.status(), StatusCode::CREATED, "a visitor of {app_id}");
        response.json().await.expect("session")
    }

    async fn socket(&self, token: &str) -> WsClient {
        let url = format!("{}/api/v1/widget/ws", self.base_url.replacen("http://", "ws://", 1));
        WsClient::connect_visitor(&url, token, MESSENGER_ORIGIN).await.expect("visitor socket")
    }
}

/// The guide's blocks between the heading starting with `from` and the next `## `.
fn section<'a>(blocks_of: &'a [(String, Block)], from: &str) -> Vec<&'a Block> {
    blocks_of.iter().filter(|(heading, _)| heading.starts_with(from)).map(|(_, block)| block).collect()
}

/// Each block with the `## ` heading it is under.
fn by_section(markdown: &str) -> Vec<(String, Block)> {
    let mut out = Vec::new();
    for part in markdown.split("\n## ").skip(1) {
        let heading = part.lines().next().unwrap_or_default().to_owned();
        for block in blocks(part) {
            out.push((heading.clone(), block));
        }
    }
    out
}

fn commands(block: &Block) -> Vec<&str> {
    block.text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
}

#[tokio::test]
async fn the_deployment_guide_works_as_written() {
    let database = TestDb::new(Backend::Postgres).await;
    let restored_name = format!("deploy_restore_{}", uuid::Uuid::new_v4().simple());
    let admin = postgres_admin_url();
    let restored_url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{restored_name}"),
        None => panic!("cannot tell the database in {admin}"),
    };
    let root = tempfile::tempdir().expect("a folder for the guide's machine");
    std::fs::create_dir_all(root.path().join("bin")).expect("bin");
    std::os::unix::fs::symlink(binary(), root.path().join("bin/helpline")).expect("helpline on the PATH");
    let machine = Machine { root, database_url: database.url().to_owned(), restored_name, restored_url };
    let guide = by_section(GUIDE);
    for (_, block) in &guide {
        if block.path().is_some() {
            machine.write_file(block);
        }
    }

    // One node on SQLite: migrate, a workspace, an admin, serve.
    let sqlite = section(&guide, "One node on SQLite");
    let mut nodes = Vec::new();
    for block in sqlite.iter().filter(|block| block.lang == "sh") {
        for line in commands(block) {
            nodes.extend(machine.run(line).await);
        }
    }
    let [node] = <[Node; 1]>::try_from(nodes).ok().expect("the SQLite section starts one node");
    node.healthy().await;
    node.visitor("acme").await;
    let login = reqwest::Client::new()
        .post(format!("{}/api/v1/auth/login", node.base_url))
        .json(&serde_json::json!({ "email": "ada@acme.example", "password": "a long admin password" }))
        .send()
        .await
        .expect("sign in");
    assert_eq!(login.status(), StatusCode::OK, "the admin the guide added signs in");
    node.stop().await;

    // The systemd unit's command line serves the same configuration.
    let unit = section(&guide, "A systemd unit");
    let exec = unit
        .iter()
        .flat_map(|block| block.text.lines())
        .find_map(|line| line.strip_prefix("ExecStart="))
        .expect("the unit's ExecStart");
    let node = Node::start(&machine.localise(exec), machine.root.path()).await;
    node.healthy().await;
    node.visitor("acme").await;

    // Backups, SQLite part, taken while the unit's node runs.
    let backups = section(&guide, "Backups");
    let sh: Vec<&Block> = backups.iter().copied().filter(|block| block.lang == "sh").collect();
    let [sqlite_backup, postgres_backup] = sh.as_slice() else { panic!("two backup blocks") };
    for line in commands(sqlite_backup) {
        machine.run(line).await;
    }
    node.stop().await;
    let copy = machine.path("/var/backups/helpline/helpline.db");
    let check =
        std::process::Command::new("sqlite3").arg(&copy).arg("PRAGMA integrity_check").output().expect("run sqlite3");
    assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "ok");
    let store = server::store::Store::connect(&format!("sqlite://{}", copy.display()), 1).await.expect("the copy");
    assert!(store.workspace_by_app_id("acme").await.expect("read the copy").is_some(), "the copy has the workspace");
    store.close().await;

    // Two nodes on PostgreSQL: both answer, and a message written through one reaches a
    // socket on the other live.
    let postgres = section(&guide, "Two nodes on PostgreSQL");
    let mut nodes = Vec::new();
    for block in postgres.iter().filter(|block| block.lang == "sh") {
        for line in commands(block) {
            nodes.extend(machine.run(line).await);
        }
    }
    let [a, b] = <[Node; 2]>::try_from(nodes).ok().expect("the PostgreSQL section starts two nodes");
    a.healthy().await;
    b.healthy().await;
    let visitor = a.visitor("acme-pg").await;
    let token = visitor.token.expect("a new visitor's token");
    let mut on_a = a.socket(&token).await;
    let mut on_b = b.socket(&token).await;
    on_a.send(&send_frame("deploy-1", "Hello from node A")).await;
    let ServerFrame::Ack { conversation_id, .. } = on_a.recv_until(|f| matches!(f, ServerFrame::Ack { .. })).await
    else {
        unreachable!()
    };
    on_b.send(&ClientFrame::Subscribe { conversation_id: Some(conversation_id), after_seq: 0 }).await;
    on_b.recv_until(|frame| matches!(frame, ServerFrame::Synced { .. })).await;
    on_a.send(&send_frame("deploy-2", "And again")).await;
    let live = on_b
        .recv_until(|frame| matches!(frame, ServerFrame::Message { message } if message.client_id == "deploy-2"))
        .await;
    assert!(matches!(live, ServerFrame::Message { message } if message.body == "And again"));

    // Backups, PostgreSQL part: dump while both run, restore into a new database.
    for line in commands(postgres_backup) {
        machine.run(line).await;
    }
    a.stop().await;
    b.stop().await;
    let store = server::store::Store::connect(&machine.restored_url, 1).await.expect("the restored database");
    let restored = store.workspace_by_app_id("acme-pg").await.expect("read the restored database");
    assert!(restored.is_some(), "the restored database has the workspace");
    store.close().await;
    let mut conn = sqlx::PgConnection::connect(&admin).await.expect("PostgreSQL");
    sqlx::query(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", machine.restored_name))
        .execute(&mut conn)
        .await
        .expect("drop the restored database");
}

#[test]
fn every_file_and_command_of_the_guide_is_followed() {
    let guide = by_section(GUIDE);
    // Files: every block but the shell ones names its path, so the test writes it.
    for (heading, block) in &guide {
        if block.lang != "sh" {
            assert!(block.path().is_some(), "a {} block under {heading:?} names no path", block.lang);
        }
    }
    // Commands: only in the sections the test runs.
    let followed = ["One node on SQLite", "Two nodes on PostgreSQL", "Backups"];
    for (heading, block) in &guide {
        if block.lang == "sh" {
            assert!(
                followed.iter().any(|section| heading.starts_with(section)),
                "commands under {heading:?} are not run by the test"
            );
        }
    }
}
