//! The error contract at the boundary: every `/api` route answers a bad path value, a
//! bad query value, a method it does not take and an oversized body with the JSON error
//! body of docs/protocol.md; unknown `/api` routes are JSON `404`s; pages and assets
//! keep their plain answers. `ROUTES` lists every `/api` route once, and a tidy test
//! fails when the server's routers and the list disagree.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use e2e::exchange::{RawResponse, exchange};
use e2e::tickets::INBOUND_SECRET;
use e2e::ws::Received;
use e2e::{ADMIN_EMAIL, AGENT_EMAIL, AgentClient, Backend, HOST_ORIGIN, TestApp, Visitor};
use protocol::limits::CSRF_HEADER;
use protocol::{ErrorBody, ErrorCode};
use reqwest::{Method, StatusCode};
use rstest::rstest;
use serde_json::{Value, json};

/// Who calls a route, so each probe passes authentication and reaches the refusal it
/// is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    /// No credentials (creating a visitor).
    Anyone,
    /// A visitor's token from the host page.
    Visitor,
    /// A signed-in agent with the CSRF header.
    Agent,
    /// A signed-in admin with the CSRF header.
    Admin,
    /// A host backend's API key.
    Backend,
    /// The inbound mail secret.
    Mail,
}

/// One `/api` route: its path as the router declares it, the methods it takes, who
/// calls it, and a query string it must refuse when it reads a query.
#[derive(Debug)]
struct Route {
    path: &'static str,
    methods: &'static [&'static str],
    caller: Caller,
    bad_query: Option<&'static str>,
}

