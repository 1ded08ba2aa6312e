//! Live traffic: a crowd of visitors sends messages at a steady total rate, step by
//! step, while agents' sockets receive every inbox event. Before each step every visitor
//! starts a chat (all at once, timed on their own), so the step measures the messages
//! of chats under way. Each message is timed from
//! its `send` to its `ack` (committed) and to its own `message` frame coming back
//! through the hub (delivered, as to any subscriber); the server's CPU time per message
//! comes from `/proc/<pid>/stat`; and every visitor checks its acks and messages for
//! loss, duplicates and order.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use futures_util::{SinkExt, StreamExt};
use protocol::api::{Login, WidgetSession};
use protocol::frames::{ClientFrame, ServerFrame};
use protocol::limits::{WS_PROTOCOL, WS_TOKEN_PREFIX};
use tokio::time::MissedTickBehavior;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

/// Visitors whose first message is in flight at once before a step.
const STARTS_AT_ONCE: usize = 100;

/// What one step measured.
pub struct Step {
    pub rate: u32,
    /// How long the visitors' first messages took, all sent at once before the step:
    /// each starts a chat (a conversation created, routed or queued).
    pub chats_started_in: Duration,
    pub sent: usize,
    /// How long the visitors sent for (the wait for the last answers is not counted).
    pub seconds: f64,
    pub commit: Vec<Duration>,
    pub delivery: Vec<Duration>,
    pub cpu_us_per_message: f64,
    pub lost: usize,
    pub duplicated: usize,
    pub out_of_order: usize,
    pub refused: usize,
}

/// One visitor's record of its messages.
#[derive(Default)]
struct Ledger {
    sent_at: HashMap<String, Instant>,
    acked: HashMap<String, usize>,
    delivered: HashMap<String, usize>,
    last_seq: i64,
    commit: Vec<Duration>,
    delivery: Vec<Duration>,
    out_of_order: usize,
    refused: usize,
    /// Told once the first message, which starts the chat, is acknowledged and has come
    /// back, or was refused.
    started: Option<tokio::sync::oneshot::Sender<Result<(), String>>>,
    hello_acked: bool,
    hello_delivered: bool,
}

impl Ledger {
    /// Records one frame from the server, read at `now`.
    fn record(&mut self, frame: ServerFrame, now: Instant) {
        match frame {
            ServerFrame::Ack { client_id, .. } if client_id == HELLO => {
                self.hello_acked = true;
                self.tell_started(Ok(()));
            }
            ServerFrame::Ack { client_id, .. } => {
                if let Some(sent) = self.sent_at.get(&client_id).copied() {
                    self.commit.push(now - sent);
                }
                *self.acked.entry(client_id).or_default() += 1;
            }
            ServerFrame::Message { message } => {
                if message.seq <= self.last_seq {
                    self.out_of_order += 1;
                }
                self.last_seq = self.last_seq.max(message.seq);
                if message.client_id == HELLO {
                    self.hello_delivered = true;
                    self.tell_started(Ok(()));
                    return;
                }
                if let Some(sent) = self.sent_at.get(&message.client_id).copied() {
                    self.delivery.push(now - sent);
                }
                *self.delivered.entry(message.client_id).or_default() += 1;
            }
            ServerFrame::Error { client_id: Some(client_id), message, .. } if client_id == HELLO => {
                self.tell_started(Err(message));
            }
            ServerFrame::Error { client_id: Some(_), .. } => self.refused += 1,
            _ => {}
        }
    }

    fn tell_started(&mut self, outcome: Result<(), String>) {
        if (outcome.is_err() || (self.hello_acked && self.hello_delivered))
            && let Some(started) = self.started.take()
        {
            let _ = started.send(outcome);
        }
    }
}

/// The client id of each visitor's first message, which starts their chat.
const HELLO: &str = "hello";

