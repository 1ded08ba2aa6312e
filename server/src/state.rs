//! `AppState`: what every handler and session shares.

use std::sync::Arc;

use crate::articles::indexing::ArticleIndex;
use crate::assets::Assets;
use crate::chat::Hub;
use crate::clock::Clock;
use crate::config::Config;
use crate::mail::OutboxHandle;
use crate::origin::Origin;
use crate::shutdown::Shutdown;
use crate::store::Store;
use crate::tickets::Desk;

/// Shared state, cheap to clone (everything inside is an `Arc` or a handle).
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub hub: Hub,
    /// Stores chat messages from every socket with group commit.
    pub writer: crate::chat::MessageWriter,
    /// Who holds each live chat and where it stands; routing.
    pub queue: crate::chat::ChatQueue,
    /// Help-center search, rebuilt from the database.
    pub search: ArticleIndex,
    /// Wakes the mail outbox worker; poke it after committing queued mail.
    pub outbox: OutboxHandle,
    /// Wakes the webhook worker; poke it after committing a queued event.
    pub webhooks: crate::webhooks::WebhookHandle,
    /// Tickets: every operation on them, with their mail.
    pub desk: Desk,
    pub config: Arc<Config>,
    /// Abuse limits: buckets per IP, visitor, account and sender.
    pub limits: Arc<crate::limits::Limits>,
    /// Signs and checks the cookies of browsers that signed in before.
    pub devices: crate::auth::KnownDevices,
    pub clock: Clock,
    pub assets: Arc<Assets>,
    pub shutdown: Shutdown,
    /// The origin of `server.public_url`, when configured.
    pub public_origin: Option<Origin>,
    /// The app id the `/demo` page embeds, when the demo is on.
    pub demo_app_id: Option<String>,
    /// The demo host application's account and API key (only used with the demo on).
    pub demo_host: Arc<crate::demo::DemoHost>,
    /// Open WebSocket sessions, so shutdown can wait for them to finish.
    pub sessions: tokio_util::task::TaskTracker,
    /// Console sign-outs, so the agent sockets of an ended session close at once.
    pub signouts: crate::auth::signout::SignOuts,
    /// This node among the others sharing its PostgreSQL database, when clustered.
    pub cluster: Option<crate::cluster::ClusterHandle>,
}
