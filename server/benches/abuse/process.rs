//! The server under test: a release `helpline serve` in its own process, on a
//! temporary SQLite database with one workspace, so its resident memory can be read
//! from `/proc` apart from the load generator's.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use anyhow::{Context, bail};
use protocol::api::Role;
use server::store::Store;

/// A running `helpline serve`.
pub struct ServerProcess {
    pub base_url: String,
    pub app_id: String,
    child: Child,
    // Dropped last: the database outlives the server.
    _dir: tempfile::TempDir,
}

impl ServerProcess {
    /// Prepares the database, writes the configuration and starts the binary Cargo
    /// built beside this benchmark; returns once it listens.
    pub async fn start() -> anyhow::Result<Self> {
        Self::start_with(&[]).await
    }

    /// As [`start`](Self::start), with environment variables overriding the
    /// configuration (`HELPLINE_LIMITS__MESSAGES_PER_SOCKET`, …).
    pub async fn start_with(env: &[(&str, &str)]) -> anyhow::Result<Self> {
        Self::start_on(None, env).await
    }

    /// As [`start_with`](Self::start_with), on the empty PostgreSQL database at
    /// `postgres` when given, else on a temporary SQLite one.
    pub async fn start_on(postgres: Option<&str>, env: &[(&str, &str)]) -> anyhow::Result<Self> {
        let dir = database_dir()?;
        let url = match postgres {
            Some(url) => url.to_owned(),
            None => format!("sqlite://{}", dir.path().join("helpline.db").display()),
        };
        let store = Store::connect(&url, 1).await?;
        store.migrate().await?;
        let workspace = server::operator::add_workspace(&store, "Bench", &[], None).await?;
        server::operator::add_agent(
            &store,
            &workspace,
            "admin@bench.example",
            "Admin",
            Role::Admin,
            "a long password".into(),
        )
        .await?;
        store.close().await;

        let config = dir.path().join("helpline.toml");
        std::fs::write(&config, configuration(&url, &dir.path().join("outbox"))).context("write the configuration")?;
        let mut child = Command::new(env!("CARGO_BIN_EXE_helpline"))
            .arg("--config")
            .arg(&config)
            .arg("serve")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .context("start helpline serve")?;
        let stdout = child.stdout.take().context("server stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let address = lines
            .by_ref()
            .map_while(Result::ok)
            .find_map(|line| line.strip_prefix("Helpline listening on ").map(str::to_owned));
        // Keep reading what the server prints, so its standard output never closes.
        std::thread::spawn(move || lines.map_while(Result::ok).for_each(drop));
        let Some(base_url) = address else {
            let _ = child.kill();
            bail!("the server stopped before listening");
        };
        Ok(Self { base_url, app_id: workspace.app_id, child, _dir: dir })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The server's resident memory in bytes, from `/proc/<pid>/status`.
    pub fn rss(&self) -> Option<u64> {
        rss_of(self.pid())
    }

    /// Asks the server to stop (SIGTERM) and waits for it, killing it after 10 s.
    pub fn stop(self) -> anyhow::Result<()> {
        let pid = self.pid().to_string();
        let _ = Command::new("kill").arg("-TERM").arg(&pid).status();
        // The data directory stays until the server is gone.
        let Self { mut child, _dir, .. } = self;
        let (done, exited) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = done.send(child.wait());
        });
        match exited.recv_timeout(Duration::from_secs(10)) {
            Ok(status) => status.map(drop).context("wait for the server"),
            Err(_) => {
                let killed = Command::new("kill").arg("-KILL").arg(&pid).status().context("kill the server")?;
                if killed.success() { Ok(()) } else { bail!("the server did not stop and could not be killed") }
            }
        }
    }
}

/// The resident memory of process `pid` in bytes, from `/proc/<pid>/status`.
pub fn rss_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// Loopback behind a trusted proxy, so the load can speak for many client IPs through
/// `X-Forwarded-For`; no cap on connections from loopback, which carries all the load;
/// the default limits otherwise.
fn configuration(url: &str, outbox: &Path) -> String {
    format!(
        "[server]\nbind = \"127.0.0.1:0\"\ntrusted_proxies = [\"127.0.0.1/32\"]\n\n\
         [database]\nurl = \"{url}\"\n\n\
         [log]\nfilter = \"warn\"\n\n\
         [mail]\noutbox_folder = \"{}\"\n\n\
         [limits]\nconnections_per_ip = 100000\nsockets_per_ip = 100000\n",
        outbox.display()
    )
}

/// A throwaway folder for the database, in RAM where Linux offers one, so the disk
/// does not weigh on the figures.
fn database_dir() -> anyhow::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("helpline-abuse-");
    let shared_memory = Path::new("/dev/shm");
    let dir = if shared_memory.is_dir() { builder.tempdir_in(shared_memory) } else { builder.tempdir() };
    dir.context("create a folder for the database")
}
