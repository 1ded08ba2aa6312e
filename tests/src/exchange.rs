//! HTTP/1.1 by hand over a TCP socket, for requests no ordinary client sends: a
//! `Content-Length` with no body behind it, or a chunked body the client stops in the
//! middle of, waiting for the server's answer.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a raw exchange may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(15);

/// A response as read off the socket.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// Header names in lower case, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The first value of a header, by its lower-case name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// Sends `head` (the request line and headers, without the blank line that ends them)
/// and then `body`, and reads one response. The server may answer before the body is
/// complete; the answer is read either way.
pub async fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> RawResponse {
    tokio::time::timeout(DEADLINE, async {
        let mut stream = TcpStream::connect(addr).await.expect("connect");
        stream
            .write_all(format!("{head}\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes())
            .await
            .expect("head");
        stream.write_all(body).await.expect("body");
        read_response(&mut stream).await
    })
    .await
    .expect("the server answered before the deadline")
}

/// Reads the status line, the headers and a `Content-Length` body.
async fn read_response(stream: &mut TcpStream) -> RawResponse {
    let mut received = Vec::new();
    let mut buffer = [0_u8; 8192];
    let head_end = loop {
        if let Some(at) = received.windows(4).position(|window| window == b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut buffer).await.expect("read response");
        assert!(read > 0, "the connection closed before a response: {:?}", String::from_utf8_lossy(&received));
        received.extend_from_slice(&buffer[..read]);
    };
    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("a status line");
    let status = status_line.split(' ').nth(1).and_then(|code| code.parse().ok()).expect("a status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = received[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut buffer).await.expect("read body");
        assert!(read > 0, "the connection closed in the middle of the body");
        body.extend_from_slice(&buffer[..read]);
    }
    body.truncate(length);
    RawResponse { status, headers, body }
}
