//! Storage: one sqlx pool over SQLite (the embedded default) or PostgreSQL, its
//! migrations, and the queries each area of the product needs.
//!
//! Queries are written once in the SQL both backends understand (`$1` parameters,
//! `RETURNING`, `ON CONFLICT`) and run through sqlx's `Any` driver, so behaviour is the
//! same on both. Timestamps are Unix milliseconds.

mod access;
mod addresses;
mod agents;
mod appearance;
mod articles;
mod audit;
mod away_mail;
mod chat_queue;
mod conversations;
mod files;
mod help_activity;
mod identity;
mod invites;
mod limits;
mod mail_records;
mod message_batch;
mod messages;
mod outbox;
mod reports;
mod saved_replies;
mod sessions;
mod sql;
mod support;
mod ticket_events;
mod ticket_process;
mod ticket_queue;
mod ticket_tx;
mod tickets;
mod visitors;
mod webhooks;
mod workspaces;

use std::str::FromStr;
use std::time::Duration;

use anyhow::{Context, bail};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, ConnectOptions, Executor};

pub use access::{GrantRecord, NewGrant, NewRequest, RequestRecord};
pub use addresses::{VerifiedBy, normalize_address};
pub use agents::{AgentRecord, NewAgent};
pub use appearance::{Appearance, LocaleTexts, Logo};
pub use articles::{ArticleFields, ArticleHeader, ArticleRecord, ArticlesFingerprint, CategoryRecord};
pub use audit::NewAudit;
pub use away_mail::AwayChat;
pub use chat_queue::{AgentRouting, ConversationUpdate, Emailed, Guard, QueuedConversation, UnansweredChat};
pub use conversations::{ConversationRecord, InboxFilter};
pub use files::{FileMeta, FileRecord, Uploader};
pub use help_activity::{ArticleStatsRecord, MissedSearchRecord, normalize_missed_query};
pub use identity::{IdentitySettingsRecord, NewVerification};
pub use invites::{AcceptError, InviteRecord, NewInvite};
pub use mail_records::{Follower, IncomingFile};
pub use message_batch::{BatchConnection, Batched, ChatMessage};
pub use messages::{AppendError, Appended, DbAuthor, NewMessage, StoredMessage};
pub use outbox::{NewOutgoing, OutboxRecord, OutboxStatus, RequesterMail, enqueue_mail};
pub use reports::{HelpVisit, ReportActivity, Span, TicketHistory};
pub use saved_replies::{SavedReplyError, SavedReplyFields, SavedReplyRecord};
pub use sessions::SessionRecord;
pub use support::{AgentName, ApiKeyRecord, RatingRecord, SupportSettingsRecord};
pub use ticket_events::{Actor, EventWrite, Received, Sender, TicketEventRecord};
pub use ticket_queue::{AssigneeFilter, TicketFilter};
pub use ticket_tx::TicketTx;
pub use tickets::{NewTicket, TicketRecord};
pub use visitors::{VisitorPlace, VisitorRecord};
pub use webhooks::{WebhookDelivery, WebhookTarget};
pub use workspaces::WorkspaceRecord;

/// Declares a closed set of values stored as text that only the server knows (the
/// ticket enums the wire shares are `protocol`'s), spelled as the schema's CHECK allows.
macro_rules! db_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The value as the database spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = anyhow::Error;

            /// Reads the spelling `as_str` gives.
            fn from_str(value: &str) -> anyhow::Result<Self> {
                match value {
                    $($text => Ok($name::$variant),)+
                    other => Err(anyhow::anyhow!("unknown {} in database: {other}", stringify!($name))),
                }
            }
        }
    };
}
use db_enum;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a `Store` talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Picks the backend from a database URL's scheme.
    pub fn from_url(url: &str) -> anyhow::Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            bail!("unsupported database URL scheme (use sqlite:// or postgres://)")
        }
    }
}

/// The database handle every part of the server shares. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Where files' bytes live: this database unless configured otherwise.
    storage: crate::files::Storage,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("backend", &self.backend).finish_non_exhaustive()
    }
}

