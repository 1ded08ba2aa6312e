//! Operator tasks behind the command line: workspaces, agents and the demo. Kept apart
//! from the CLI parsing so tests can call them.

use anyhow::Context;
use protocol::api::Role;
use rand::Rng;
use rust_embed::RustEmbed;
use secrecy::ExposeSecret;

use crate::articles::import::ImportOptions;
use crate::articles::library;
use crate::auth::password::{MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS, hash_password};
use crate::clock::Clock;
use crate::config::Config;
use crate::store::{NewAgent, Store, WorkspaceRecord, is_unique_violation};

/// The app id of the demo workspace `serve --demo` creates.
pub const DEMO_APP_ID: &str = "demo";
/// The demo agent's email.
pub const DEMO_EMAIL: &str = "demo@helpline.example";

/// Creates a workspace with a new random app id, or the one given.
pub async fn add_workspace(
    store: &Store,
    name: &str,
    origins: &[String],
    app_id: Option<&str>,
) -> anyhow::Result<WorkspaceRecord> {
    let name = name.trim();
    anyhow::ensure!(!name.is_empty() && name.chars().count() <= 100, "the name must be 1 to 100 characters");
    let origins = crate::origin::parse_list(origins)?;
    let app_id = match app_id {
        Some(app_id) => {
            anyhow::ensure!(
                !app_id.is_empty()
                    && app_id.len() <= 64
                    && app_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "an app id is 1 to 64 letters, digits, '-' or '_'"
            );
            app_id.to_owned()
        }
        None => new_app_id(),
    };
    store.create_workspace(name, &app_id, &origins, Clock::default().now()).await.map_err(|e| {
        if is_unique_violation(&e) {
            anyhow::anyhow!("a workspace with app id {app_id} already exists")
        } else {
            anyhow::Error::new(e).context("create workspace")
        }
    })
}

/// Adds an agent to a workspace.
pub async fn add_agent(
    store: &Store,
    workspace: &WorkspaceRecord,
    email: &str,
    name: &str,
    role: Role,
    password: String,
) -> anyhow::Result<i64> {
    let email = normalise_email(email)?;
    let name = name.trim();
    anyhow::ensure!(!name.is_empty() && name.chars().count() <= 100, "the name must be 1 to 100 characters");
    check_password(&password)?;
    let password_hash = hash_password(password).await?;
    let agent = NewAgent { workspace_id: workspace.id, email: &email, name, role, password_hash: &password_hash };
    store.create_agent(agent, Clock::default().now()).await.map_err(|e| {
        if is_unique_violation(&e) {
            anyhow::anyhow!("an agent with email {email} already exists")
        } else {
            anyhow::Error::new(e).context("create agent")
        }
    })
}

/// Sets a new password and signs the agent out of every browser.
pub async fn reset_password(store: &Store, email: &str, password: String) -> anyhow::Result<()> {
    set_password(store, email, password, true).await
}

/// Deactivates an agent: their sessions end (open consoles close within seconds) and
/// sign-in is refused until they are reactivated. Their conversations and tickets stay.
pub async fn deactivate_agent(store: &Store, email: &str) -> anyhow::Result<()> {
    let email = normalise_email(email)?;
    let now = Clock::default().now();
    anyhow::ensure!(store.set_agent_deactivated(&email, Some(now)).await?, "no agent has the email {email}");
    Ok(())
}

/// Lets a deactivated agent sign in again.
pub async fn reactivate_agent(store: &Store, email: &str) -> anyhow::Result<()> {
    let email = normalise_email(email)?;
    anyhow::ensure!(store.set_agent_deactivated(&email, None).await?, "no agent has the email {email}");
    Ok(())
}

async fn set_password(store: &Store, email: &str, password: String, end_sessions: bool) -> anyhow::Result<()> {
    let email = normalise_email(email)?;
    check_password(&password)?;
    let hash = hash_password(password).await?;
    anyhow::ensure!(store.set_agent_password(&email, &hash, end_sessions).await?, "no agent has the email {email}");
    Ok(())
}

