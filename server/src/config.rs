//! Typed configuration: defaults, then a TOML file, then `HELPLINE_SECTION__KEY`
//! environment variables. Secrets are `SecretString` and never printed.

use std::net::SocketAddr;
use std::path::Path;

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
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AuthConfig {
    /// How long a console sign-in lasts.
    pub session_ttl_hours: i64,
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

/// The defaults, as a serialisable mirror (figment layers files over it).
#[derive(Serialize)]
struct Defaults {
    server: ServerConfig,
    database: DatabaseDefaults,
    chat: ChatConfig,
    auth: AuthConfig,
    log: LogConfig,
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
            },
            database: DatabaseDefaults { url: "sqlite://data/helpline.db", max_connections: 8 },
            chat: ChatConfig { max_body_chars: protocol::limits::DEFAULT_MAX_BODY_CHARS },
            auth: AuthConfig { session_ttl_hours: 24 * 7 },
            log: LogConfig { format: LogFormat::Pretty, filter: "info".into() },
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
        if let Some(url) = &self.server.public_url {
            crate::origin::Origin::parse(url).map_err(|e| anyhow::anyhow!("server.public_url: {e}"))?;
        }
        crate::store::Backend::from_url(self.database.url.expose_secret())?;
        Ok(())
    }

    /// True when browsers reach the server over TLS, so cookies must be Secure.
    pub fn uses_tls(&self) -> bool {
        self.server.public_url.as_deref().is_some_and(|url| url.starts_with("https://"))
    }
}
