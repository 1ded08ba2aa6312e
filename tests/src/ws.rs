//! A WebSocket test client speaking the frame protocol with tokio-tungstenite.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// How long a test waits for a frame the server owes it before failing. A deadline,
/// not a sleep: tests finish as soon as the frame arrives.
const FRAME_DEADLINE: Duration = Duration::from_secs(10);

/// A connected client.
pub struct WsClient {
    stream: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl std::fmt::Debug for WsClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WsClient").finish_non_exhaustive()
    }
}

/// What the server sent, or how the connection ended.
#[derive(Debug)]
pub enum Received {
    Frame(ServerFrame),
    Closed(Option<CloseFrame>),
}

impl WsClient {
    pub async fn connect_visitor(url: &str, token: &str, origin: &str) -> Result<Self, tungstenite::Error> {
        let protocols = format!("{WS_PROTOCOL}, {WS_TOKEN_PREFIX}{token}");
        Self::connect(url, &protocols, origin, None).await
    }

    pub async fn connect_agent(url: &str, cookie: &str, origin: &str) -> Result<Self, tungstenite::Error> {
        Self::connect(url, WS_PROTOCOL, origin, Some(cookie)).await
    }

    pub async fn connect(
        url: &str,
        protocols: &str,
        origin: &str,
        cookie: Option<&str>,
    ) -> Result<Self, tungstenite::Error> {
        let mut request = url.into_client_request()?;
        let headers = request.headers_mut();
        headers.insert("sec-websocket-protocol", HeaderValue::from_str(protocols).expect("header"));
        headers.insert("origin", HeaderValue::from_str(origin).expect("header"));
        if let Some(cookie) = cookie {
            headers.insert("cookie", HeaderValue::from_str(cookie).expect("header"));
        }
        let (stream, response) = tokio_tungstenite::connect_async(request).await?;
        assert_eq!(
            response.headers().get("sec-websocket-protocol").and_then(|v| v.to_str().ok()),
            Some(WS_PROTOCOL),
            "server must select the helpline subprotocol"
        );
        Ok(Self { stream })
    }

    /// A client over a connection the caller opened (with headers of its own).
    pub fn from_stream(stream: WebSocketStream<MaybeTlsStream<TcpStream>>) -> Self {
        Self { stream }
    }

    pub async fn send(&mut self, frame: &ClientFrame) {
        let json = serde_json::to_string(frame).expect("serialise frame");
        self.send_raw(&json).await;
    }

    pub async fn send_raw(&mut self, text: &str) {
        self.stream.send(Message::text(text)).await.expect("send frame");
    }

    /// Sends a text message the server may refuse by closing while it is still being
    /// written, so a failed write is the caller's to judge (by what `next` then reads).
    pub async fn try_send_raw(&mut self, text: &str) -> Result<(), tungstenite::Error> {
        self.stream.send(Message::text(text)).await
    }

    pub async fn send_binary(&mut self, bytes: Vec<u8>) {
        self.stream.send(Message::binary(bytes)).await.expect("send binary");
    }

    /// The next frame or close, skipping pings.
    pub async fn next(&mut self) -> Received {
        loop {
            let message = tokio::time::timeout(FRAME_DEADLINE, self.stream.next())
                .await
                .expect("the server sent nothing before the deadline");
            match message {
                Some(Ok(Message::Text(text))) => {
                    let frame = serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("server sent an unreadable frame {text}: {e}"));
                    return Received::Frame(frame);
                }
                Some(Ok(Message::Close(frame))) => return Received::Closed(frame),
                Some(Ok(_)) => continue,
                Some(Err(_)) | None => return Received::Closed(None),
            }
        }
    }

    /// The next frame; panics on close.
    pub async fn recv(&mut self) -> ServerFrame {
        match self.next().await {
            Received::Frame(frame) => frame,
            Received::Closed(close) => panic!("connection closed unexpectedly: {close:?}"),
        }
    }

    /// The next frame that is not presence, typing, unread or support access noise.
    pub async fn recv_significant(&mut self) -> ServerFrame {
        loop {
            match self.recv().await {
                ServerFrame::Presence { .. }
                | ServerFrame::Typing { .. }
                | ServerFrame::Unread { .. }
                | ServerFrame::Access { .. } => continue,
                frame => return frame,
            }
        }
    }

    /// Skips frames until one matches.
    pub async fn recv_until(&mut self, mut wanted: impl FnMut(&ServerFrame) -> bool) -> ServerFrame {
        loop {
            let frame = self.recv().await;
            if wanted(&frame) {
                return frame;
            }
        }
    }

    pub async fn close(mut self) {
        let _ = self.stream.close(None).await;
    }
}

/// An agent's public reply `body` under `client_id` in chat `conversation_id`.
pub fn reply_frame(conversation_id: i64, client_id: &str, body: &str) -> ClientFrame {
    ClientFrame::Send {
        conversation_id: Some(conversation_id),
        client_id: client_id.into(),
        body: body.into(),
        files: Vec::new(),
        internal: false,
    }
}

/// A visitor's `send` of `body` under `client_id`, into their open chat (or a new one).
pub fn send_frame(client_id: &str, body: &str) -> ClientFrame {
    ClientFrame::Send {
        conversation_id: None,
        client_id: client_id.into(),
        body: body.into(),
        files: Vec::new(),
        internal: false,
    }
}
