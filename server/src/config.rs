//! Typed configuration: defaults, then a TOML file, then `HELPLINE_SECTION__KEY`
//! environment variables. Secrets are `SecretString` and never printed.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

/// Everything the server can be told.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub server: ServerConfig,
    pub database: DatabaseConfig,
    pub chat: ChatConfig,
    pub auth: AuthConfig,
    pub log: LogConfig,
    pub mail: MailConfig,
    pub limits: crate::limits::LimitsConfig,
    pub retention: RetentionConfig,
    pub widget: WidgetConfig,
    /// `[files]`: where kept files' bytes live and whether they are scanned.
    #[serde(default)]
    pub files: FilesConfig,
    /// `[cluster]`: several nodes on one PostgreSQL.
    #[serde(default)]
    pub cluster: ClusterConfig,
}

/// `[cluster]`: how the nodes that share one PostgreSQL database tell each other what
/// happened (see docs/deploy.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ClusterConfig {
    /// Whether this node tells other nodes of its events and hears theirs, through
    /// PostgreSQL's LISTEN/NOTIFY. Unset: on with PostgreSQL, off with SQLite (one node
    /// only). `false` saves a connection and a NOTIFY per batch of events on an
    /// installation that will only ever run one node.
    pub enabled: Option<bool>,
    /// How long the listener waits before it connects again after losing its
    /// connection; it doubles up to 30 s while connecting fails.
    pub reconnect_ms: u64,
}

impl Default for ClusterConfig {
    fn default() -> Self {
        Self { enabled: None, reconnect_ms: 1_000 }
    }
}

/// `[files]`: where the bytes of kept files live, and the malware scanner.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesConfig {
    /// `database` (the default: chunks in the server's database, so several nodes
    /// share them), `folder` or `s3`.
    #[serde(default)]
    pub storage: StorageKind,
    /// The folder blobs are written to, for `storage = "folder"`.
    pub folder: Option<PathBuf>,
    /// The S3 API's URL, for S3-compatible services (MinIO, Garage, R2...); AWS when
    /// unset.
    pub s3_endpoint: Option<String>,
    pub s3_bucket: Option<String>,
    /// `us-east-1` when unset.
    pub s3_region: Option<String>,
    pub s3_access_key_id: Option<SecretString>,
    pub s3_secret_access_key: Option<SecretString>,
    /// Allow a plain `http://` endpoint (a service on the same host or network).
    #[serde(default)]
    pub s3_allow_http: bool,
    /// Where `clamd` listens: `host:port`, or the path of its unix socket. When set,
    /// every file is scanned before it is kept, and a file is refused while the
    /// scanner cannot be reached.
    pub clamd: Option<String>,
}

