//! Building and running the application: storage, state, router, listener, shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use secrecy::ExposeSecret;
use tokio::net::TcpListener;
use tokio_util::task::TaskTracker;

use crate::articles::indexing::ArticleIndex;
use crate::assets::Assets;
use crate::auth::signout::SignOuts;
use crate::chat::queue::QueueMail;
use crate::chat::transport::LocalOnly;
use crate::chat::{ChatQueue, Hub, QueueSettings};
use crate::clock::Clock;
use crate::config::Config;
use crate::http::serve::{ServeSettings, serve};
use crate::mail::{OutboxHandle, OutboxSettings, OutboxWorker, Transport};
use crate::origin::Origin;
use crate::shutdown::{self, ShutdownTrigger};
use crate::state::AppState;
use crate::store::Store;
use crate::tickets::{Desk, Mailer};

/// How often the search index checks the database for changes made elsewhere (the
/// import command, other nodes).
const SEARCH_SYNC_EVERY: Duration = Duration::from_secs(5);

/// How often pending tickets are checked for reminders and closing.
const TIMERS_EVERY: Duration = Duration::from_secs(60);
/// How often snoozes and offline assignees are looked at.
const QUEUE_TIMERS_EVERY: Duration = Duration::from_secs(10);

/// How often visitors who left nothing behind are looked for and deleted.
const RETENTION_EVERY: Duration = Duration::from_secs(60 * 60);

/// A bound, migrated, ready-to-run server.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    state: AppState,
    trigger: ShutdownTrigger,
    transport: Transport,
    /// The tasks that connect this node to the others, when several share PostgreSQL.
    cluster: Option<crate::cluster::Cluster>,
}

/// Choices that are not configuration: made by the command line or by tests.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Serve `/demo` embedding this workspace's app id.
    pub demo_app_id: Option<String>,
    /// The clock to use; tests pass one they can move.
    pub clock: Clock,
}

