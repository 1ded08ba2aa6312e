//! A raw TCP client for what HTTP libraries hide: half-sent requests, several requests
//! on one kept-alive connection, bodies cut short, a WebSocket peer that stops reading.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a test waits for the server before failing. A deadline, not a sleep.
pub const DEADLINE: Duration = Duration::from_secs(10);

/// One connection to the server.
pub struct RawConnection {
    stream: TcpStream,
    /// Bytes read but not yet consumed.
    buffer: Vec<u8>,
}

/// A response as read off the wire.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }

    /// True when the server says the connection ends after this response.
    pub fn closes(&self) -> bool {
        self.header("connection").is_some_and(|value| value.eq_ignore_ascii_case("close"))
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

impl RawConnection {
    pub async fn open(addr: SocketAddr) -> Self {
        Self { stream: TcpStream::connect(addr).await.expect("connect"), buffer: Vec::new() }
    }

    pub async fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).await.expect("write");
    }

    /// Reads one response with a `Content-Length` body (what the server sends for
    /// everything but assets and upgrades).
    pub async fn response(&mut self) -> RawResponse {
        tokio::time::timeout(DEADLINE, self.read_response()).await.expect("no response before the deadline")
    }

    async fn read_response(&mut self) -> RawResponse {
        let head_end = loop {
            if let Some(end) = find(&self.buffer, b"\r\n\r\n") {
                break end;
            }
            assert!(self.fill().await > 0, "the connection closed before a response");
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).into_owned();
        self.buffer.drain(..head_end + 4);
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|code| code.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(name, _)| name == "content-length")
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(0);
        while self.buffer.len() < length {
            assert!(self.fill().await > 0, "the connection closed inside a body");
        }
        let body = self.buffer.drain(..length).collect();
        RawResponse { status, headers, body }
    }

    /// Waits until the server closes the connection; everything it sent before is
    /// returned. Panics if it is still open at `deadline`.
    pub async fn closed_within(&mut self, deadline: Duration) -> Vec<u8> {
        let wait = async { while self.fill().await > 0 {} };
        tokio::time::timeout(deadline, wait).await.expect("the server kept the connection open");
        std::mem::take(&mut self.buffer)
    }

    /// Bytes read; 0 at the end of the stream (a reset counts as the end).
    async fn fill(&mut self) -> usize {
        let mut chunk = [0u8; 8192];
        let read = self.stream.read(&mut chunk).await.unwrap_or(0);
        self.buffer.extend_from_slice(&chunk[..read]);
        read
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The close code of the first close frame in bytes a server sent on a WebSocket
/// (server frames are not masked).
pub fn close_code(mut frames: &[u8]) -> Option<u16> {
    while frames.len() >= 2 {
        let opcode = frames[0] & 0x0f;
        let (length, start) = match frames[1] & 0x7f {
            126 if frames.len() >= 4 => (usize::from(u16::from_be_bytes([frames[2], frames[3]])), 4),
            127 => return None,
            length => (usize::from(length), 2),
        };
        let payload = frames.get(start..start + length)?;
        if opcode == 0x8 {
            return payload.get(..2).map(|code| u16::from_be_bytes([code[0], code[1]]));
        }
        frames = &frames[start + length..];
    }
    None
}
