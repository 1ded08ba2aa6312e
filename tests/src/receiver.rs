//! A real HTTP receiver for webhooks: it keeps every request it is sent, and answers
//! with the statuses it was given, in order, then 200.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Hook {
    pub headers: HeaderMap,
    pub body: String,
}

impl Hook {
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or_default()
    }
}

#[derive(Default)]
struct Inbox {
    hooks: Mutex<Vec<Hook>>,
    answers: Mutex<VecDeque<StatusCode>>,
}

/// A receiver on a free loopback port, serving `POST /hook` until dropped.
pub struct Receiver {
    pub url: String,
    inbox: Arc<Inbox>,
    task: tokio::task::JoinHandle<()>,
}

impl Receiver {
    pub async fn start(answers: &[StatusCode]) -> Receiver {
        let inbox = Arc::new(Inbox { answers: Mutex::new(answers.iter().copied().collect()), ..Inbox::default() });
        let app = Router::new().route("/hook", post(take)).with_state(Arc::clone(&inbox));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the receiver");
        let url = format!("http://{}/hook", listener.local_addr().expect("receiver address"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Receiver { url, inbox, task }
    }

    /// Every request so far.
    pub fn hooks(&self) -> Vec<Hook> {
        self.inbox.hooks.lock().expect("receiver lock").clone()
    }

    /// Waits (10 s at most) until `count` requests have come, and returns them.
    pub async fn wait_for(&self, count: usize) -> Vec<Hook> {
        match self.wait_up_to(count, Duration::from_secs(10)).await {
            Ok(hooks) => hooks,
            Err(got) => panic!("expected {count} webhooks, got {got}"),
        }
    }

    /// Waits at most `within` until `count` requests have come: them, or how many came.
    pub async fn wait_up_to(&self, count: usize, within: Duration) -> Result<Vec<Hook>, usize> {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let hooks = self.hooks();
            if hooks.len() >= count {
                return Ok(hooks);
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(hooks.len());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn take(State(inbox): State<Arc<Inbox>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    inbox
        .hooks
        .lock()
        .expect("receiver lock")
        .push(Hook { headers, body: String::from_utf8_lossy(&body).into_owned() });
    inbox.answers.lock().expect("receiver lock").pop_front().unwrap_or(StatusCode::OK)
}
