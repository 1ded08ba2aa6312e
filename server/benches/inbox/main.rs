//! `cargo xtask bench inbox`: how fast the console's inbox answers with 100,000
//! conversations in a workspace, on SQLite and on PostgreSQL. Seeds the conversations
//! (with their visitors and a visitor and an agent message each) in bulk, then times
//! the store's inbox query for each view an agent uses: all, mine, unassigned and a
//! team, open chats, a page deep in the list by its cursor, and a search. Prints
//! p50/p99/max against the 20 ms target. A benchmark prints figures; it fails only
//! when it cannot run.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use protocol::inbox::ConversationStatus;
use protocol::tickets::Team;
use server::store::{InboxFilter, Store};
use sqlx::Connection;

/// Conversations seeded.
const CONVERSATIONS: i64 = 100_000;
/// Agents they are spread over (every fifth chat is unassigned).
const AGENTS: i64 = 20;
/// Timed runs of each query, after a few unmeasured ones.
const RUNS: usize = 200;
const WARM_UP: usize = 10;
/// Rows per page, as the console asks.
const PAGE: i64 = 50;
const TARGET: Duration = Duration::from_millis(20);

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("inbox bench: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("inbox bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("inbox bench: this build is unoptimised; `cargo xtask bench inbox` gives the real figures");
    }
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite://{}", dir.path().join("inbox.db").display());
    measure("SQLite", &sqlite).await?;
    let admin = std::env::var("HELPLINE_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = "helpline_bench_inbox";
    let mut conn = sqlx::PgConnection::connect(&admin).await?;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await?;
    sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await?;
    let url = match admin.rsplit_once('/') {
        Some((base, _)) => format!("{base}/{name}"),
        None => anyhow::bail!("cannot tell the database in {admin}"),
    };
    let result = measure("PostgreSQL", &url).await;
    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await?;
    result
}

async fn measure(backend: &str, url: &str) -> anyhow::Result<()> {
    let store = Store::connect(url, 4).await?;
    store.migrate().await?;
    let started = Instant::now();
    seed(url).await?;
    println!("\n{backend}: {CONVERSATIONS} conversations seeded in {:.1} s", started.elapsed().as_secs_f64());
    println!("{:<44} {:>9} {:>9} {:>9}", "query (50 rows)", "p50 ms", "p99 ms", "max ms");
    let deep = store.inbox_page(1, &InboxFilter::default(), 5_000).await?;
    let cursor = deep.last().map(|row| (row.updated_at, row.id));
    let open = Some(ConversationStatus::Open);
    let views: [(&str, InboxFilter<'_>); 6] = [
        ("all, open", InboxFilter { status: open, ..InboxFilter::default() }),
        ("mine, open", InboxFilter { status: open, assignee: Some(Some(3)), ..InboxFilter::default() }),
        ("unassigned, open", InboxFilter { status: open, assignee: Some(None), ..InboxFilter::default() }),
        (
            "team engineering, open",
            InboxFilter { status: open, team: Some(Team::Engineering), ..InboxFilter::default() },
        ),
        ("all, the page after row 5,000", InboxFilter { before: cursor, ..InboxFilter::default() }),
        (
            "search \"invoice 4242\" (message text)",
            InboxFilter { search: Some("invoice 4242"), ..InboxFilter::default() },
        ),
    ];
    for (label, filter) in views {
        let mut times = Vec::with_capacity(RUNS);
        for run in 0..WARM_UP + RUNS {
            let started = Instant::now();
            let rows = store.inbox_page(1, &filter, PAGE).await?;
            let took = started.elapsed();
            anyhow::ensure!(!rows.is_empty(), "{label} found nothing");
            if run >= WARM_UP {
                times.push(took);
            }
        }
        times.sort_unstable();
        let at = |share: f64| times[((times.len() as f64 * share) as usize).min(times.len() - 1)];
        let (p50, p99, max) = (at(0.5), at(0.99), times[times.len() - 1]);
        let verdict = if p99 <= TARGET { "" } else { "  over the 20 ms target" };
        println!("{label:<44} {:>9.2} {:>9.2} {:>9.2}{verdict}", ms(p50), ms(p99), ms(max));
    }
    store.close().await;
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One workspace with `AGENTS` agents, and `CONVERSATIONS` visitors each with a chat of
/// two messages, written by the database itself from a series.
async fn seed(url: &str) -> anyhow::Result<()> {
    sqlx::any::install_default_drivers();
    let pool = &sqlx::AnyPool::connect(url).await?;
    let postgres = url.starts_with("postgres");
    sqlx::query("INSERT INTO workspaces (name, app_id, created_at) VALUES ('Bench', 'bench', 0)").execute(pool).await?;
    for agent in 1..=AGENTS {
        sqlx::query(
            "INSERT INTO agents (workspace_id, email, name, role, password_hash, created_at)
             VALUES (1, $1, $2, 'agent', 'x', 0)",
        )
        .bind(format!("agent{agent}@bench.example"))
        .bind(format!("Agent {agent}"))
        .execute(pool)
        .await?;
    }
    // A series from 1 to N, in each dialect.
    let series = if postgres {
        format!("SELECT generate_series(1, {CONVERSATIONS}) AS n")
    } else {
        format!(
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {CONVERSATIONS}) SELECT n FROM s"
        )
    };
    sqlx::query(&format!(
        "INSERT INTO visitors (workspace_id, token_hash, first_seen, last_seen, identity)
         SELECT 1, 'token-' || n, n, n, '{{\"name\":\"Visitor ' || n || '\",\"email\":\"v' || n || '@bench.example\"}}'
         FROM ({series}) AS series"
    ))
    .execute(pool)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO conversations (workspace_id, visitor_id, last_seq, preview, last_author, created_at, updated_at,
                                    status, assignee_id, team, awaiting_since)
         SELECT 1, n, 2, 'Thanks, looking into it', 'agent', n * 1000, n * 1000 + 500,
                CASE WHEN n % 7 = 0 THEN 'resolved' WHEN n % 11 = 0 THEN 'snoozed' ELSE 'open' END,
                CASE WHEN n % 5 = 0 THEN NULL ELSE n % {AGENTS} + 1 END,
                CASE WHEN n % 9 = 0 THEN 'engineering' ELSE 'first_line' END,
                NULL
         FROM ({series}) AS series"
    ))
    .execute(pool)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO messages (conversation_id, seq, author_kind, author_id, author_name, body, client_id, created_at)
         SELECT n, 1, 'visitor', n, 'Visitor', 'Where is invoice ' || n || '? I cannot find it', 'v-' || n, n * 1000
         FROM ({series}) AS series"
    ))
    .execute(pool)
    .await?;
    sqlx::query(&format!(
        "INSERT INTO messages (conversation_id, seq, author_kind, author_id, author_name, body, client_id, created_at)
         SELECT n, 2, 'agent', n % {AGENTS} + 1, 'Agent', 'Thanks, looking into it', 'a-' || n, n * 1000 + 500
         FROM ({series}) AS series"
    ))
    .execute(pool)
    .await?;
    // Fresh statistics, as a database that grew to this size over time would have.
    sqlx::query("ANALYZE").execute(pool).await?;
    pool.close().await;
    Ok(())
}
