//! Test harness: a throwaway database per test on SQLite or PostgreSQL, the real
//! server on port 0 (in the test's process, or in one of its own that a test can kill),
//! and HTTP and WebSocket clients with one helper per endpoint (and a raw TCP one for
//! what HTTP libraries hide).

pub mod clamd;
pub mod crash_load;
pub mod db;
pub mod exchange;
pub mod identity;
pub mod process;
pub mod raw;
pub mod receiver;
pub mod s3;
pub mod smtp;
pub mod tickets;
pub mod ws;

use std::net::SocketAddr;
use std::sync::Once;

use protocol::api::{AgentSession, Login, Role, WidgetSession};
use reqwest::StatusCode;
use server::shutdown::ShutdownTrigger;
use server::state::AppState;
use server::store::WorkspaceRecord;
use server::{Application, Config, Options};

pub use db::{Backend, TestDb};
pub use ws::WsClient;

/// The host origin the test workspace allows to embed the messenger.
pub const HOST_ORIGIN: &str = "https://host.example";
/// An origin no workspace allows.
pub const EVIL_ORIGIN: &str = "https://evil.example";
pub const ADMIN_EMAIL: &str = "admin@acme.example";
pub const AGENT_EMAIL: &str = "agent@acme.example";
pub const PASSWORD: &str = "correct horse battery staple";
/// The agent of the workspace `TestApp::other_workspace` creates.
pub const OTHER_EMAIL: &str = "eve@other.example";

/// A running server with a workspace, an admin and an agent.
pub struct TestApp {
    pub addr: SocketAddr,
    pub base_url: String,
    pub state: AppState,
    pub workspace: WorkspaceRecord,
    trigger: ShutdownTrigger,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    /// With `Backend::TwoNodes`, the node agents' sockets connect to.
    pub second: Option<Node>,
    /// Where mail goes when a test configures no SMTP server, instead of `./data/outbox`.
    pub outbox: tempfile::TempDir,
    // Dropped last: the database outlives the server.
    _db: TestDb,
}

/// A second server node on the same database.
pub struct Node {
    pub addr: SocketAddr,
    pub base_url: String,
    pub state: AppState,
    trigger: ShutdownTrigger,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl Node {
    async fn start(config: Config, options: Options) -> Self {
        let app = Application::build(config, options).await.expect("build the second node");
        let addr = app.local_addr().expect("addr");
        let state = app.state().clone();
        let trigger = app.shutdown_trigger();
        let server = Some(tokio::spawn(app.run_until_stopped(std::future::pending())));
        Self { addr, base_url: format!("http://{addr}"), state, trigger, server }
    }

    pub fn ws_url(&self, path: &str) -> String {
        format!("ws://{}{path}", self.addr)
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.trigger.trigger();
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

/// A visitor's credentials.
#[derive(Debug, Clone)]
pub struct Visitor {
    pub id: i64,
    pub token: String,
}

/// A signed-in console client: a cookie jar and the CSRF token.
#[derive(Debug, Clone)]
pub struct AgentClient {
    pub http: reqwest::Client,
    pub session: AgentSession,
    pub cookie: String,
}

fn init_tracing() {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        if std::env::var_os("TEST_LOG").is_some() {
            let _ = tracing_subscriber_init();
        }
    });
}

fn tracing_subscriber_init() -> anyhow::Result<()> {
    server::telemetry::init(&server::config::LogConfig {
        format: server::config::LogFormat::Pretty,
        filter: "debug".into(),
    });
    Ok(())
}

impl TestApp {
    /// Spawns the server on a fresh database of the given backend.
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Like `spawn`, after letting the test adjust the configuration.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> Self {
        Self::spawn_with_options(backend, Options::default(), adjust).await
    }

    /// Like `spawn`, with the server's clock stopped at `at_ms` (Unix milliseconds): it
    /// moves only when the test advances it, so everything happens at moments the test
    /// chose.
    pub async fn spawn_stopped_at(backend: Backend, at_ms: i64) -> Self {
        let options = Options { clock: server::clock::Clock::stopped_at(at_ms), ..Options::default() };
        Self::spawn_with_options(backend, options, |_| {}).await
    }

    async fn spawn_with_options(backend: Backend, options: Options, adjust: impl FnOnce(&mut Config)) -> Self {
        init_tracing();
        let db = TestDb::new(backend).await;
        let mut config = Config::for_database(db.url()).expect("config");
        config.server.bind = "127.0.0.1:0".parse().expect("addr");
        config.server.shutdown_grace_secs = 5;
        let outbox = tempfile::tempdir().expect("outbox folder");
        config.mail.outbox_folder = outbox.path().to_owned();
        adjust(&mut config);
        let second_config = (backend == Backend::TwoNodes).then(|| config.clone());
        let second_options = options.clone();
        let app = Application::build(config, options).await.expect("build application");
        let addr = app.local_addr().expect("addr");
        let state = app.state().clone();
        let trigger = app.shutdown_trigger();
        let store = &state.store;
        let workspace =
            server::operator::add_workspace(store, "Acme", &[HOST_ORIGIN.to_owned()], None).await.expect("workspace");
        for (email, role) in [(ADMIN_EMAIL, Role::Admin), (AGENT_EMAIL, Role::Agent)] {
            server::operator::add_agent(store, &workspace, email, "Ada Agent", role, PASSWORD.to_owned())
                .await
                .expect("agent");
        }
        let server = tokio::spawn(app.run_until_stopped(std::future::pending()));
        let second = match second_config {
            Some(config) => {
                let node = Node::start(config, second_options).await;
                wait_until_listening(&state).await;
                wait_until_listening(&node.state).await;
                Some(node)
            }
            None => None,
        };
        Self {
            addr,
            base_url: format!("http://{addr}"),
            state,
            workspace,
            trigger,
            server: Some(server),
            second,
            outbox,
            _db: db,
        }
    }

