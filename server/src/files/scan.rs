//! Malware scanning through ClamAV's `clamd`, when `[files] clamd` names it: every
//! file is sent with the INSTREAM command (`clamav-client`), streamed as it arrives
//! for uploads. An infected file is refused with the signature's name. A configured
//! scanner that cannot be reached, or that answers anything but a verdict, refuses the
//! file too (fail closed): nothing unscanned is kept while scanning is on.

use std::path::PathBuf;
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tokio_stream::wrappers::ReceiverStream;

/// The longest a scan may take once its bytes are sent.
const SCAN_TIMEOUT: Duration = Duration::from_secs(60);

/// Where clamd listens. Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanner {
    /// `host:port`.
    Tcp(String),
    /// A unix socket's path.
    Socket(PathBuf),
}

/// What the scanner found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// Malware, by the name of the signature that matched.
    Infected(String),
}

/// Why a file could not be scanned.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error("the malware scanner cannot be reached: {0}")]
    Unreachable(#[from] std::io::Error),
    #[error("the malware scanner answered {0:?}")]
    Failed(String),
    #[error("the malware scanner took too long")]
    TimedOut,
}

impl Scanner {
    /// `[files] clamd`: a path (it contains a `/`) is a unix socket, anything else
    /// `host:port`.
    pub fn parse(address: &str) -> Self {
        if address.contains('/') { Self::Socket(PathBuf::from(address)) } else { Self::Tcp(address.to_owned()) }
    }

    /// Scans bytes held in memory (a mail's attachment, an image).
    pub async fn scan_bytes(&self, bytes: &[u8]) -> Result<Verdict, ScanError> {
        let mut scan = self.start();
        scan.feed(Bytes::copy_from_slice(bytes)).await?;
        scan.verdict().await
    }

    /// Starts a scan that takes the bytes as they arrive ([`Scan::feed`]).
    pub fn start(&self) -> Scan {
        let (sender, receiver) = mpsc::channel::<std::io::Result<Bytes>>(2);
        let input = ReceiverStream::new(receiver);
        let scanner = self.clone();
        let task = tokio::spawn(async move {
            match scanner {
                Scanner::Tcp(address) => {
                    clamav_client::tokio::scan_stream(input, clamav_client::tokio::Tcp { host_address: address }, None)
                        .await
                }
                Scanner::Socket(path) => {
                    clamav_client::tokio::scan_stream(input, clamav_client::tokio::Socket { socket_path: path }, None)
                        .await
                }
            }
        });
        Scan { sender: Some(sender), task }
    }
}

/// A scan in progress.
pub struct Scan {
    sender: Option<mpsc::Sender<std::io::Result<Bytes>>>,
    task: JoinHandle<std::io::Result<Vec<u8>>>,
}

impl Scan {
    /// Sends more of the file to the scanner.
    pub async fn feed(&mut self, bytes: Bytes) -> Result<(), ScanError> {
        let Some(sender) = &self.sender else {
            return Err(ScanError::Failed("bytes after the end".to_owned()));
        };
        if sender.send(Ok(bytes)).await.is_err() {
            // The scan ended early: clamd could not be reached or hung up.
            self.sender = None;
            return match (&mut self.task).await {
                Ok(Err(error)) => Err(ScanError::Unreachable(error)),
                Ok(Ok(reply)) => Err(ScanError::Failed(String::from_utf8_lossy(&reply).into_owned())),
                Err(error) => Err(ScanError::Failed(error.to_string())),
            };
        }
        Ok(())
    }

    /// Ends the file and waits for the scanner's verdict.
    pub async fn verdict(mut self) -> Result<Verdict, ScanError> {
        self.sender = None;
        let reply = match tokio::time::timeout(SCAN_TIMEOUT, &mut self.task).await {
            Err(_elapsed) => {
                self.task.abort();
                return Err(ScanError::TimedOut);
            }
            Ok(Err(error)) => return Err(ScanError::Failed(error.to_string())),
            Ok(Ok(reply)) => reply?,
        };
        parse_reply(&reply)
    }
}

impl Drop for Scan {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// clamd's answer to INSTREAM: `stream: OK`, or `stream: <signature> FOUND`.
fn parse_reply(reply: &[u8]) -> Result<Verdict, ScanError> {
    let text = String::from_utf8_lossy(reply);
    let text = text.trim_end_matches(['\0', '\n', '\r', ' ']);
    let answer = text.strip_prefix("stream: ").unwrap_or(text);
    if answer == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(signature) = answer.strip_suffix(" FOUND") {
        Ok(Verdict::Infected(signature.to_owned()))
    } else {
        Err(ScanError::Failed(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamd_replies_are_read_as_verdicts_and_anything_else_is_a_failure() {
        assert_eq!(parse_reply(b"stream: OK\0").ok(), Some(Verdict::Clean));
        assert_eq!(
            parse_reply(b"stream: Win.Test.EICAR_HDB-1 FOUND\0").ok(),
            Some(Verdict::Infected("Win.Test.EICAR_HDB-1".to_owned()))
        );
        assert!(matches!(parse_reply(b"INSTREAM size limit exceeded. ERROR\0"), Err(ScanError::Failed(_))));
        assert!(matches!(parse_reply(b""), Err(ScanError::Failed(_))));
    }

    #[test]
    fn an_address_with_a_slash_is_a_socket() {
        assert_eq!(Scanner::parse("/run/clamav/clamd.ctl"), Scanner::Socket(PathBuf::from("/run/clamav/clamd.ctl")));
        assert_eq!(Scanner::parse("127.0.0.1:3310"), Scanner::Tcp("127.0.0.1:3310".to_owned()));
    }
}
