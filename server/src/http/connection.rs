//! One HTTP connection, served by hyper (HTTP/1.1 with upgrades, or HTTP/2) under two
//! timeouts: the first request must arrive within the header timeout (hyper times the
//! headers of every HTTP/1.1 request, including the wait on a kept-alive connection),
//! and a connection with no request in progress is closed after the idle timeout.
//! Every request carries the peer address for `ClientIp`, and a response to a request
//! whose body was never read closes the connection, so the client does not send its
//! next request into a connection that is about to close.

use std::convert::Infallible;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::ConnectInfo;
use axum::http::header::CONNECTION;
use axum::http::{HeaderValue, Request, Response, Version};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio::sync::watch;
use tokio::time::Instant;
use tower::ServiceExt;

use crate::limits::GaugeSlot;
use crate::shutdown::Shutdown;

/// How long a connection may take to deliver requests, and to sit idle.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    /// For the headers of each request, from the connection's start or the end of the
    /// previous response.
    pub header: Duration,
    /// With no request in progress.
    pub idle: Duration,
}

/// Serves one accepted connection until it ends, it times out, or the server stops
/// (then the request in progress finishes first). `slot` is the connection's place in
/// its address's connection cap; it is held as long as the socket, WebSockets included.
pub async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    slot: Option<GaugeSlot<IpAddr>>,
    router: Router,
    timeouts: Timeouts,
    mut shutdown: Shutdown,
) {
    let (load, mut watched) = watch::channel(Load { in_flight: 0, served: 0, since: Instant::now() });
    let load = Arc::new(load);
    let service = hyper::service::service_fn(move |request| handle(request, peer, router.clone(), Busy::begin(&load)));
    let mut builder = Builder::new(TokioExecutor::new());
    builder.http1().timer(TokioTimer::new()).header_read_timeout(timeouts.header);
    // The CONNECT protocol carries WebSockets over HTTP/2, as axum::serve allows.
    builder.http2().timer(TokioTimer::new()).enable_connect_protocol();
    let connection = builder.serve_connection_with_upgrades(TokioIo::new(Held { stream: Some(stream), slot }), service);
    tokio::pin!(connection);
    let bound = tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(%error, "connection ended with an error");
            }
            return;
        }
        () = shutdown.recv() => None,
        () = until_idle(&mut watched, timeouts) => Some(timeouts.header),
    };
    // Finishes the response in progress (none when idle), then closes.
    connection.as_mut().graceful_shutdown();
    match bound {
        // Shutting down: the accept loop bounds how long requests in flight may take.
        None => {
            let _ = connection.await;
        }
        Some(bound) => {
            let _ = tokio::time::timeout(bound, connection).await;
        }
    }
}

/// Answers one request through the router.
async fn handle(
    request: Request<Incoming>,
    peer: SocketAddr,
    router: Router,
    _busy: Busy,
) -> Result<Response<Body>, Infallible> {
    let http1 = request.version() < Version::HTTP_2;
    let (mut parts, body) = request.into_parts();
    parts.extensions.insert(ConnectInfo(peer));
    let read = Arc::new(AtomicBool::new(http_body::Body::is_end_stream(&body)));
    let body = Body::new(Tracked { inner: body, read: Arc::clone(&read) });
    let mut response = router.oneshot(Request::from_parts(parts, body)).await?;
    if http1 && !read.load(Ordering::Relaxed) {
        // Refused before its body was read (or while reading it): hyper will not wait
        // for the rest, so tell the client this connection ends with this response,
        // and its next request goes on a new one instead of being lost.
        response.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
    }
    Ok(response)
}

/// The requests of a connection: how many are in progress, how many there were, and
/// since when it has had none.
#[derive(Debug, Clone, Copy)]
struct Load {
    in_flight: u32,
    served: u64,
    since: Instant,
}

/// One request in progress; dropping it (the response is ready) may make the
/// connection idle.
struct Busy(Arc<watch::Sender<Load>>);

impl Busy {
    fn begin(load: &Arc<watch::Sender<Load>>) -> Self {
        load.send_modify(|load| {
            load.in_flight += 1;
            load.served += 1;
        });
        Self(Arc::clone(load))
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        self.0.send_modify(|load| {
            load.in_flight = load.in_flight.saturating_sub(1);
            if load.in_flight == 0 {
                load.since = Instant::now();
            }
        });
    }
}

/// Resolves once the connection has had no request in progress for its limit: the
/// header timeout before the first request (whatever the protocol, including while
/// hyper is still telling HTTP/1 from HTTP/2), the idle timeout after.
async fn until_idle(load: &mut watch::Receiver<Load>, timeouts: Timeouts) {
    loop {
        let now = *load.borrow_and_update();
        if now.in_flight == 0 {
            let limit = if now.served == 0 { timeouts.header } else { timeouts.idle };
            tokio::select! {
                () = tokio::time::sleep_until(now.since + limit) => return,
                changed = load.changed() => if changed.is_err() { std::future::pending::<()>().await },
            }
        } else if load.changed().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

/// The socket, holding the connection's slot in the per-address cap for as long as
/// it is open (an upgraded WebSocket keeps it). Dropped, it closes the socket
/// lingering (`linger`).
struct Held {
    /// `None` only once dropped.
    stream: Option<TcpStream>,
    slot: Option<GaugeSlot<IpAddr>>,
}

impl Held {
    fn stream(&mut self) -> io::Result<Pin<&mut TcpStream>> {
        self.stream.as_mut().map(Pin::new).ok_or_else(|| io::Error::from(io::ErrorKind::NotConnected))
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let (Some(stream), Ok(runtime)) = (self.stream.take(), tokio::runtime::Handle::try_current()) else {
            return;
        };
        runtime.spawn(linger(stream, self.slot.take()));
    }
}

/// How long a closing connection's unread input is read and discarded.
const LINGER: Duration = Duration::from_secs(2);

/// Closes a socket the way a client can read the last answer on it: say we are done
/// (FIN), then read what it still sends until it hangs up. Closing with input unread
/// answers the client with a reset, which can discard that answer before it is read
/// (a request refused before its body was read is such a case). The cap's slot is
/// held until the socket is gone.
pub(super) async fn linger(mut stream: TcpStream, slot: Option<GaugeSlot<IpAddr>>) {
    let discard = async {
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        while stream.read(&mut sink).await? > 0 {}
        io::Result::Ok(())
    };
    let _ = tokio::time::timeout(LINGER, discard).await;
    drop(slot);
}

impl AsyncRead for Held {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        self.get_mut().stream()?.poll_read(cx, buf)
    }
}

impl AsyncWrite for Held {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.get_mut().stream()?.poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.get_mut().stream()?.poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.as_ref().is_some_and(TcpStream::is_write_vectored)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().stream()?.poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.get_mut().stream()?.poll_shutdown(cx)
    }
}

/// A request body that records whether it was read to the end.
struct Tracked {
    inner: Incoming,
    read: Arc<AtomicBool>,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = hyper::Error;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, hyper::Error>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) || this.inner.is_end_stream() {
            this.read.store(true, Ordering::Relaxed);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
