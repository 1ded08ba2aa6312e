//! A real ClamAV daemon for tests: Debian's `clamd` (package clamav-daemon, installed by
//! `cargo xtask test`) on a free port, with a database folder that holds only the
//! signatures the test writes, since there is no network for `freshclam` to fetch the
//! real ones. Stopped when dropped.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The EICAR test file: harmless bytes every scanner is meant to detect.
pub const EICAR: &[u8] = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

/// The name the test signature gives EICAR; clamd reports it with `.UNOFFICIAL` added.
pub const EICAR_SIGNATURE: &str = "Helpline.Test.EICAR";

/// How long clamd may take to load its signatures and listen.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// A running clamd on 127.0.0.1.
pub struct Clamd {
    /// `127.0.0.1:<port>`.
    pub address: String,
    child: Child,
    _dir: tempfile::TempDir,
}

impl Clamd {
    /// Starts clamd with one signature, for [`EICAR`], and waits until it answers.
    pub fn start() -> Clamd {
        let binary = ["/usr/sbin/clamd", "/usr/bin/clamd"].into_iter().map(Path::new).find(|path| path.is_file());
        let binary =
            binary.expect("the scan tests need clamd: run them with `cargo xtask test`, which installs clamav-daemon");
        let dir = tempfile::tempdir().expect("temporary folder");
        let database = dir.path().join("db");
        std::fs::create_dir_all(&database).expect("the signature folder");
        // A body signature (ClamAV's .ndb format: name, any file type, anywhere, the
        // bytes in hex), so EICAR is found inside other files too.
        let hex: String = EICAR.iter().map(|byte| format!("{byte:02x}")).collect();
        let signature = format!("{EICAR_SIGNATURE}:0:*:{hex}\n");
        std::fs::write(database.join("helpline-test.ndb"), signature).expect("the signature file");
        let port = free_port();
        let config = dir.path().join("clamd.conf");
        std::fs::write(
            &config,
            format!(
                "Foreground yes\nDatabaseDirectory {}\nTCPSocket {port}\nTCPAddr 127.0.0.1\nLogFile {}\nPidFile {}\n",
                database.display(),
                dir.path().join("clamd.log").display(),
                dir.path().join("clamd.pid").display(),
            ),
        )
        .expect("the clamd configuration");
        let child = Command::new(binary)
            .arg(format!("--config-file={}", config.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", binary.display()));
        let mut clamd = Clamd { address: format!("127.0.0.1:{port}"), child, _dir: dir };
        clamd.wait_until_ready();
        clamd
    }

    /// Waits for clamd to answer PING, which it does once its signatures are loaded.
    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("clamd exited with {status} before it listened; see its error above");
            }
            if ping(&self.address) {
                return;
            }
            assert!(Instant::now() < deadline, "clamd did not answer within {START_TIMEOUT:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Clamd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn ping(address: &str) -> bool {
    let Ok(mut stream) = TcpStream::connect(address) else { return false };
    let mut reply = Vec::new();
    stream.write_all(b"zPING\0").is_ok() && stream.read_to_end(&mut reply).is_ok() && reply.starts_with(b"PONG")
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("its address").port()
}