/// Makes sure the demo workspace and agent exist, allows the given origins to embed
/// it, and gives the agent a fresh password, which is returned to be printed. Consoles
/// signed in before a restart stay signed in.
pub async fn prepare_demo(store: &Store, origins: &[String]) -> anyhow::Result<(WorkspaceRecord, String)> {
    let workspace = match store.workspace_by_app_id(DEMO_APP_ID).await? {
        Some(workspace) => workspace,
        None => add_workspace(store, "Helpline Demo", &[], Some(DEMO_APP_ID)).await?,
    };
    // Only into a demo without articles (new, or made before the demo had a help
    // center): edits made to the demo articles survive restarts.
    if store.list_articles(workspace.id, false).await?.is_empty() {
        import_demo_help_center(store, &workspace).await?;
    }
    let mut allowed = workspace.allowed_origins.clone();
    allowed.extend(crate::origin::parse_list(origins)?);
    allowed.sort();
    allowed.dedup();
    store.set_allowed_origins(workspace.id, &allowed).await?;
    let password = random_password();
    if store.agent_by_email(DEMO_EMAIL).await?.is_some() {
        set_password(store, DEMO_EMAIL, password.clone(), false).await?;
    } else {
        add_agent(store, &workspace, DEMO_EMAIL, "Demo Agent", Role::Admin, password.clone()).await?;
    }
    let workspace = store.workspace(workspace.id).await?.unwrap_or(workspace);
    Ok((workspace, password))
}

/// The API key of the demo host's admin tooling, made anew at each start (the one
/// before is deleted): only this process knows it.
pub async fn demo_api_key(store: &Store, workspace: &WorkspaceRecord, now: i64) -> anyhow::Result<String> {
    for key in store.api_keys(workspace.id).await? {
        if key.name == DEMO_KEY_NAME {
            store.delete_api_key(workspace.id, key.id).await?;
        }
    }
    let key = format!("hlk_{}", crate::auth::token::random_token());
    store.create_api_key(workspace.id, DEMO_KEY_NAME, &crate::auth::token::hash_token(&key), now).await?;
    Ok(key)
}

/// The name of the demo admin tooling's API key.
const DEMO_KEY_NAME: &str = "Demo admin tooling";

/// Helpline's own help center, written for the demo (`server/demo/help`).
#[derive(RustEmbed)]
#[folder = "demo/help/"]
struct DemoHelpCenter;

/// Imports the demo help center through the same importer operators use, from a
/// temporary copy of the embedded files.
async fn import_demo_help_center(store: &Store, workspace: &WorkspaceRecord) -> anyhow::Result<()> {
    let folder = tempfile::tempdir().context("create a temporary folder for the demo articles")?;
    for name in DemoHelpCenter::iter() {
        let file = DemoHelpCenter::get(&name).context("embedded demo article")?;
        let path = folder.path().join(name.as_ref());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("create {}", parent.display()))?;
        }
        std::fs::write(&path, file.data).with_context(|| format!("write {}", path.display()))?;
    }
    let options = ImportOptions { category_from_folders: true };
    let summary = library::import_folder(store, workspace, folder.path(), &options, |_, _| {}).await?;
    anyhow::ensure!(summary.skipped.is_empty(), "demo articles were skipped: {:?}", summary.skipped);
    Ok(())
}

fn normalise_email(email: &str) -> anyhow::Result<String> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    anyhow::ensure!(valid, "'{email}' is not an email address");
    Ok(email)
}

pub(crate) fn check_password(password: &str) -> anyhow::Result<()> {
    anyhow::ensure!(
        password.chars().count() >= MIN_PASSWORD_CHARS,
        "the password must have at least {MIN_PASSWORD_CHARS} characters"
    );
    anyhow::ensure!(password.len() <= MAX_PASSWORD_BYTES, "the password is too long");
    Ok(())
}