const fn route(path: &'static str, methods: &'static [&'static str], caller: Caller) -> Route {
    Route { path, methods, caller, bad_query: None }
}

const fn queried(path: &'static str, caller: Caller, bad_query: &'static str) -> Route {
    Route { path, methods: &["GET"], caller, bad_query: Some(bad_query) }
}

/// Every `/api` route of the server.
const ROUTES: &[Route] = &[
    // The messenger.
    route("/api/v1/widget/visitors", &["POST"], Caller::Anyone),
    route("/api/v1/widget/session", &["GET"], Caller::Visitor),
    route("/api/v1/widget/ws", &["GET"], Caller::Visitor),
    route("/api/v1/widget/categories", &["GET"], Caller::Visitor),
    queried("/api/v1/widget/articles", Caller::Visitor, "category=first"),
    route("/api/v1/widget/articles/{slug}", &["GET"], Caller::Visitor),
    route("/api/v1/widget/articles/{id}/views", &["POST"], Caller::Visitor),
    route("/api/v1/widget/articles/{id}/feedback", &["POST"], Caller::Visitor),
    route("/api/v1/widget/help", &["GET"], Caller::Visitor),
    queried("/api/v1/widget/search", Caller::Visitor, "q=refund&limit=many"),
    route("/api/v1/widget/support", &["GET"], Caller::Visitor),
    route("/api/v1/widget/tickets", &["GET", "POST"], Caller::Visitor),
    route("/api/v1/widget/tickets/{number}/email", &["POST"], Caller::Visitor),
    route("/api/v1/widget/conversation/rating", &["POST"], Caller::Visitor),
    route("/api/v1/widget/email", &["PUT"], Caller::Visitor),
    route("/api/v1/widget/access", &["GET", "POST"], Caller::Visitor),
    route("/api/v1/widget/access/{id}", &["DELETE"], Caller::Visitor),
    route("/api/v1/widget/access/requests/{id}", &["POST"], Caller::Visitor),
    route("/api/v1/widget/uploads", &["POST"], Caller::Visitor),
    route("/api/v1/widget/files/{id}", &["GET"], Caller::Visitor),
    route("/api/v1/widget/files/{id}/thumbnail", &["GET"], Caller::Visitor),
    // The console.
    route("/api/v1/auth/login", &["POST"], Caller::Anyone),
    route("/api/v1/auth/logout", &["POST"], Caller::Agent),
    route("/api/v1/auth/me", &["GET"], Caller::Agent),
    route("/api/v1/agent/ws", &["GET"], Caller::Agent),
    queried("/api/v1/conversations", Caller::Agent, "status=closed"),
    route("/api/v1/conversations/{id}", &["GET"], Caller::Agent),
    route("/api/v1/conversations/{id}/assignment", &["PUT"], Caller::Agent),
    route("/api/v1/conversations/{id}/status", &["PUT"], Caller::Agent),
    route("/api/v1/conversations/{id}/ticket", &["POST"], Caller::Agent),
    route("/api/v1/conversations/{id}/end", &["POST"], Caller::Agent),
    route("/api/v1/conversations/{id}/access", &["GET"], Caller::Agent),
    route("/api/v1/conversations/{id}/access-request", &["POST"], Caller::Agent),
    route("/api/v1/tickets/{number}/access-request", &["POST"], Caller::Agent),
    route("/api/v1/workspace", &["GET"], Caller::Agent),
    route("/api/v1/workspace/origins", &["PUT"], Caller::Admin),
    route("/api/v1/workspace/appearance", &["GET", "PUT"], Caller::Admin),
    route("/api/v1/workspace/logo", &["PUT", "DELETE"], Caller::Admin),
    route("/api/v1/workspace/support", &["GET", "PUT"], Caller::Admin),
    route("/api/v1/workspace/identity", &["GET", "PUT"], Caller::Admin),
    route("/api/v1/workspace/identity/rotate", &["POST"], Caller::Admin),
    route("/api/v1/workspace/api-keys", &["GET", "POST"], Caller::Admin),
    route("/api/v1/workspace/api-keys/{id}", &["DELETE"], Caller::Admin),
    route("/api/v1/workspace/webhook", &["GET", "PUT"], Caller::Admin),
    route("/api/v1/workspace/webhook/rotate", &["POST"], Caller::Admin),
    route("/api/v1/articles", &["GET", "POST"], Caller::Agent),
    route("/api/v1/articles/preview", &["POST"], Caller::Agent),
    route("/api/v1/articles/{id}", &["GET", "PUT", "DELETE"], Caller::Agent),
    route("/api/v1/categories", &["GET", "POST"], Caller::Agent),
    route("/api/v1/help/analytics", &["GET"], Caller::Agent),
    route("/api/v1/saved-replies", &["GET", "POST"], Caller::Admin),
    route("/api/v1/saved-replies/{id}", &["GET", "PUT", "DELETE"], Caller::Admin),
    queried("/api/v1/tickets", Caller::Agent, "breached=perhaps"),
    route("/api/v1/tickets/{number}", &["GET", "PATCH"], Caller::Agent),
    route("/api/v1/tickets/{number}/replies", &["POST"], Caller::Agent),
    route("/api/v1/tickets/{number}/notes", &["POST"], Caller::Agent),
    route("/api/v1/tickets/{number}/request-info", &["POST"], Caller::Agent),
    route("/api/v1/tickets/{number}/details", &["PUT"], Caller::Agent),
    route("/api/v1/tickets/{number}/events/{seq}/original", &["GET"], Caller::Agent),
    route("/api/v1/files/{id}", &["GET"], Caller::Agent),
    route("/api/v1/files/{id}/thumbnail", &["GET"], Caller::Agent),
    route("/api/v1/uploads", &["POST"], Caller::Agent),
    route("/api/v1/agents", &["GET"], Caller::Agent),
    route("/api/v1/agents/me/status", &["PUT"], Caller::Agent),
    route("/api/v1/agents/invites", &["GET", "POST"], Caller::Admin),
    route("/api/v1/agents/{id}", &["PATCH"], Caller::Agent),
    route("/api/v1/ratings", &["GET"], Caller::Agent),
    queried("/api/v1/reports", Caller::Admin, "from=yesterday&to=2026-03-08"),
    queried("/api/v1/reports.csv", Caller::Admin, "from=2026-03-08&to=2026-03-01"),
    queried("/api/v1/audit", Caller::Admin, "from=yesterday"),
    queried("/api/v1/audit.csv", Caller::Admin, "before=latest"),
    // Host backends and mail.
    route("/api/v1/backend/tickets", &["POST"], Caller::Backend),
    queried("/api/v1/backend/access/grants", Caller::Backend, "limit=1"),
    route("/api/v1/backend/access/grants/{id}/token", &["POST"], Caller::Backend),
    route("/api/v1/backend/access/actions", &["POST"], Caller::Backend),
    route("/api/v1/mail/inbound", &["POST"], Caller::Mail),
];

/// Largest body any endpoint but inbound mail takes; inbound mail takes 10 MiB.
const MAX_BODY_BYTES: usize = 64 * 1024;
const MAX_INBOUND_BYTES: usize = 10 * 1024 * 1024;
/// One uploaded file (`files::MAX_FILE_BYTES`).
const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// The article editor's routes take an article of 200,000 characters, four bytes each
/// at most in JSON, and the rest of the form.
const MAX_ARTICLE_BYTES: usize = 200_000 * 4 + 16 * 1024;
/// A workspace's logo (`http::appearance::MAX_LOGO_BYTES`).
const MAX_LOGO_BYTES: usize = 256 * 1024;

/// A route's path with every parameter filled in by `value`.
fn fill(path: &str, value: &str) -> String {
    let mut filled = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map_or(rest.len(), |at| open + at + 1);
        filled.push_str(&rest[..open]);
        filled.push_str(value);
        rest = &rest[close..];
    }
    filled.push_str(rest);
    filled
}

