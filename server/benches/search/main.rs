//! `cargo xtask bench search`: how fast help-center search answers while a visitor types,
//! over 10,000 articles made from the two real corpora. Prints the index build time and
//! latency percentiles in-process and through HTTP on loopback, against the targets of
//! issue 3. A benchmark prints figures; it fails only when it cannot run.
//!
//! - `corpus.rs` — the corpora imported and replicated with deterministic perturbations.
//! - `queries.rs` — what visitors type, searched at every prefix.
//! - `http.rs` — the real server on a loopback port, with the same articles in SQLite.
//! - `report.rs` — percentiles, targets and the printed table.

mod corpus;
mod http;
mod queries;
mod report;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use server::articles::render::to_plain_text;
use server::search::{SearchDoc, SearchIndex, SearchQuery};

use crate::corpus::Article;
use crate::http::BenchServer;
use crate::report::Report;

/// Results per search, as the messenger asks for while typing.
const LIMIT: usize = 8;
/// The in-process index holds one workspace.
const WORKSPACE: i64 = 1;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("search bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// One measured pass over every typed prefix, taken after an unmeasured warm-up pass.
#[derive(Debug, Default)]
pub struct Pass {
    /// Each search's latency with its text, in typing order.
    pub latencies: Vec<(Duration, &'static str)>,
    /// Results returned, all searches together.
    pub hits: usize,
    /// How long the measuring thread was ready to run but had no core, where the system
    /// reports it: other processes' share of the figures.
    pub waited_for_core: Option<Duration>,
}

fn run() -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        eprintln!("search bench: this build is unoptimised; `cargo xtask bench search` gives the real figures");
    }
    let load_before = report::load_average();
    let dir = corpus::corpus_dir();
    eprintln!("search bench: building the corpus from {}", dir.display());
    let corpus = corpus::build(&dir)?;
    // As the server does (articles/indexing.rs): the index reads the plain text of the
    // stored Markdown. Done before the clock starts; the server's start-up time includes it.
    let docs: Vec<SearchDoc> = corpus.articles.iter().zip(1..).map(|(article, id)| search_doc(article, id)).collect();
    let body_words = docs.iter().map(|doc| doc.body.split_whitespace().count()).sum();

    eprintln!("search bench: indexing {} articles", docs.len());
    let index = SearchIndex::new()?;
    let at = Instant::now();
    index.rebuild(docs)?;
    let build_time = at.elapsed();

    let typed = queries::as_typed();
    eprintln!("search bench: {} searches in-process", typed.len());
    let in_process = measure_in_process(&index, &typed)?;
    drop(index);

    eprintln!("search bench: storing the articles in SQLite and starting the server");
    let runtime = tokio::runtime::Runtime::new()?;
    let (server, over_http) = runtime.block_on(measure_http(&corpus.articles, &typed))?;

    Report {
        corpus: &corpus,
        body_words,
        searches: typed.len(),
        load_before,
        build_time,
        in_process,
        over_http,
        insert_time: server.insert_time,
        start_time: server.start_time,
    }
    .print();
    Ok(())
}

/// Searches the index directly, as the HTTP handler does inside `spawn_blocking`.
fn measure_in_process(index: &SearchIndex, typed: &[&'static str]) -> anyhow::Result<Pass> {
    let search = |text| index.search(&SearchQuery { workspace_id: WORKSPACE, text, category_id: None, limit: LIMIT });
    for &text in typed {
        search(text)?;
    }
    let mut pass = Pass::default();
    let waited_before = report::run_queue_wait();
    for &text in typed {
        let at = Instant::now();
        let hits = search(text)?;
        pass.latencies.push((at.elapsed(), text));
        pass.hits += hits.len();
    }
    pass.waited_for_core =
        report::run_queue_wait().zip(waited_before).map(|(after, before)| after.saturating_sub(before));
    Ok(pass)
}

/// What the server side measured besides searches.
struct ServerTimes {
    insert_time: Duration,
    start_time: Duration,
}

/// Starts the real server over the same articles and searches through it.
async fn measure_http(articles: &[Article], typed: &[&'static str]) -> anyhow::Result<(ServerTimes, Pass)> {
    let server = BenchServer::start(articles).await?;
    eprintln!("search bench: {} searches over HTTP", typed.len());
    for &text in typed {
        server.search(text).await?;
    }
    let mut pass = Pass::default();
    for &text in typed {
        let at = Instant::now();
        let hits = server.search(text).await?;
        pass.latencies.push((at.elapsed(), text));
        pass.hits += hits;
    }
    let times = ServerTimes { insert_time: server.insert_time, start_time: server.start_time };
    server.stop().await?;
    Ok((times, pass))
}

fn search_doc(article: &Article, id: i64) -> SearchDoc {
    SearchDoc {
        id,
        workspace_id: WORKSPACE,
        category_id: None,
        locale: article.locale.clone(),
        title: article.title.clone(),
        body: to_plain_text(&article.body),
        tags: article.tags.clone(),
    }
}