impl Application {
    /// Connects to the database, migrates it and binds the listener.
    pub async fn build(config: Config, options: Options) -> anyhow::Result<Self> {
        let store = Store::connect(config.database.url.expose_secret(), config.database.max_connections).await?;
        store.migrate().await?;
        let storage = crate::files::Storage::from_config(&config.files, store.pool()).context("[files]")?;
        let store = store.with_storage(storage);
        let listener =
            TcpListener::bind(config.server.bind).await.with_context(|| format!("bind {}", config.server.bind))?;
        let public_origin = config
            .server
            .public_url
            .as_deref()
            .map(Origin::parse)
            .transpose()
            .map_err(|e| anyhow::anyhow!("server.public_url: {e}"))?;
        let transport = match &config.mail.smtp {
            Some(smtp) => Transport::smtp(&smtp.settings()).context("mail.smtp")?,
            None => Transport::files(&config.mail.outbox_folder),
        };
        let local_addr = listener.local_addr().context("read local address")?;
        let public_url = config.server.public_url.clone().unwrap_or_else(|| format!("http://{local_addr}"));
        if config.server.public_url.is_none() && config.mail.smtp.is_some() {
            tracing::warn!(%public_url, "server.public_url is not set: links in mail (ratings) point at the bind address");
        }
        let mailer = build_mailer(&config, &store, &public_url, options.clock.now()).await?;
        let outbox = OutboxHandle::default();
        let (trigger, shutdown) = shutdown::channel();
        let device_key = store.server_secret("device", crate::auth::token::random_token, options.clock.now()).await?;
        let devices = crate::auth::KnownDevices::new(device_key.as_bytes()).context("device key")?;
        let search = ArticleIndex::new()?;
        let indexed = search.rebuild(&store).await?;
        tracing::info!(articles = indexed, "search index built");
        let url = config.database.url.expose_secret();
        let clustered =
            config.cluster.enabled.unwrap_or(crate::store::Backend::from_url(url)? == crate::store::Backend::Postgres);
        let (cluster, hub, cluster_handle) = if clustered {
            let (cluster, transport, handle) = crate::cluster::Cluster::new(url, &config.cluster)?;
            (Some(cluster), Hub::new(transport, options.clock.clone()), Some(handle))
        } else {
            (None, Hub::new(Arc::new(LocalOnly), options.clock.clone()), None)
        };
        let mail = QueueMail {
            mailer: Arc::clone(&mailer),
            outbox: outbox.clone(),
            unanswered_after_ms: millis(config.chat.unanswered_alert_secs),
            away_after_ms: millis(config.chat.email_away_visitor_after_secs),
            batch_ms: millis(config.chat.email_batch_secs),
        };
        let queue =
            ChatQueue::new(store.clone(), hub.clone(), options.clock.clone(), queue_settings(&config)).with_mail(mail);
        let desk = Desk {
            store: store.clone(),
            clock: options.clock.clone(),
            outbox: outbox.clone(),
            mailer,
            inbound_per_sender: config.limits.inbound_per_sender,
            unverified_mail_per_day: config.limits.unverified_mail_per_address_per_day,
            scanner: config.files.clamd.as_deref().map(crate::files::Scanner::parse),
            chats: queue.clone(),
        };
        let state = AppState {
            writer: crate::chat::MessageWriter::spawn(store.clone(), hub.clone())?,
            store,
            hub,
            queue,
            search,
            outbox,
            webhooks: crate::webhooks::WebhookHandle::default(),
            desk,
            limits: Arc::new(crate::limits::Limits::new(&config.limits, &options.clock)),
            devices,
            config: Arc::new(config),
            clock: options.clock,
            assets: Arc::new(Assets::load()?),
            shutdown,
            public_origin,
            demo_app_id: options.demo_app_id,
            demo_host: Arc::default(),
            sessions: TaskTracker::new(),
            signouts: SignOuts::default(),
            cluster: cluster_handle,
        };
        if !state.assets.is_built() {
            tracing::warn!("front-end assets are missing from this binary; run `cargo xtask dist` and rebuild");
        }
        Ok(Self { listener, state, trigger, transport, cluster })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        self.listener.local_addr().context("read local address")
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A handle that starts a graceful shutdown when triggered.
    pub fn shutdown_trigger(&self) -> ShutdownTrigger {
        self.trigger.clone()
    }

    /// Serves until `stop` resolves (or the trigger fires), then shuts down gracefully:
    /// new connections are refused, requests in flight finish, sessions send what they
    /// owe and close with 1001, and the database is closed last.
    pub async fn run_until_stopped(self, stop: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let Self { listener, state, trigger, transport, cluster } = self;
        if let Some(cluster) = cluster {
            cluster.spawn(state.store.clone(), state.hub.clone(), state.clock.clone(), state.shutdown.clone());
        }
        let router = crate::http::router(state.clone());
        let mut fired = trigger.signal();
        let stopper = trigger.clone();
        tokio::spawn(async move {
            tokio::select! {
                () = stop => {}
                () = fired.recv() => {}
            }
            stopper.trigger();
        });
        let sync = state.search.clone().keep_in_sync(state.store.clone(), SEARCH_SYNC_EVERY, state.shutdown.clone());
        tokio::spawn(sync);
        let outbox = OutboxWorker {
            store: state.store.clone(),
            transport,
            clock: state.clock.clone(),
            settings: OutboxSettings::default(),
        };
        let outbox = tokio::spawn(outbox.run(state.outbox.clone(), state.shutdown.clone()));
        tokio::spawn(state.desk.clone().run_timers_until_stopped(TIMERS_EVERY, state.shutdown.clone()));
        tokio::spawn(state.queue.clone().run_timers_until_stopped(QUEUE_TIMERS_EVERY, state.shutdown.clone()));
        tokio::spawn(Arc::clone(&state.limits).sweep_until_stopped(state.shutdown.clone()));
        let webhooks = crate::webhooks::WebhookWorker::new(state.store.clone(), state.clock.clone())?;
        tokio::spawn(webhooks.run(state.webhooks.clone(), state.shutdown.clone()));
        tokio::spawn(crate::access::expiry::run_until_stopped(
            state.clone(),
            QUEUE_TIMERS_EVERY,
            state.shutdown.clone(),
        ));
        tokio::spawn(crate::retention::run_until_stopped(
            state.store.clone(),
            state.clock.clone(),
            state.config.retention.clone(),
            RETENTION_EVERY,
            state.shutdown.clone(),
        ));
        let settings = ServeSettings::new(&state.config.server);
        serve(listener, router, settings, Arc::clone(&state.limits), state.shutdown.clone()).await;
        state.sessions.close();
        let grace = Duration::from_secs(state.config.server.shutdown_grace_secs);
        if tokio::time::timeout(grace, state.sessions.wait()).await.is_err() {
            tracing::warn!("some WebSocket sessions did not finish in time");
        }
        // The worker finishes the send in progress, so its row is marked before the
        // database closes.
        if let Err(error) = outbox.await {
            tracing::error!(%error, "mail outbox worker ended abnormally");
        }
        state.store.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// The mailer: the configured sender, reply addresses and rating links signed with the
/// configured secret or, without one, the secret this installation generated.
pub async fn build_mailer(config: &Config, store: &Store, public_url: &str, now: i64) -> anyhow::Result<Arc<Mailer>> {
    let mail = &config.mail;
    let secret = match &mail.secret {
        Some(secret) => secret.expose_secret().to_owned(),
        None => store.server_secret("mail", crate::auth::token::random_token, now).await?,
    };
    let domain = match &mail.reply_domain {
        Some(domain) => domain.clone(),
        None => mail.from_address.rsplit_once('@').map(|(_, domain)| domain.to_owned()).unwrap_or_default(),
    };
    let base = mail.reply_base_address.as_deref().unwrap_or(&mail.from_address);
    let reply = crate::mail::ReplyAddress::new(secret.as_bytes(), base).context("mail.reply_base_address")?;
    let from = crate::mail::Mailbox::new(&mail.from_name, &mail.from_address);
    let mut mailer = Mailer::new(from, domain, reply, public_url, secret.as_bytes())?;
    mailer.trusted_authserv_id =
        mail.authserv_id.as_deref().map(str::trim).filter(|id| !id.is_empty()).map(str::to_owned);
    Ok(Arc::new(mailer))
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn termination_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
    tracing::info!("shutdown requested");
}

/// The chat queue's settings from `[chat]` and `[limits]`.
pub fn queue_settings(config: &Config) -> QueueSettings {
    QueueSettings {
        routing: config.chat.routing,
        offline_grace_ms: millis(config.chat.assignee_offline_grace_secs),
        max_body_chars: config.chat.max_body_chars,
        files_per_message: config.limits.files_per_message,
    }
}

/// Seconds from configuration as milliseconds, saturating.
fn millis(secs: u64) -> i64 {
    i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX)
}