/// Per-connection settings: foreign keys are off by default in SQLite, and FULL makes a
/// committed transaction survive power loss in WAL mode (NORMAL does not).
async fn prepare_connection(conn: &mut AnyConnection, backend: Backend) -> Result<(), sqlx::Error> {
    if backend == Backend::Sqlite {
        conn.execute("PRAGMA foreign_keys = ON").await?;
        conn.execute("PRAGMA synchronous = FULL").await?;
        conn.execute("PRAGMA busy_timeout = 10000").await?;
    }
    Ok(())
}

impl Store {
    /// Connects, applies the durability settings and checks that they took effect.
    /// For SQLite the database file and its folder are created when missing.
    pub async fn connect(url: &str, max_connections: u32) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite {
            prepare_sqlite_file(url)?;
        }
        let options = AnyConnectOptions::from_str(url).context("parse database url")?;
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| Box::pin(prepare_connection(conn, backend)))
            .connect_with(options)
            .await
            .context("connect to database")?;
        let storage = crate::files::Storage::Database(pool.clone());
        let store = Self { pool, backend, storage };
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL").execute(&store.pool).await.context("enable WAL")?;
        }
        store.assert_durable().await?;
        Ok(store)
    }

    /// A connection of its own, outside the pool, set up as the pool's are: for a task
    /// that uses one all the time (the message writer), on whatever runtime it runs.
    pub async fn connect_one(&self) -> anyhow::Result<AnyConnection> {
        let mut conn = self.pool.connect_options().connect().await.context("connect to database")?;
        prepare_connection(&mut conn, self.backend).await.context("set up a connection")?;
        Ok(conn)
    }

    /// Applies the migrations of this backend.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await.context("run migrations")?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// This store with files' bytes kept in `storage`.
    pub fn with_storage(self, storage: crate::files::Storage) -> Self {
        Self { storage, ..self }
    }

    /// Where files' bytes live.
    pub fn storage(&self) -> &crate::files::Storage {
        &self.storage
    }

    /// Answers whether the database takes queries right now, for `/readyz`.
    pub async fn ping(&self) -> anyhow::Result<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await.context("ping database")?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Refuses to run on settings that could lose acknowledged messages.
    async fn assert_durable(&self) -> anyhow::Result<()> {
        match self.backend {
            Backend::Sqlite => {
                let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
                    .fetch_one(&self.pool)
                    .await
                    .context("read journal_mode")?;
                let synchronous: i64 =
                    sqlx::query_scalar("PRAGMA synchronous").fetch_one(&self.pool).await.context("read synchronous")?;
                let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
                    .fetch_one(&self.pool)
                    .await
                    .context("read foreign_keys")?;
                // 2 is FULL, 3 is EXTRA; both make commits durable.
                if !mode.eq_ignore_ascii_case("wal") || synchronous < 2 || foreign_keys != 1 {
                    bail!(
                        "SQLite is not in a durable mode (journal_mode={mode}, synchronous={synchronous}, foreign_keys={foreign_keys})"
                    );
                }
            }
            Backend::Postgres => {
                let fsync: String =
                    sqlx::query_scalar("SHOW fsync").fetch_one(&self.pool).await.context("read fsync")?;
                let commit: String = sqlx::query_scalar("SHOW synchronous_commit")
                    .fetch_one(&self.pool)
                    .await
                    .context("read synchronous_commit")?;
                if fsync != "on" || commit == "off" {
                    bail!("PostgreSQL is not durable (fsync={fsync}, synchronous_commit={commit})");
                }
            }
        }
        Ok(())
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

/// Creates the SQLite file (and its folder) so a first run needs no manual step.
fn prepare_sqlite_file(url: &str) -> anyhow::Result<()> {
    let path = url.trim_start_matches("sqlite://").trim_start_matches("sqlite:").split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        bail!("an in-memory SQLite database would lose every message on restart; give a file path");
    }
    let path = std::path::Path::new(path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("create database folder {}", parent.display()))?;
    }
    if !path.exists() {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .with_context(|| format!("create database file {}", path.display()))?;
    }
    Ok(())
}

/// True when a query failed on a unique constraint, on either backend.
pub fn is_unique_violation(error: &sqlx::Error) -> bool {
    matches!(error, sqlx::Error::Database(db) if db.is_unique_violation())
}