/// The first common method the route does not take.
fn other_method(route: &Route) -> &'static str {
    ["GET", "POST", "PUT", "PATCH", "DELETE"]
        .into_iter()
        .find(|method| !route.methods.contains(method))
        .expect("no route takes every method")
}

/// Credentials for every kind of caller.
struct Callers {
    visitor: Visitor,
    agent: AgentClient,
    admin: AgentClient,
    api_key: String,
}

impl Callers {
    async fn new(app: &TestApp) -> Self {
        let visitor = app.create_visitor().await;
        let agent = app.login(AGENT_EMAIL).await;
        let admin = app.login(ADMIN_EMAIL).await;
        let created: Value = admin
            .http
            .post(app.url("/api/v1/workspace/api-keys"))
            .header(CSRF_HEADER, &admin.session.csrf_token)
            .json(&json!({ "name": "Probe" }))
            .send()
            .await
            .expect("create key")
            .json()
            .await
            .expect("key json");
        let api_key = created["key"].as_str().expect("the new key").to_owned();
        Self { visitor, agent, admin, api_key }
    }

    /// A request as `caller` makes it, with its credentials.
    fn request(&self, app: &TestApp, caller: Caller, method: &str, path: &str) -> reqwest::RequestBuilder {
        let method = Method::from_bytes(method.as_bytes()).expect("method");
        let url = app.url(path);
        match caller {
            Caller::Anyone => reqwest::Client::new().request(method, url).header("origin", &app.base_url),
            Caller::Visitor => reqwest::Client::new()
                .request(method, url)
                .bearer_auth(&self.visitor.token)
                .header("origin", HOST_ORIGIN),
            Caller::Agent => self.agent.http.request(method, url).header(CSRF_HEADER, &self.agent.session.csrf_token),
            Caller::Admin => self.admin.http.request(method, url).header(CSRF_HEADER, &self.admin.session.csrf_token),
            Caller::Backend => reqwest::Client::new().request(method, url).bearer_auth(&self.api_key),
            Caller::Mail => reqwest::Client::new().request(method, url).bearer_auth(INBOUND_SECRET),
        }
    }
}

/// The JSON error body of a response, after checking its status and content type.
async fn refusal(response: reqwest::Response, status: StatusCode, what: &str) -> ErrorBody {
    assert_eq!(response.status(), status, "{what}");
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("");
    assert_eq!(content_type, "application/json", "{what}: the refusal is JSON");
    response.json().await.unwrap_or_else(|error| panic!("{what}: not the error body: {error}"))
}

/// The same for a response read off a raw socket.
fn raw_refusal(response: &RawResponse, status: u16, what: &str) -> ErrorBody {
    assert_eq!(response.status, status, "{what}: {:?}", String::from_utf8_lossy(&response.body));
    assert_eq!(response.header("content-type"), Some("application/json"), "{what}: the refusal is JSON");
    serde_json::from_slice(&response.body).unwrap_or_else(|error| panic!("{what}: not the error body: {error}"))
}

