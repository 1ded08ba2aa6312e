//! A crowd of visitors with idle sockets: each is created through the widget API (from
//! a client IP of its own, behind the trusted loopback proxy), opens its WebSocket from
//! one of several loopback source addresses, subscribes, waits for its replay to end,
//! and then only answers the server's pings.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt, TryStreamExt};
use protocol::api::WidgetSession;
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};
use tokio::net::TcpSocket;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// Sockets opened at once.
const CONCURRENCY: usize = 128;
/// Sockets per loopback source address, well inside its ephemeral ports.
const PER_SOURCE: usize = 20_000;
/// How long one visitor may take to be created and connected.
const CONNECT_DEADLINE: Duration = Duration::from_secs(60);

/// The visitors connected so far, and how many of their sockets the server closed.
pub struct Crowd {
    base: String,
    app_id: String,
    server: SocketAddr,
    http: reqwest::Client,
    opened: usize,
    closed: Arc<AtomicUsize>,
}

impl Crowd {
    pub fn new(base: &str, app_id: &str) -> anyhow::Result<Self> {
        let server = base.trim_start_matches("http://").parse().context("the server's address")?;
        let http = reqwest::Client::builder().pool_max_idle_per_host(CONCURRENCY).build()?;
        Ok(Self { base: base.to_owned(), app_id: app_id.to_owned(), server, http, opened: 0, closed: Arc::default() })
    }

    /// Sockets the server has closed (none should be, while they answer pings).
    pub fn closed(&self) -> usize {
        self.closed.load(Ordering::Relaxed)
    }

    /// Connects visitors until `total` sockets are open and caught up.
    pub async fn grow_to(&mut self, total: usize) -> anyhow::Result<()> {
        let next = self.opened..total.max(self.opened);
        let joined = futures_util::stream::iter(next.map(|n| {
            let (base, app_id, http, closed) =
                (self.base.clone(), self.app_id.clone(), self.http.clone(), Arc::clone(&self.closed));
            let server = self.server;
            async move {
                let visitor = join(&http, &base, &app_id, server, n, closed);
                tokio::time::timeout(CONNECT_DEADLINE, visitor).await.context("a visitor took over a minute")?
            }
        }))
        .buffer_unordered(CONCURRENCY)
        .try_collect::<Vec<()>>()
        .await?;
        self.opened += joined.len();
        Ok(())
    }
}

/// Creates visitor `n`, opens its socket, waits for the replay to end, and leaves a task
/// answering pings until the socket closes.
async fn join(
    http: &reqwest::Client,
    base: &str,
    app_id: &str,
    server: SocketAddr,
    n: usize,
    closed: Arc<AtomicUsize>,
) -> anyhow::Result<()> {
    let created = http
        .post(format!("{base}/api/v1/widget/visitors"))
        .header("x-forwarded-for", client_ip(n))
        .header("origin", base)
        .json(&serde_json::json!({ "app_id": app_id }))
        .send()
        .await?;
    if !created.status().is_success() {
        bail!("creating a visitor answered {}: {}", created.status(), created.text().await.unwrap_or_default());
    }
    let session: WidgetSession = created.json().await?;
    let token = session.token.context("a new visitor's session carries its token")?;

    let mut request = format!("ws://{server}/api/v1/widget/ws").into_client_request()?;
    let headers = request.headers_mut();
    headers
        .insert("sec-websocket-protocol", HeaderValue::from_str(&format!("{WS_PROTOCOL}, {WS_TOKEN_PREFIX}{token}"))?);
    headers.insert("origin", HeaderValue::from_str(base)?);
    let socket = TcpSocket::new_v4()?;
    socket.bind(SocketAddr::new(IpAddr::V4(source(n)), 0))?;
    let stream = socket.connect(server).await?;
    // The crowd's own buffers stay small too, or the bench's memory would be the limit.
    let config = WebSocketConfig::default().read_buffer_size(4096).write_buffer_size(0);
    let (mut ws, _) = tokio_tungstenite::client_async_with_config(request, stream, Some(config)).await?;
    ws.send(Message::text(r#"{"type":"subscribe","after_seq":0}"#)).await?;
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) if text.contains(r#""type":"synced""#) => break,
            Some(Ok(_)) => {}
            Some(Err(error)) => bail!("socket {n} failed before its replay ended: {error}"),
            None => bail!("socket {n} closed before its replay ended"),
        }
    }
    tokio::spawn(async move {
        // Reading is what answers pings; anything else the server sends is dropped.
        while let Some(Ok(_)) = ws.next().await {}
        closed.fetch_add(1, Ordering::Relaxed);
    });
    Ok(())
}

/// A client IP of its own for visitor `n`, in 10.0.0.0/8.
fn client_ip(n: usize) -> String {
    let n = n as u32 + 1;
    format!("10.{}.{}.{}", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff)
}

/// The loopback source address of visitor `n`'s socket.
fn source(n: usize) -> Ipv4Addr {
    Ipv4Addr::new(127, 0, 1, 1 + (n / PER_SOURCE) as u8)
}