/// Runs `seconds` of traffic at `rate` messages per second over `visitors` sockets,
/// with `agents` agent sockets listening.
pub async fn step(
    base: &str,
    app_id: &str,
    pid: u32,
    visitors: usize,
    agents: usize,
    rate: u32,
    seconds: u64,
) -> anyhow::Result<Step> {
    let server: SocketAddr = base.trim_start_matches("http://").parse()?;
    let http = reqwest::Client::new();
    let mut agent_tasks = Vec::new();
    for _ in 0..agents {
        agent_tasks.push(tokio::spawn(agent(base.to_owned(), server)));
    }
    let mut visitors_ready = Vec::new();
    for n in 0..visitors {
        visitors_ready.push(Visitor::connect(&http, base, app_id, server, n).await?);
    }
    // Every visitor's chat starts before the step, so the step measures messages in
    // chats under way; the starts are timed on their own.
    let starting = Instant::now();
    let at_once = Arc::new(tokio::sync::Semaphore::new(STARTS_AT_ONCE));
    let mut starts = Vec::new();
    for visitor in visitors_ready {
        let at_once = Arc::clone(&at_once);
        starts.push(tokio::spawn(async move {
            let _turn = at_once.acquire_owned().await?;
            visitor.start_chat().await
        }));
    }
    let mut started_visitors = Vec::new();
    for start in starts {
        started_visitors.push(start.await??);
    }
    let chats_started_in = starting.elapsed();
    let per_visitor = Duration::from_secs_f64(visitors as f64 / f64::from(rate));
    let cpu_before = cpu_ticks(pid)?;
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let ledgers: Vec<Arc<Mutex<Ledger>>> = started_visitors.iter().map(|visitor| Arc::clone(&visitor.ledger)).collect();
    let mut tasks = Vec::new();
    for visitor in started_visitors {
        // Spread the visitors' first sends over one interval.
        let offset = per_visitor.mul_f64(visitor.n as f64 / visitors as f64);
        tasks.push(tokio::spawn(visitor.talk(started + offset, per_visitor, deadline)));
    }
    for task in tasks {
        task.await??;
    }
    let cpu_after = cpu_ticks(pid)?;
    for task in agent_tasks {
        task.abort();
    }
    let mut result = Step {
        rate,
        chats_started_in,
        sent: 0,
        seconds: seconds as f64,
        commit: Vec::new(),
        delivery: Vec::new(),
        cpu_us_per_message: 0.0,
        lost: 0,
        duplicated: 0,
        out_of_order: 0,
        refused: 0,
    };
    for ledger in &ledgers {
        let ledger = ledger.lock().map_err(|_| anyhow::anyhow!("a ledger was poisoned"))?;
        result.sent += ledger.sent_at.len();
        for client_id in ledger.sent_at.keys() {
            let acked = ledger.acked.get(client_id).copied().unwrap_or(0);
            let delivered = ledger.delivered.get(client_id).copied().unwrap_or(0);
            if acked == 0 || delivered == 0 {
                result.lost += 1;
            }
            result.duplicated += acked.saturating_sub(1) + delivered.saturating_sub(1);
        }
        result.commit.extend(&ledger.commit);
        result.delivery.extend(&ledger.delivery);
        result.out_of_order += ledger.out_of_order;
        result.refused += ledger.refused;
    }
    let ticks = cpu_after.saturating_sub(cpu_before) as f64;
    result.cpu_us_per_message = ticks * 1_000_000.0 / ticks_per_second() / result.sent.max(1) as f64;
    result.commit.sort_unstable();
    result.delivery.sort_unstable();
    Ok(result)
}

type Socket = tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A visitor whose socket is subscribed, caught up, and read by a task of its own from
/// then on, into its ledger.
struct Visitor {
    n: usize,
    sink: futures_util::stream::SplitSink<Socket, Message>,
    ledger: Arc<Mutex<Ledger>>,
    started: tokio::sync::oneshot::Receiver<Result<(), String>>,
    reader: tokio::task::JoinHandle<()>,
}

impl Visitor {
    /// Creates visitor `n` and opens its socket.
    async fn connect(
        http: &reqwest::Client,
        base: &str,
        app_id: &str,
        server: SocketAddr,
        n: usize,
    ) -> anyhow::Result<Self> {
        let created = http
            .post(format!("{base}/api/v1/widget/visitors"))
            .header("x-forwarded-for", format!("10.200.{}.{}", n / 250, n % 250 + 1))
            .header("origin", base)
            .json(&serde_json::json!({ "app_id": app_id }))
            .send()
            .await?;
        if !created.status().is_success() {
            bail!("creating a visitor answered {}", created.status());
        }
        let session: WidgetSession = created.json().await?;
        let token = session.token.context("a new visitor's token")?;
        let mut request = format!("ws://{server}/api/v1/widget/ws").into_client_request()?;
        let headers = request.headers_mut();
        headers.insert(
            "sec-websocket-protocol",
            HeaderValue::from_str(&format!("{WS_PROTOCOL}, {WS_TOKEN_PREFIX}{token}"))?,
        );
        headers.insert("origin", HeaderValue::from_str(base)?);
        let (mut ws, _) = tokio_tungstenite::connect_async(request).await?;
        let subscribe = ClientFrame::Subscribe { conversation_id: None, after_seq: 0 };
        ws.send(Message::text(serde_json::to_string(&subscribe)?)).await?;
        loop {
            let Some(frame) = ws.next().await else { bail!("visitor {n}'s socket closed before its replay ended") };
            if let Message::Text(text) = frame?
                && matches!(serde_json::from_str(&text), Ok(ServerFrame::Synced { .. }))
            {
                break;
            }
        }
        let (tell, started) = tokio::sync::oneshot::channel();
        let ledger = Arc::new(Mutex::new(Ledger { started: Some(tell), ..Ledger::default() }));
        let (sink, mut stream) = ws.split();
        let reader = {
            let ledger = Arc::clone(&ledger);
            // Reading is also what answers the server's pings.
            tokio::spawn(async move {
                while let Some(Ok(message)) = stream.next().await {
                    let Message::Text(text) = message else { continue };
                    let Ok(frame) = serde_json::from_str::<ServerFrame>(&text) else { continue };
                    let now = Instant::now();
                    let Ok(mut ledger) = ledger.lock() else { return };
                    ledger.record(frame, now);
                }
            })
        };
        Ok(Self { n, sink, ledger, started, reader })
    }