async fn spawn(backend: Backend) -> TestApp {
    TestApp::spawn_with(backend, |config| {
        config.mail.inbound_secret = Some(INBOUND_SECRET.to_owned().into());
    })
    .await
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn every_api_route_refuses_bad_paths_queries_methods_and_bodies_with_the_json_error_body(
    #[case] backend: Backend,
) {
    let app = spawn(backend).await;
    let callers = Callers::new(&app).await;

    for route in ROUTES {
        // A path parameter that is not a number, or not text at all (invalid UTF-8).
        if route.path.contains('{') {
            for method in route.methods {
                let value = if route.path.contains("{slug}") { "%FF" } else { "first" };
                let path = fill(route.path, value);
                let what = format!("{method} {path}");
                let response = callers.request(&app, route.caller, method, &path).send().await.expect("send");
                let body = refusal(response, StatusCode::BAD_REQUEST, &what).await;
                assert_eq!(body.code, ErrorCode::BadRequest, "{what}");
            }
        }
        let path = fill(route.path, "1001");
        if let Some(query) = route.bad_query {
            let what = format!("GET {path}?{query}");
            let response = callers.request(&app, route.caller, "GET", &format!("{path}?{query}")).send().await;
            let body = refusal(response.expect("send"), StatusCode::BAD_REQUEST, &what).await;
            assert_eq!(body.code, ErrorCode::BadRequest, "{what}");
        }

        let method = other_method(route);
        let what = format!("{method} {path}");
        let response = callers.request(&app, route.caller, method, &path).send().await.expect("send");
        let allow = response.headers().get("allow").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let body = refusal(response, StatusCode::METHOD_NOT_ALLOWED, &what).await;
        assert_eq!(body.code, ErrorCode::MethodNotAllowed, "{what}");
        for taken in route.methods {
            assert!(allow.split(',').any(|listed| listed.trim() == *taken), "{what}: Allow {allow:?} lists {taken}");
        }

        let limit = if route.caller == Caller::Mail {
            MAX_INBOUND_BYTES
        } else if route.path.ends_with("/uploads") {
            MAX_UPLOAD_BYTES
        } else if route.path.starts_with("/api/v1/articles") {
            MAX_ARTICLE_BYTES
        } else if route.path == "/api/v1/workspace/logo" {
            MAX_LOGO_BYTES
        } else {
            MAX_BODY_BYTES
        };
        for method in route.methods {
            // Declared, not sent: the refusal comes before anything is read.
            let head =
                format!("{method} {path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {}", limit + 1);
            let response = exchange(app.addr, &head, b"").await;
            let body = raw_refusal(&response, 413, &format!("{method} {path} with {} bytes", limit + 1));
            assert_eq!(body.code, ErrorCode::TooLarge);
        }
    }
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn bodies_without_a_length_are_cut_off_at_the_limit_with_the_json_error_body(#[case] backend: Backend) {
    let app = spawn(backend).await;
    let callers = Callers::new(&app).await;

    // A chunked JSON body over 64 KiB to a console endpoint: the first chunk is enough,
    // and the client waits for the answer before finishing the body.
    let chunk = format!("{{\"name\":\"{}\"}}", "a".repeat(MAX_BODY_BYTES));
    let head = format!(
        "POST /api/v1/categories HTTP/1.1\r\nCookie: {}\r\n{CSRF_HEADER}: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
        callers.agent.cookie, callers.agent.session.csrf_token
    );
    let body = format!("{:x}\r\n{chunk}\r\n", chunk.len());
    let response = exchange(app.addr, &head, body.as_bytes()).await;
    assert_eq!(raw_refusal(&response, 413, "chunked JSON").code, ErrorCode::TooLarge);

    // The raw body of inbound mail, over its 10 MiB.
    let mut mail = b"From: a@example.com\r\nSubject: big\r\n\r\n".to_vec();
    mail.resize(MAX_INBOUND_BYTES + 1, b'x');
    let head = format!(
        "POST /api/v1/mail/inbound HTTP/1.1\r\nAuthorization: Bearer {INBOUND_SECRET}\r\nTransfer-Encoding: chunked"
    );
    let mut body = format!("{:x}\r\n", mail.len()).into_bytes();
    body.extend_from_slice(&mail);
    body.extend_from_slice(b"\r\n");
    let response = exchange(app.addr, &head, &body).await;
    assert_eq!(raw_refusal(&response, 413, "chunked inbound mail").code, ErrorCode::TooLarge);
}

#[rstest]
#[case::sqlite(Backend::Sqlite)]
#[case::postgres(Backend::Postgres)]
#[tokio::test]
async fn unknown_api_routes_and_plain_requests_to_sockets_get_the_json_error_body(#[case] backend: Backend) {
    let app = spawn(backend).await;
    let callers = Callers::new(&app).await;

    for path in ["/api/v1/nothing-here", "/api/v2/tickets", "/api/v1/tickets/1001/everything", "/api/"] {
        let response = reqwest::Client::new().post(app.url(path)).send().await.expect("send");
        assert_eq!(refusal(response, StatusCode::NOT_FOUND, path).await.code, ErrorCode::NotFound);
    }
    // A plain GET, without the upgrade handshake, on the socket URLs.
    let visitor = callers.request(&app, Caller::Visitor, "GET", "/api/v1/widget/ws").send().await.expect("send");
    assert_eq!(refusal(visitor, StatusCode::BAD_REQUEST, "visitor ws").await.code, ErrorCode::BadRequest);
    let agent = callers.request(&app, Caller::Agent, "GET", "/api/v1/agent/ws").send().await.expect("send");
    assert_eq!(refusal(agent, StatusCode::BAD_REQUEST, "agent ws").await.code, ErrorCode::BadRequest);
}

#[tokio::test]
async fn pages_and_assets_keep_their_plain_answers() {
    let app = spawn(Backend::Sqlite).await;
    let client = reqwest::Client::new();

    let missing = client.get(app.url("/no-such-page")).send().await.expect("send");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_ne!(missing.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("application/json"));
    let wrong = client.post(app.url("/console")).send().await.expect("send");
    assert_eq!(wrong.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong.headers().get("allow").and_then(|v| v.to_str().ok()), Some("GET,HEAD"));
    assert!(wrong.text().await.expect("body").is_empty(), "no JSON for a page");
    let large =
        exchange(app.addr, &format!("POST /rate/1.00 HTTP/1.1\r\nContent-Length: {}", MAX_BODY_BYTES + 1), b"").await;
    assert_eq!(large.status, 413);
    assert_ne!(large.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_websocket_message_over_one_mib_closes_the_connection_with_1009() {
    let app = spawn(Backend::Sqlite).await;
    let visitor = app.create_visitor().await;
    let agent = app.login(AGENT_EMAIL).await;
    let mut visitor_socket = app.visitor_socket(&visitor).await;
    let mut agent_socket = app.agent_socket(&agent).await;
    let big = format!(r#"{{"type":"send","client_id":"c1","body":"{}"}}"#, "x".repeat(1024 * 1024));

    for socket in [&mut visitor_socket, &mut agent_socket] {
        // The server may close while the message is still being written; what it said
        // is read either way.
        let _ = socket.try_send_raw(&big).await;
        let close = loop {
            match socket.next().await {
                Received::Frame(_) => continue,
                Received::Closed(close) => break close,
            }
        };
        let close = close.expect("a close frame with a status");
        assert_eq!(u16::from(close.code), 1009, "{close:?}");
        assert_eq!(close.reason.as_str(), "message too big");
    }
}

/// The `/api` routes the server's routers declare: `(path, method)` from every
/// `.route("/api/…", get(…).post(…))` under `server/src/http`, however it is wrapped
/// over lines.
fn declared_routes() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../server/src/http");
    let mut declared = BTreeSet::new();
    for file in rust_files(&root) {
        let source = std::fs::read_to_string(&file).expect("read a router");
        for call in source.split(".route(").skip(1) {
            let Some(rest) = call.trim_start().strip_prefix('"') else { continue };
            let Some((path, rest)) = rest.split_once('"') else { continue };
            if path.starts_with("/api/") {
                for method in methods_called(route_arguments(rest)) {
                    declared.insert((path.to_owned(), method));
                }
            }
        }
    }
    declared
}

/// The rest of a `.route(` call's arguments, up to its closing parenthesis.
fn route_arguments(rest: &str) -> &str {
    let mut depth = 1_usize;
    for (at, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &rest[..at];
                }
            }
            _ => {}
        }
    }
    rest
}

/// The HTTP methods a method router names: `get(…)`, `.post(…)`, ….
fn methods_called(handlers: &str) -> Vec<String> {
    ["get", "post", "put", "patch", "delete"]
        .into_iter()
        .filter(|method| {
            handlers
                .match_indices(&format!("{method}("))
                .any(|(at, _)| !handlers[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        })
        .map(str::to_ascii_uppercase)
        .collect()
}

fn rust_files(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(folder).expect("read folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_route_list_names_every_api_route_the_server_declares() {
    let listed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .flat_map(|route| route.methods.iter().map(|method| (route.path.to_owned(), (*method).to_owned())))
        .collect();
    let declared = declared_routes();
    assert!(declared.len() > 40, "the routers were found: {declared:?}");
    let unlisted: Vec<_> = declared.difference(&listed).collect();
    let stale: Vec<_> = listed.difference(&declared).collect();
    assert!(unlisted.is_empty(), "add these routes to ROUTES in tests/tests/error_contract.rs: {unlisted:?}");
    assert!(stale.is_empty(), "ROUTES lists routes the server no longer has: {stale:?}");
}
