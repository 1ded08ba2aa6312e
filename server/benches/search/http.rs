//! The same searches through the real server: a SQLite database holding the benchmark
//! articles, [`server::Application`] on a loopback port (which builds its index from the
//! database, as at any start-up), one visitor, and one keep-alive HTTP client asking
//! `GET /api/v1/widget/search` one query at a time, as a single messenger would.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use protocol::api::WidgetSession;
use protocol::help::{ArticleStatus, SearchResult};
use server::clock::Clock;
use server::shutdown::ShutdownTrigger;
use server::store::{ArticleFields, Store};
use server::{Application, Config, Options};

use crate::corpus::Article;

/// A running server with the benchmark articles and a visitor to search as.
pub struct BenchServer {
    /// How long storing the articles took.
    pub insert_time: Duration,
    /// How long `Application::build` took: migrations, loading the articles, indexing.
    pub start_time: Duration,
    base_url: String,
    client: reqwest::Client,
    token: String,
    trigger: ShutdownTrigger,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
    // Dropped last: the database outlives the server.
    _dir: tempfile::TempDir,
}

impl BenchServer {
    /// Stores `articles` as published articles of a new workspace, starts the server on
    /// a free loopback port and creates a visitor.
    pub async fn start(articles: &[Article]) -> anyhow::Result<Self> {
        let dir = database_dir()?;
        let url = format!("sqlite://{}", dir.path().join("helpline.db").display());

        let store = Store::connect(&url, 1).await?;
        store.migrate().await?;
        let workspace = server::operator::add_workspace(&store, "Bench", &[], None).await?;
        let now = Clock::default().now();
        let at = Instant::now();
        for article in articles {
            let fields = ArticleFields {
                category_id: None,
                slug: article.slug.clone(),
                title: article.title.clone(),
                body: article.body.clone(),
                tags: article.tags.clone(),
                locale: article.locale.clone(),
                status: ArticleStatus::Published,
            };
            // Saved as the import saves it: with its HTML rendered once.
            let html =
                server::articles::render::to_html(&fields.body).with_context(|| format!("render {}", article.slug))?;
            store
                .create_article(workspace.id, &fields, &html, None, now)
                .await
                .with_context(|| format!("store {}", article.slug))?;
        }
        let insert_time = at.elapsed();
        store.close().await;

        let mut config = Config::for_database(&url)?;
        config.server.bind = SocketAddr::from(([127, 0, 0, 1], 0));
        let at = Instant::now();
        let app = Application::build(config, Options::default()).await?;
        let start_time = at.elapsed();
        let base_url = format!("http://{}", app.local_addr()?);
        let trigger = app.shutdown_trigger();
        let task = tokio::spawn(app.run_until_stopped(std::future::pending()));

        // reqwest keeps the connection alive between requests of one client.
        let client = reqwest::Client::new();
        let response = client
            .post(format!("{base_url}/api/v1/widget/visitors"))
            .header("origin", &base_url)
            .json(&serde_json::json!({ "app_id": workspace.app_id }))
            .send()
            .await
            .context("create visitor")?;
        if !response.status().is_success() {
            bail!("creating a visitor answered {}", response.status());
        }
        let session: WidgetSession = response.json().await.context("read visitor session")?;
        let token = session.token.context("no visitor token on creation")?;
        Ok(Self { insert_time, start_time, base_url, client, token, trigger, task, _dir: dir })
    }

    /// Searches as the messenger does and returns the number of results, after reading
    /// and decoding the whole response.
    pub async fn search(&self, text: &str) -> anyhow::Result<usize> {
        let response = self
            .client
            .get(format!("{}/api/v1/widget/search", self.base_url))
            .query(&[("q", text)])
            .bearer_auth(&self.token)
            .header("origin", &self.base_url)
            .send()
            .await
            .with_context(|| format!("search {text:?}"))?;
        if !response.status().is_success() {
            bail!("searching {text:?} answered {}", response.status());
        }
        let results: Vec<SearchResult> = response.json().await.with_context(|| format!("read results of {text:?}"))?;
        Ok(results.len())
    }

    /// Shuts the server down gracefully and waits for it.
    pub async fn stop(self) -> anyhow::Result<()> {
        self.trigger.trigger();
        self.task.await.context("join server")?
    }
}

/// A throwaway folder for the database, in RAM where Linux offers one: the server syncs
/// every commit to disk, which would make storing 10,000 articles one by one take tens of
/// seconds and measure the disk, not search.
fn database_dir() -> anyhow::Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("helpline-bench-");
    let shared_memory = std::path::Path::new("/dev/shm");
    let dir = if shared_memory.is_dir() { builder.tempdir_in(shared_memory) } else { builder.tempdir() };
    dir.context("create a folder for the database")
}
