//! A real SMTP server for tests: `tests/smtp/server.py` on aiosmtpd, writing each
//! message it accepts into a temporary folder, and answering 451 or 550 on request.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

/// How often [`SmtpServer::wait_for_messages`] looks at the folder.
const POLL_INTERVAL: Duration = Duration::from_millis(20);

/// A running SMTP server on 127.0.0.1, stopped when dropped.
pub struct SmtpServer {
    /// The port it listens on.
    pub port: u16,
    /// The folder it writes messages (`000001.eml`, ...) and reads control files in.
    pub dir: PathBuf,
    child: Child,
    // The server exits when its standard input closes, so it cannot outlive a test
    // process that dies before `Drop` runs.
    _stdin: ChildStdin,
    _temp: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts the server on a free port and waits until it accepts connections.
    pub fn start() -> SmtpServer {
        let check = Command::new("python3").args(["-c", "import aiosmtpd"]).output();
        match check {
            Ok(output) if output.status.success() => {}
            _ => panic!(
                "the SMTP tests need Python 3 with aiosmtpd: run them with `cargo xtask test`, \
                 which installs it, or `python3 -m pip install aiosmtpd`"
            ),
        }
        let temp = tempfile::tempdir().expect("temporary folder");
        let dir = temp.path().join("smtp");
        std::fs::create_dir_all(&dir).expect("the SMTP server's folder");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("smtp/server.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", script.display()));
        let stdin = child.stdin.take().expect("piped standard input");
        let stdout = child.stdout.take().expect("piped standard output");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("read the SMTP server's port");
        let port = line.trim().parse().unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("the SMTP server did not print its port (it printed {line:?}); see its error above")
        });
        SmtpServer { port, dir, child, _stdin: stdin, _temp: temp }
    }

    /// The messages received so far, in the order they arrived.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .expect("the SMTP server's folder")
            .map(|entry| entry.expect("a folder entry").path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "eml"))
            .collect();
        names.sort();
        names.iter().map(|path| std::fs::read(path).expect("a received message")).collect()
    }

    /// Waits until at least `count` messages have arrived and returns them all; panics
    /// after `timeout`.
    pub async fn wait_for_messages(&self, count: usize, timeout: Duration) -> Vec<Vec<u8>> {
        let deadline = Instant::now() + timeout;
        loop {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            if Instant::now() >= deadline {
                panic!("expected {count} messages within {timeout:?}, the SMTP server has {}", messages.len());
            }
            tokio::time::sleep(POLL_INTERVAL).await;
        }
    }

    /// While on, the server answers RCPT and DATA with `451 4.3.0 try again later`.
    pub fn reject_temporarily(&self, on: bool) {
        self.control("reject-temporarily", on);
    }

    /// While on, the server answers RCPT and DATA with `550 5.1.1 no such user`. It
    /// takes precedence over [`reject_temporarily`](Self::reject_temporarily).
    pub fn reject_permanently(&self, on: bool) {
        self.control("reject-permanently", on);
    }

    fn control(&self, name: &str, on: bool) {
        let path = self.dir.join(name);
        if on {
            std::fs::write(&path, b"").expect("create a control file");
        } else if let Err(error) = std::fs::remove_file(&path) {
            assert_eq!(error.kind(), std::io::ErrorKind::NotFound, "remove {}: {error}", path.display());
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