    /// A second workspace with one agent, Eve (`OTHER_EMAIL`), for isolation tests.
    pub async fn other_workspace(&self) -> WorkspaceRecord {
        let store = &self.state.store;
        let other = server::operator::add_workspace(store, "Other", &[], None).await.expect("workspace");
        server::operator::add_agent(store, &other, OTHER_EMAIL, "Eve", Role::Admin, PASSWORD.to_owned())
            .await
            .expect("agent");
        other
    }

    /// The test database's URL, for tests that look under the API (`sqlite://…` or
    /// `postgres://…`).
    pub fn database_url(&self) -> &str {
        self._db.url()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    pub fn ws_url(&self, path: &str) -> String {
        format!("ws://{}{path}", self.addr)
    }

    /// Starts a graceful shutdown and waits for the server to finish.
    pub async fn shut_down(&mut self) {
        if let Some(second) = self.second.as_mut() {
            second.trigger.trigger();
            if let Some(server) = second.server.take() {
                server.await.expect("second node task").expect("second node result");
            }
        }
        self.trigger.trigger();
        if let Some(server) = self.server.take() {
            server.await.expect("server task").expect("server result");
        }
    }

    /// `POST /api/v1/widget/visitors` from the messenger's own origin.
    pub async fn create_visitor(&self) -> Visitor {
        self.create_visitor_in(&self.workspace).await
    }

    /// A visitor of the given workspace, from the messenger's own origin.
    pub async fn create_visitor_in(&self, workspace: &WorkspaceRecord) -> Visitor {
        create_visitor_at(&self.base_url, &workspace.app_id).await
    }

    pub async fn post_visitor(&self, origin: Option<&str>) -> reqwest::Response {
        let mut request = reqwest::Client::new()
            .post(self.url("/api/v1/widget/visitors"))
            .json(&serde_json::json!({ "app_id": self.workspace.app_id }));
        if let Some(origin) = origin {
            request = request.header("origin", origin);
        }
        request.send().await.expect("post visitor")
    }

    /// A visitor's WebSocket, from the messenger's origin.
    pub async fn visitor_socket(&self, visitor: &Visitor) -> WsClient {
        WsClient::connect_visitor(&self.ws_url("/api/v1/widget/ws"), &visitor.token, &self.base_url)
            .await
            .expect("visitor socket")
    }

    /// Closes the visitor's socket and waits until the server has let it go.
    pub async fn leave(&self, visitor: &Visitor, socket: WsClient) {
        socket.close().await;
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.state.hub.any_visitor_online(&[visitor.id]) {
            assert!(std::time::Instant::now() < deadline, "the server never noticed the visitor leave");
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    }

    /// Signs in with email and password.
    pub async fn login(&self, email: &str) -> AgentClient {
        let http = reqwest::Client::builder().cookie_store(true).build().expect("client");
        let response = http
            .post(self.url("/api/v1/auth/login"))
            .json(&Login { email: email.into(), password: PASSWORD.into() })
            .send()
            .await
            .expect("login");
        assert_eq!(response.status(), StatusCode::OK, "login failed");
        let cookie = response
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_owned();
        let session: AgentSession = response.json().await.expect("session");
        AgentClient { http, session, cookie }
    }

    /// An agent's WebSocket, authenticated by the session cookie: on the second node
    /// when there is one.
    pub async fn agent_socket(&self, agent: &AgentClient) -> WsClient {
        let (url, origin) = match &self.second {
            Some(node) => (node.ws_url("/api/v1/agent/ws"), node.base_url.as_str()),
            None => (self.ws_url("/api/v1/agent/ws"), self.base_url.as_str()),
        };
        WsClient::connect_agent(&url, &agent.cookie, origin).await.expect("agent socket")
    }
}

/// Waits until a clustered node listens to the others, so nothing said after this is
/// missed.
pub async fn wait_until_listening(state: &AppState) {
    let mut status = state.cluster.as_ref().expect("a clustered node").status.clone();
    tokio::time::timeout(std::time::Duration::from_secs(10), status.wait_for(|status| status.listening))
        .await
        .expect("the node listens within 10 s")
        .expect("listener status");
}

/// `POST /api/v1/widget/visitors` to the server at `base_url` from the messenger's own
/// origin (that URL), for a server that is not a `TestApp` (`process::ServerProcess`).
pub async fn create_visitor_at(base_url: &str, app_id: &str) -> Visitor {
    let response = reqwest::Client::new()
        .post(format!("{base_url}/api/v1/widget/visitors"))
        .header("origin", base_url)
        .json(&serde_json::json!({ "app_id": app_id }))
        .send()
        .await
        .expect("post visitor");
    assert_eq!(response.status(), StatusCode::CREATED);
    let session: WidgetSession = response.json().await.expect("session json");
    Visitor { id: session.visitor_id, token: session.token.expect("token on creation") }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.trigger.trigger();
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}