fn new_app_id() -> String {
    let mut rng = rand::thread_rng();
    let suffix: String =
        (0..16).map(|_| char::from(b"abcdefghijkmnopqrstuvwxyz23456789"[rng.gen_range(0..33)])).collect();
    format!("app_{suffix}")
}

fn random_password() -> String {
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|_| char::from(b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[rng.gen_range(0..57)]))
        .collect()
}

/// Takes in one raw message as `POST /api/v1/mail/inbound` would, on this process's own
/// connection to the database. Mail it causes (an acknowledgement) is queued in the
/// outbox, which a running server delivers.
pub async fn ingest_mail(config: &Config, raw: &[u8]) -> anyhow::Result<protocol::tickets::InboundResult> {
    let store = Store::connect(config.database.url.expose_secret(), 1).await?;
    store.migrate().await?;
    let storage = crate::files::Storage::from_config(&config.files, store.pool())?;
    let store = store.with_storage(storage);
    let clock = Clock::default();
    let public_url = config.server.public_url.clone().unwrap_or_else(|| format!("http://{}", config.server.bind));
    let mailer = crate::startup::build_mailer(config, &store, &public_url, clock.now()).await?;
    // This process has no sockets: a mailed answer to a chat is stored and reaches the
    // server's clients when they next load the chat.
    let hub = crate::chat::Hub::new(std::sync::Arc::new(crate::chat::transport::LocalOnly), clock.clone());
    let chats = crate::chat::ChatQueue::new(store.clone(), hub, clock.clone(), crate::startup::queue_settings(config));
    let desk = crate::tickets::Desk {
        store: store.clone(),
        clock,
        outbox: crate::mail::OutboxHandle::default(),
        mailer,
        inbound_per_sender: config.limits.inbound_per_sender,
        unverified_mail_per_day: config.limits.unverified_mail_per_address_per_day,
        scanner: config.files.clamd.as_deref().map(crate::files::Scanner::parse),
        chats,
    };
    let taken = desk.take_in(raw).await;
    store.close().await;
    Ok(crate::http::tickets::inbound_result(taken.map_err(anyhow::Error::new)?))
}

/// What `helpline mail ingest` exits with when a message was not taken in, in the
/// sysexits convention MTAs follow: 65 (bad data) bounces a message that can never be
/// taken in; 75 (temporary failure) makes the MTA keep it and deliver it again later,
/// which is right for a sender over `[limits] inbound_per_sender` and for an
/// unreachable database.
pub fn ingest_exit_code(error: &anyhow::Error) -> i32 {
    use crate::tickets::inbound::IngestError;
    match error.downcast_ref::<IngestError>() {
        Some(
            IngestError::Unreadable(_)
            | IngestError::NoSender
            | IngestError::UnusableSender(_)
            | IngestError::NoWorkspace(_),
        ) => EX_DATAERR,
        Some(IngestError::RateLimited { .. } | IngestError::ScannerDown(_) | IngestError::Ticket(_)) | None => {
            EX_TEMPFAIL
        }
    }
}

/// sysexits.h: the input data was incorrect.
pub const EX_DATAERR: i32 = 65;
/// sysexits.h: a temporary failure; the sender should try again later.
pub const EX_TEMPFAIL: i32 = 75;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(normalise_email(" Ana@Example.COM ").ok(), Some("ana@example.com".to_owned()));
        assert!(normalise_email("not-an-email").is_err());
        assert!(normalise_email("a@b").is_err());
        assert!(normalise_email("a b@example.com").is_err());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(check_password("short").is_err());
        assert!(check_password("long enough password").is_ok());
    }

    #[test]
    fn generated_ids_and_passwords_have_their_shape() {
        assert!(new_app_id().starts_with("app_") && new_app_id().len() == 20);
        assert_eq!(random_password().len(), 16);
    }
}
