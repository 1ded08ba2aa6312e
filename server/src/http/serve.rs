//! The HTTP server: our own accept loop over hyper, because `axum::serve` has neither a
//! header-read nor an idle timeout. It caps the connections one address holds open,
//! serves each connection (`connection.rs`), and on shutdown stops accepting and lets
//! the requests in flight finish.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::serve::Listener;
use ipnet::IpNet;
use tokio::io::AsyncWriteExt;
use tokio::net::{TcpListener, TcpStream};
use tokio_util::task::TaskTracker;

use super::connection::{Timeouts, linger, serve_connection};
use crate::config::ServerConfig;
use crate::error::ApiError;
use crate::limits::{ClientIp, Limits};
use crate::shutdown::Shutdown;

/// How the server treats connections.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    pub timeouts: Timeouts,
    /// Proxies, whose connections carry many clients and are not capped.
    pub trusted_proxies: Vec<IpNet>,
    /// How long requests in flight may take to finish once shutdown begins.
    pub grace: Duration,
}

impl ServeSettings {
    pub fn new(config: &ServerConfig) -> Self {
        Self {
            timeouts: Timeouts {
                header: Duration::from_secs(config.header_timeout_secs),
                idle: Duration::from_secs(config.idle_timeout_secs),
            },
            trusted_proxies: config.trusted_proxies.clone(),
            grace: Duration::from_secs(config.shutdown_grace_secs),
        }
    }
}

/// How long writing the refusal of a connection over the cap may take.
const REFUSAL_WRITE: Duration = Duration::from_secs(2);

/// Serves `router` on `listener` until `shutdown`, then waits (at most the grace
/// period) for the requests in flight. `limits.connections_per_ip` caps the
/// connections each address holds open.
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    settings: ServeSettings,
    limits: Arc<Limits>,
    mut shutdown: Shutdown,
) {
    let connections = TaskTracker::new();
    loop {
        let (stream, peer) = tokio::select! {
            () = shutdown.recv() => break,
            // axum's listener retries failed accepts (too many open files) with a pause.
            accepted = Listener::accept(&mut listener) => accepted,
        };
        // Frames go out as they are written: with Nagle's algorithm a small frame
        // written right after another (a message after its ack) waits for the peer's
        // delayed ACK, about 40 ms.
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
        let ip = peer.ip().to_canonical();
        let slot = if settings.trusted_proxies.iter().any(|net| net.contains(&ip)) {
            None
        } else {
            let key = ClientIp::resolve(ip, &axum::http::HeaderMap::new(), &[]).0;
            match limits.connections_per_ip.acquire(key) {
                Some(slot) => Some(slot),
                None => {
                    tracing::debug!(%ip, "connection refused: too many open from this address");
                    connections.spawn(refuse(stream));
                    continue;
                }
            }
        };
        connections.spawn(serve_connection(stream, peer, slot, router.clone(), settings.timeouts, shutdown.clone()));
    }
    drop(listener);
    connections.close();
    if tokio::time::timeout(settings.grace, connections.wait()).await.is_err() {
        tracing::warn!("some HTTP requests did not finish in time");
    }
}

/// Answers a connection over the cap with a 429 and closes it.
async fn refuse(mut stream: TcpStream) {
    let error = ApiError::RateLimited {
        message: "too many open connections from your address; close some and retry",
        retry_after: Duration::from_secs(1),
    };
    let body = serde_json::to_string(&error.body()).unwrap_or_default();
    let answer = format!(
        "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         retry-after: 1\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    // Bounded: a client that does not read its answer loses it.
    if let Ok(Ok(())) = tokio::time::timeout(REFUSAL_WRITE, stream.write_all(answer.as_bytes())).await {
        linger(stream, None).await;
    }
}