    /// Sends the visitor's first message, which starts their chat, and waits until it
    /// is acknowledged and has come back through the hub.
    async fn start_chat(mut self) -> anyhow::Result<Self> {
        let frame = ClientFrame::Send {
            conversation_id: None,
            client_id: HELLO.to_owned(),
            body: format!("Hello from visitor {}", self.n),
            files: Vec::new(),
            internal: false,
        };
        self.sink.send(Message::text(serde_json::to_string(&frame)?)).await?;
        match (&mut self.started).await {
            Ok(Ok(())) => Ok(self),
            Ok(Err(refusal)) => bail!("visitor {}'s first message was refused: {refusal}", self.n),
            Err(_) => bail!("visitor {}'s socket closed before its chat started", self.n),
        }
    }

    /// Sends one message every `every` from `first` until `deadline`, then waits until
    /// every message is acknowledged and delivered (or a few seconds after the deadline).
    async fn talk(mut self, first: Instant, every: Duration, deadline: Instant) -> anyhow::Result<()> {
        let n = self.n;
        let mut ticks = tokio::time::interval_at(first.into(), every);
        ticks.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut count = 0u64;
        loop {
            let at = ticks.tick().await;
            if at.into_std() >= deadline {
                break;
            }
            count += 1;
            let client_id = format!("v{n}-m{count}");
            let frame = ClientFrame::Send {
                conversation_id: None,
                client_id: client_id.clone(),
                body: format!("Message {count} from visitor {n}"),
                files: Vec::new(),
                internal: false,
            };
            self.ledger.lock().map_err(|_| anyhow::anyhow!("poisoned"))?.sent_at.insert(client_id, Instant::now());
            self.sink.send(Message::text(serde_json::to_string(&frame)?)).await?;
        }
        // Give the last messages time to come back, then stop listening.
        let settle = Instant::now() + Duration::from_secs(5);
        while Instant::now() < settle {
            let done = {
                let ledger = self.ledger.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                ledger.sent_at.keys().all(|id| ledger.acked.contains_key(id) && ledger.delivered.contains_key(id))
            };
            if done {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.reader.abort();
        let _ = self.sink.close().await;
        Ok(())
    }
}

/// An agent's socket that reads everything the inbox sends, as a console would.
async fn agent(base: String, server: SocketAddr) -> anyhow::Result<()> {
    let http = reqwest::Client::builder().cookie_store(true).build()?;
    let login = Login { email: "admin@bench.example".into(), password: "a long password".into() };
    let answer = http.post(format!("{base}/api/v1/auth/login")).header("origin", &base).json(&login).send().await?;
    let cookies: Vec<String> = answer
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect();
    let mut request = format!("ws://{server}/api/v1/agent/ws").into_client_request()?;
    let headers = request.headers_mut();
    headers.insert("sec-websocket-protocol", HeaderValue::from_static(WS_PROTOCOL));
    headers.insert("origin", HeaderValue::from_str(&base)?);
    headers.insert("cookie", HeaderValue::from_str(&cookies.join("; "))?);
    let (mut ws, _) = tokio_tungstenite::connect_async(request).await?;
    while let Some(Ok(_)) = ws.next().await {}
    Ok(())
}

/// The server's user and system CPU time so far, in clock ticks.
fn cpu_ticks(pid: u32) -> anyhow::Result<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, rest)| rest).context("the stat line")?;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here.
    let utime: u64 = fields.get(11).context("utime")?.parse()?;
    let stime: u64 = fields.get(12).context("stime")?.parse()?;
    Ok(utime + stime)
}

fn ticks_per_second() -> f64 {
    // Linux reports CPU time in USER_HZ, 100 on every platform it runs on.
    100.0
}

/// The `p`th percentile (0–100) of sorted durations, in milliseconds.
pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1].as_secs_f64() * 1000.0
}
