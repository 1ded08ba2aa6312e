//! The server in a process of its own: the built `helpline serve` binary on a database
//! the test prepared, so a test can kill it with SIGKILL, as a crash or the kernel's
//! out-of-memory killer would, and start it again on the same database and
//! configuration, as a supervisor would.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use protocol::api::Role;
use server::store::{Store, WorkspaceRecord};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::{ADMIN_EMAIL, AGENT_EMAIL, HOST_ORIGIN, PASSWORD};

/// How long the server may take to start listening.
const START_DEADLINE: Duration = Duration::from_secs(30);
/// The line `helpline serve` prints once it listens, followed by its base URL.
const LISTENING: &str = "Helpline listening on ";

/// A running (or killed) `helpline serve` and what it takes to start it again.
pub struct ServerProcess {
    /// `None` between [`kill_9`](Self::kill_9) and [`restart`](Self::restart).
    child: Option<Child>,
    base_url: String,
    database_url: String,
    /// Holds the configuration file and the mail folder; removed when dropped, after
    /// the child is killed.
    dir: tempfile::TempDir,
}

/// The `helpline` binary: `HELPLINE_BIN`, or the one Cargo built beside this test
/// executable (`target/debug/deps/…` runs `target/debug/helpline`).
pub fn binary() -> PathBuf {
    let path = match std::env::var_os("HELPLINE_BIN") {
        Some(path) => Some(PathBuf::from(path)),
        None => std::env::current_exe().ok().and_then(|test| Some(test.parent()?.parent()?.join("helpline"))),
    };
    path.filter(|path| path.is_file()).unwrap_or_else(|| {
        panic!(
            "no helpline binary at HELPLINE_BIN or beside the tests: run `cargo build -p server --bin helpline` \
             first (`cargo xtask test` does)"
        )
    })
}

/// Migrates the database and adds the workspace `TestApp` has: `HOST_ORIGIN` may embed
/// the messenger, and `ADMIN_EMAIL` and `AGENT_EMAIL` sign in with `PASSWORD`.
pub async fn prepare_workspace(database_url: &str) -> WorkspaceRecord {
    let store = Store::connect(database_url, 1).await.expect("connect to the test database");
    store.migrate().await.expect("migrate the test database");
    let workspace =
        server::operator::add_workspace(&store, "Acme", &[HOST_ORIGIN.to_owned()], None).await.expect("workspace");
    for (email, role) in [(ADMIN_EMAIL, Role::Admin), (AGENT_EMAIL, Role::Agent)] {
        server::operator::add_agent(&store, &workspace, email, "Ada Agent", role, PASSWORD.to_owned())
            .await
            .expect("agent");
    }
    store.close().await;
    workspace
}

impl ServerProcess {
    /// Starts `helpline serve` on `database_url` (prepared, for example by
    /// [`prepare_workspace`]) with `config` as its configuration file, and returns once
    /// it listens. The process binds 127.0.0.1 on a free port, logs warnings and
    /// writes mail without SMTP into a temporary folder; those settings are given as
    /// environment variables, which win over the file.
    pub async fn start(database_url: &str, config: &str) -> Self {
        let dir = tempfile::tempdir().expect("a folder for the server's configuration");
        std::fs::write(dir.path().join("helpline.toml"), config).expect("write the configuration");
        let mut server = Self { child: None, base_url: String::new(), database_url: database_url.to_owned(), dir };
        server.restart().await;
        server
    }

    /// Where the server listens now, as `http://127.0.0.1:PORT`; it changes with each
    /// start.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A WebSocket URL on the server as it listens now.
    pub fn ws_url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.replacen("http://", "ws://", 1))
    }

    /// Kills the server with SIGKILL, which it cannot catch, and waits until it is
    /// gone. Panics if it had already exited by itself: a crash the test did not cause.
    pub async fn kill_9(&mut self) {
        let mut child = self.child.take().expect("kill_9 needs a running server");
        if let Some(status) = child.try_wait().expect("ask whether the server still runs") {
            panic!("the server exited by itself ({status}) before the test killed it");
        }
        // Tokio's `kill` sends SIGKILL on Unix and then waits for the process.
        child.kill().await.expect("kill the server with SIGKILL");
    }

    /// Starts the server again, on the same database and configuration, after
    /// [`kill_9`](Self::kill_9).
    pub async fn restart(&mut self) {
        assert!(self.child.is_none(), "restart needs a stopped server");
        let mut child = Command::new(binary())
            .arg("--config")
            .arg(self.dir.path().join("helpline.toml"))
            .arg("serve")
            .current_dir(self.dir.path())
            .env("HELPLINE_SERVER__BIND", "127.0.0.1:0")
            .env("HELPLINE_DATABASE__URL", &self.database_url)
            .env("HELPLINE_MAIL__OUTBOX_FOLDER", self.dir.path().join("outbox"))
            .env("HELPLINE_LOG__FILTER", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|error| panic!("start {}: {error}", binary().display()));
        let stdout = child.stdout.take().expect("the server's piped standard output");
        let mut lines = BufReader::new(stdout).lines();
        let listening = tokio::time::timeout(START_DEADLINE, async {
            while let Some(line) = lines.next_line().await.expect("read the server's standard output") {
                if let Some(url) = line.strip_prefix(LISTENING) {
                    return Some(url.to_owned());
                }
            }
            None
        })
        .await;
        let base_url = match listening {
            Ok(Some(url)) => url,
            Ok(None) => panic!("the server exited before listening; its error is above"),
            Err(_) => panic!("the server did not listen within {START_DEADLINE:?}"),
        };
        // Keep reading what the server prints, so its standard output never fills up.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        self.base_url = base_url;
        self.child = Some(child);
    }
}