/// Where blobs live.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StorageKind {
    #[default]
    Database,
    Folder,
    S3,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ServerConfig {
    /// Address to listen on; port 0 picks a free one (tests do this).
    pub bind: SocketAddr,
    /// The URL visitors' browsers reach the server at, when it differs from what the
    /// Host header says (behind a proxy). `https` here marks cookies Secure.
    pub public_url: Option<String>,
    /// Seconds open WebSockets get to finish after SIGTERM before they are dropped.
    pub shutdown_grace_secs: u64,
    /// Reverse proxies (addresses or CIDR networks) whose `X-Forwarded-For` names the
    /// client. From any other peer the header is ignored, so it cannot dodge limits.
    #[serde(default)]
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Seconds a client has to send a request's headers, from opening the connection
    /// or from the end of its previous response. A connection that takes longer is
    /// closed, so half-sent requests cannot hold connections open.
    pub header_timeout_secs: u64,
    /// Seconds a connection may stay open with no request in progress before it is
    /// closed. HTTP/1.1 waits for the next request's headers, so there the header
    /// timeout applies when it is shorter.
    pub idle_timeout_secs: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseConfig {
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`. May hold a password.
    pub url: SecretString,
    pub max_connections: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChatConfig {
    /// Longest message body accepted, in characters.
    pub max_body_chars: usize,
    /// Seconds between the server's pings on a WebSocket. A socket that sends nothing
    /// (not even the pong a client owes) for two of these is closed.
    pub ping_secs: u64,
    /// Whether new chats are given round-robin to available agents below their
    /// capacity. Off, every chat waits in the queue until an agent takes it.
    #[serde(default = "default_routing")]
    pub routing: bool,
    /// How long an assignee may be offline before their open chats go back to the
    /// queue.
    #[serde(default = "default_offline_grace")]
    pub assignee_offline_grace_secs: u64,
    /// How long a visitor's message may wait for an answer before the agents online
    /// (or the workspace's notification address) are mailed; 0 mails nobody.
    #[serde(default = "default_unanswered_alert")]
    pub unanswered_alert_secs: u64,
    /// How long a visitor must have had no socket before agents' replies they have not
    /// read are emailed to them (when an address is known); 0 never emails them.
    #[serde(default = "default_away_visitor")]
    pub email_away_visitor_after_secs: u64,
    /// How long replies gather before they go out in one email: a mail waits until the
    /// newest reply is this old.
    #[serde(default = "default_email_batch")]
    pub email_batch_secs: u64,
}

fn default_away_visitor() -> u64 {
    300
}

fn default_email_batch() -> u64 {
    60
}

fn default_unanswered_alert() -> u64 {
    300
}

fn default_routing() -> bool {
    true
}

fn default_offline_grace() -> u64 {
    120
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthConfig {
    /// How long a console sign-in lasts.
    pub session_ttl_hours: i64,
    /// How long a console sign-in lasts unused. Using it extends it.
    pub session_idle_minutes: i64,
    /// Days a visitor's token keeps working while its visitor is not seen; after
    /// that it is refused and the messenger starts afresh with a new visitor.
    pub visitor_token_days: i64,
}

impl AuthConfig {
    /// `session_idle_minutes` in milliseconds, as the clock counts.
    pub fn session_idle_ms(&self) -> i64 {
        self.session_idle_minutes.saturating_mul(60_000)
    }

    /// `visitor_token_days` in milliseconds.
    pub fn visitor_token_ms(&self) -> i64 {
        self.visitor_token_days.saturating_mul(DAY_MS)
    }
}

/// A day in milliseconds.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The most files one message may be configured to carry.
const MAX_FILES_PER_MESSAGE_CAP: usize = 20;

/// `[retention]`: how long data nobody needs is kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RetentionConfig {
    /// Days after which a visitor who was not seen again and left nothing behind (no
    /// conversation, ticket or help-center activity) is deleted.
    pub idle_visitor_days: i64,
}

/// `[widget]`: how the messenger behaves on host pages.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WidgetConfig {
    /// Hours after its newest message that an open chat keeps the loader preloading the
    /// messenger on every page of the host app (so agent replies show on the badge
    /// without a click). A chat an agent ended or handed off stops it at once.
    pub preload_idle_hours: i64,
}

impl WidgetConfig {
    /// `preload_idle_hours` in milliseconds.
    pub fn preload_idle_ms(&self) -> i64 {
        self.preload_idle_hours.saturating_mul(60 * 60 * 1000)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LogConfig {
    /// `pretty` for people, `json` for log collectors.
    pub format: LogFormat,
    /// An `EnvFilter` directive; `RUST_LOG` wins when set.
    pub filter: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Pretty,
    Json,
}

/// Outgoing mail: who it comes from and how it leaves. Without `smtp`, messages are
/// written as `.eml` files into `outbox_folder` (the embedded default).
#[derive(Debug, Clone, Deserialize)]
pub struct MailConfig {
    /// The support address mail comes from.
    pub from_address: String,
    /// The display name beside `from_address`.
    pub from_name: String,
    /// The domain reply addresses and message ids use, when it differs from the one
    /// of `from_address`.
    pub reply_domain: Option<String>,
    /// The address reply tokens are added to (`support+token@…`); `from_address` when
    /// unset.
    pub reply_base_address: Option<String>,
    /// The key reply addresses and rating links are signed with (at least 32 bytes).
    /// When unset, the server generates one and keeps it in the database, shared by
    /// every node.
    pub secret: Option<SecretString>,
    /// The bearer secret mail providers and `POST /api/v1/mail/inbound` callers must
    /// present. Without it, the inbound endpoint refuses every request.
    pub inbound_secret: Option<SecretString>,
    /// The authserv-id of the receiving mail server (`mx.acme.example`): only its
    /// `Authentication-Results` headers are believed. A `[#1001]` subject threads mail
    /// into a ticket only when that host reports a DMARC pass, or an SPF pass aligned
    /// with the From domain; without it, such mail opens a new ticket flagged as from
    /// an unverified sender.
    pub authserv_id: Option<String>,
    /// Where the file transport writes messages when no SMTP server is configured.
    pub outbox_folder: PathBuf,
    /// The SMTP server to deliver through.
    pub smtp: Option<SmtpConfig>,
}

/// How to reach the SMTP server (`[mail.smtp]`).
#[derive(Debug, Clone, Deserialize)]
pub struct SmtpConfig {
    pub host: String,
    /// 587 (STARTTLS) unless told otherwise.
    #[serde(default = "default_smtp_port")]
    pub port: u16,
    #[serde(default)]
    pub tls: SmtpTlsMode,
    /// No authentication when unset.
    pub username: Option<String>,
    pub password: Option<SecretString>,
    /// Seconds to wait for the connection and for each reply.
    #[serde(default = "default_smtp_timeout_secs")]
    pub timeout_secs: u64,
}

/// `starttls` (the default), `tls` (implicit, usually port 465) or `none` (only for a
/// server on the same machine).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTlsMode {
    #[default]
    Starttls,
    Tls,
    None,
}

fn default_smtp_port() -> u16 {
    587
}

fn default_smtp_timeout_secs() -> u64 {
    30
}

impl SmtpConfig {
    /// The transport's settings.
    pub fn settings(&self) -> crate::mail::SmtpSettings {
        crate::mail::SmtpSettings {
            host: self.host.clone(),
            port: self.port,
            tls: match self.tls {
                SmtpTlsMode::Starttls => crate::mail::SmtpTls::StartTls,
                SmtpTlsMode::Tls => crate::mail::SmtpTls::Tls,
                SmtpTlsMode::None => crate::mail::SmtpTls::None,
            },
            username: self.username.clone(),
            password: self.password.clone(),
            timeout: Duration::from_secs(self.timeout_secs),
        }
    }
}

/// The defaults, as a serialisable mirror (figment layers files over it).
#[derive(Serialize)]
struct Defaults {
    server: ServerConfig,
    database: DatabaseDefaults,
    chat: ChatConfig,
    auth: AuthConfig,
    log: LogConfig,
    mail: MailDefaults,
    limits: crate::limits::LimitsConfig,
    retention: RetentionConfig,
    widget: WidgetConfig,
}

#[derive(Serialize)]
struct MailDefaults {
    from_address: &'static str,
    from_name: &'static str,
    outbox_folder: &'static str,
}

#[derive(Serialize)]
struct DatabaseDefaults {
    url: &'static str,
    max_connections: u32,
}

impl Default for Defaults {
    fn default() -> Self {
        Self {
            server: ServerConfig {
                bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
                public_url: None,
                shutdown_grace_secs: 10,
                trusted_proxies: Vec::new(),
                header_timeout_secs: 10,
                idle_timeout_secs: 60,
            },
            database: DatabaseDefaults { url: "sqlite://data/helpline.db", max_connections: 8 },
            chat: ChatConfig {
                max_body_chars: protocol::limits::DEFAULT_MAX_BODY_CHARS,
                ping_secs: 30,
                routing: default_routing(),
                assignee_offline_grace_secs: default_offline_grace(),
                unanswered_alert_secs: default_unanswered_alert(),
                email_away_visitor_after_secs: default_away_visitor(),
                email_batch_secs: default_email_batch(),
            },
            auth: AuthConfig { session_ttl_hours: 24 * 7, session_idle_minutes: 12 * 60, visitor_token_days: 180 },
            log: LogConfig { format: LogFormat::Pretty, filter: "info".into() },
            mail: MailDefaults {
                from_address: "support@localhost",
                from_name: "Support",
                outbox_folder: "data/outbox",
            },
            limits: crate::limits::LimitsConfig::default(),
            retention: RetentionConfig { idle_visitor_days: 30 },
            widget: WidgetConfig { preload_idle_hours: 24 },
        }
    }
}

impl Config {
    /// Loads defaults, then `path` if it exists, then the environment.
    pub fn load(path: Option<&Path>) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Defaults::default()));
        match path {
            Some(path) if !path.exists() => {
                anyhow::bail!("config file {} does not exist", path.display())
            }
            Some(path) => figment = figment.merge(Toml::file(path)),
            None if Path::new("helpline.toml").exists() => {
                figment = figment.merge(Toml::file("helpline.toml"));
            }
            None => {}
        }
        figment = figment.merge(Env::prefixed("HELPLINE_").split("__"));
        let config: Config = figment.extract().map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        config.validate()?;
        Ok(config)
    }

    /// Defaults only, with the given database: what tests start from.
    pub fn for_database(url: &str) -> anyhow::Result<Self> {
        let figment =
            Figment::from(Serialized::defaults(Defaults::default())).merge(Serialized::default("database.url", url));
        Ok(figment.extract()?)
    }

    fn validate(&self) -> anyhow::Result<()> {
        anyhow::ensure!(self.chat.max_body_chars > 0, "chat.max_body_chars must be positive");
        anyhow::ensure!(self.database.max_connections > 0, "database.max_connections must be positive");
        anyhow::ensure!(self.auth.session_ttl_hours > 0, "auth.session_ttl_hours must be positive");
        anyhow::ensure!(self.auth.session_idle_minutes > 0, "auth.session_idle_minutes must be positive");
        anyhow::ensure!(self.auth.visitor_token_days > 0, "auth.visitor_token_days must be positive");
        anyhow::ensure!(self.retention.idle_visitor_days > 0, "retention.idle_visitor_days must be positive");
        anyhow::ensure!(self.chat.ping_secs > 0, "chat.ping_secs must be positive");
        anyhow::ensure!(
            self.cluster.enabled != Some(true) || self.database.url.expose_secret().starts_with("postgres"),
            "cluster.enabled needs PostgreSQL: nodes share one PostgreSQL database"
        );
        anyhow::ensure!(self.cluster.reconnect_ms > 0, "cluster.reconnect_ms must be positive");
        let max_file = crate::files::MAX_FILE_BYTES as u64;
        anyhow::ensure!(
            (1..=max_file).contains(&self.limits.file_bytes),
            "limits.file_bytes must be 1 to {max_file} bytes"
        );
        anyhow::ensure!(
            (1..=MAX_FILES_PER_MESSAGE_CAP).contains(&self.limits.files_per_message),
            "limits.files_per_message must be 1 to {MAX_FILES_PER_MESSAGE_CAP}"
        );
        anyhow::ensure!(self.widget.preload_idle_hours > 0, "widget.preload_idle_hours must be positive");
        anyhow::ensure!(self.server.header_timeout_secs > 0, "server.header_timeout_secs must be positive");
        anyhow::ensure!(self.server.idle_timeout_secs > 0, "server.idle_timeout_secs must be positive");
        if let Some(url) = &self.server.public_url {
            crate::origin::Origin::parse(url).map_err(|e| anyhow::anyhow!("server.public_url: {e}"))?;
        }
        crate::store::Backend::from_url(self.database.url.expose_secret())?;
        self.mail
            .from_address
            .parse::<lettre::Address>()
            .map_err(|e| anyhow::anyhow!("mail.from_address {:?}: {e}", self.mail.from_address))?;
        match self.files.storage {
            StorageKind::Database => {}
            StorageKind::Folder => {
                anyhow::ensure!(
                    self.files.folder.is_some(),
                    "files.folder is required when files.storage is \"folder\""
                )
            }
            StorageKind::S3 => {
                anyhow::ensure!(
                    self.files.s3_bucket.is_some(),
                    "files.s3_bucket is required when files.storage is \"s3\""
                )
            }
        }
        if let Some(smtp) = &self.mail.smtp {
            anyhow::ensure!(!smtp.host.trim().is_empty(), "mail.smtp.host must not be empty");
            anyhow::ensure!(smtp.timeout_secs > 0, "mail.smtp.timeout_secs must be positive");
        }
        Ok(())
    }

    /// True when browsers reach the server over TLS, so cookies must be Secure.
    pub fn uses_tls(&self) -> bool {
        self.server.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_shown_in_the_readme_is_valid() {
        let readme = include_str!("../../README.md");
        let start = readme.find("```toml\n").expect("a TOML example in the README") + "```toml\n".len();
        let end = start + readme[start..].find("```").expect("the example ends");
        let config: Config = Figment::from(Serialized::defaults(Defaults::default()))
            .merge(Toml::string(&readme[start..end]))
            .extract()
            .expect("the README example parses");

        config.validate().expect("the README example is valid");
        let smtp = config.mail.smtp.expect("the example configures SMTP");
        assert_eq!((smtp.port, smtp.tls), (587, SmtpTlsMode::Starttls));
        assert_eq!(config.server.public_url.as_deref(), Some("https://support.acme.example"));
    }

    #[test]
    fn the_default_mail_settings_are_valid_and_write_files() {
        let config = Config::for_database("sqlite://data/helpline.db").expect("defaults");

        config.validate().expect("valid defaults");
        assert_eq!(config.mail.from_address, "support@localhost");
        assert_eq!(config.mail.outbox_folder, Path::new("data/outbox"));
        assert!(config.mail.smtp.is_none(), "no SMTP server unless configured");
    }

    #[test]
    fn file_limits_may_be_lowered_but_not_raised_past_what_the_server_holds() {
        let mut config = Config::for_database("sqlite://data/helpline.db").expect("defaults");
        config.limits.file_bytes = 1_000_000;
        config.limits.files_per_message = 1;
        config.validate().expect("lower limits are fine");
        config.limits.file_bytes = 11 * 1024 * 1024;
        assert!(config.validate().is_err(), "files over 10 MiB are never read whole into memory");
        config.limits.file_bytes = 1_000_000;
        for files in [0, 21] {
            config.limits.files_per_message = files;
            assert!(config.validate().is_err(), "{files} files per message");
        }
    }

    #[test]
    fn an_smtp_section_defaults_to_starttls_on_port_587() {
        let figment = Figment::from(Serialized::defaults(Defaults::default()))
            .merge(Serialized::default("database.url", "sqlite://data/helpline.db"))
            .merge(Toml::string(
                "[mail.smtp]\nhost = \"smtp.example.com\"\nusername = \"helpline\"\npassword = \"hunter2\"\n",
            ));
        let config: Config = figment.extract().expect("valid");

        let smtp = config.mail.smtp.expect("an SMTP section");
        assert_eq!((smtp.port, smtp.tls, smtp.timeout_secs), (587, SmtpTlsMode::Starttls, 30));
        assert_eq!(smtp.settings().tls, crate::mail::SmtpTls::StartTls);
        assert!(!format!("{smtp:?}").contains("hunter2"), "the password is never printed");
    }
}
