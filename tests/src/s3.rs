//! A real S3 API for tests: `s3rver` (npm, installed into `tests/s3/node_modules` by
//! `cargo xtask test`) on a free port, with one bucket, its objects in a temporary
//! folder. Stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The bucket the server is started with.
pub const BUCKET: &str = "helpline";

/// A running s3rver on 127.0.0.1.
pub struct S3Server {
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
    child: Child,
    _data: tempfile::TempDir,
}

impl S3Server {
    /// Starts s3rver on a free port and waits until it listens.
    pub fn start() -> S3Server {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("s3/node_modules/s3rver/bin/s3rver.js");
        assert!(
            script.is_file(),
            "the S3 tests need s3rver: run them with `cargo xtask test`, which installs it, or `npm ci` in tests/s3"
        );
        let data = tempfile::tempdir().expect("temporary folder");
        let mut child = Command::new("node")
            .arg(&script)
            .args(["--address", "127.0.0.1", "--port", "0", "--configure-bucket", BUCKET, "--directory"])
            .arg(data.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("start {}: {e}", script.display()));
        let stdout = child.stdout.take().expect("piped standard output");
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(address) = line.trim().strip_prefix("S3rver listening on ") {
                        break address.to_owned();
                    }
                }
                _ => {
                    let _ = child.kill();
                    panic!("s3rver exited before it listened; see its error above");
                }
            }
        };
        // s3rver logs every request; read the log so it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        S3Server { endpoint: format!("http://{address}"), child, _data: data }
    }

    /// The `[files]` settings that store blobs in this server's bucket.
    pub fn files_config(&self) -> server::config::FilesConfig {
        server::config::FilesConfig {
            storage: server::config::StorageKind::S3,
            s3_endpoint: Some(self.endpoint.clone()),
            s3_bucket: Some(BUCKET.to_owned()),
            s3_region: Some("us-east-1".to_owned()),
            s3_access_key_id: Some("S3RVER".to_owned().into()),
            s3_secret_access_key: Some("S3RVER".to_owned().into()),
            s3_allow_http: true,
            ..server::config::FilesConfig::default()
        }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
