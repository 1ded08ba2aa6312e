//! The `helpline` command line: serve, and the operator commands for workspaces and
//! agents.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use protocol::api::Role;
use secrecy::ExposeSecret;

use crate::articles::import::ImportOptions;
use crate::articles::library;
use crate::config::Config;
use crate::operator;
use crate::startup::{Application, Options, termination_signal};
use crate::store::{Store, WorkspaceRecord};
use crate::telemetry;

/// Helpline: embeddable in-app support.
#[derive(Debug, Parser)]
#[command(name = "helpline", version)]
pub struct Cli {
    /// A TOML configuration file; `helpline.toml` in the working directory is read when
    /// present. `HELPLINE_SECTION__KEY` environment variables override it.
    #[arg(long, global = true, env = "HELPLINE_CONFIG")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the server.
    Serve {
        /// Creates a demo workspace and agent, prints the login, and serves /demo.
        #[arg(long)]
        demo: bool,
    },
    /// Applies database migrations and exits.
    Migrate,
    /// Manages workspaces.
    #[command(subcommand)]
    Workspace(WorkspaceCommand),
    /// Manages agents.
    #[command(subcommand)]
    Agent(AgentCommand),
    /// Imports and exports help-center articles.
    #[command(subcommand)]
    Articles(ArticlesCommand),
    /// Takes in email.
    #[command(subcommand)]
    Mail(MailCommand),
}

#[derive(Debug, Subcommand)]
enum MailCommand {
    /// Reads one raw RFC 5322 message from standard input (an MTA pipe) and threads it
    /// into its ticket or opens one. Replies it causes are queued for the server to send.
    Ingest,
}

#[derive(Debug, Subcommand)]
enum ArticlesCommand {
    /// Imports a folder of Markdown/MDX files as published articles. Running it again
    /// updates changed articles and creates no duplicates.
    Import {
        path: PathBuf,
        /// The workspace's app id; may be left out when there is only one workspace.
        #[arg(long)]
        workspace: Option<String>,
        /// Put each article in a category named after its folder.
        #[arg(long)]
        category_from_folders: bool,
    },
    /// Writes every article as Markdown with front matter into a folder.
    Export {
        path: PathBuf,
        #[arg(long)]
        workspace: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum WorkspaceCommand {
    /// Creates a workspace and prints its app id.
    Add {
        #[arg(long)]
        name: String,
        /// A host origin allowed to embed the messenger (repeatable).
        #[arg(long = "origin")]
        origins: Vec<String>,
        /// Use this app id instead of a random one.
        #[arg(long)]
        app_id: Option<String>,
    },
    /// Lists workspaces with their app ids and allowed origins.
    List,
}

#[derive(Debug, Subcommand)]
enum AgentCommand {
    /// Creates an agent. The password is asked for, or read from stdin.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum, default_value = "agent")]
        role: RoleArg,
        /// The workspace's app id; may be left out when there is only one workspace.
        #[arg(long)]
        workspace: Option<String>,
        /// Read the password from the first line of stdin instead of a prompt.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Sets a new password and signs the agent out everywhere.
    ResetPassword {
        #[arg(long)]
        email: String,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Signs the agent out everywhere and refuses their sign-in until reactivated.
    Deactivate {
        #[arg(long)]
        email: String,
    },
    /// Lets a deactivated agent sign in again.
    Reactivate {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Agent,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Agent => Role::Agent,
        }
    }
}

/// Parses the command line and runs the command.
pub async fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load(cli.config.as_deref())?;
    telemetry::init(&config.log);
    match cli.command {
        Command::Serve { demo } => serve(config, demo).await,
        Command::Migrate => {
            let store = open_store(&config).await?;
            println!("migrations applied");
            store.close().await;
            Ok(())
        }
        Command::Workspace(command) => workspace(config, command).await,
        Command::Agent(command) => agent(config, command).await,
        Command::Articles(command) => articles(config, command).await,
        Command::Mail(MailCommand::Ingest) => {
            let mut raw = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut raw).context("read the message from stdin")?;
            match operator::ingest_mail(&config, &raw).await {
                Ok(result) => {
                    println!("{}", serde_json::to_string(&result).context("write the outcome")?);
                    Ok(())
                }
                Err(error) => {
                    eprintln!("error: {error:#}");
                    std::process::exit(operator::ingest_exit_code(&error));
                }
            }
        }
    }
}

async fn serve(config: Config, demo: bool) -> anyhow::Result<()> {
    // Every socket is an open file: a soft limit of 1,024 would cap the visitors one node
    // holds far below what it can, so it goes up to the hard limit the system allows.
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => tracing::info!(limit, "open-file limit"),
        Err(error) => tracing::warn!(%error, "could not raise the open-file limit"),
    }
    let public_url = config.server.public_url.clone();
    let options = Options { demo_app_id: demo.then(|| operator::DEMO_APP_ID.to_owned()), ..Options::default() };
    let app = Application::build(config, options).await?;
    let addr = app.local_addr()?;
    let base = public_url.unwrap_or_else(|| format!("http://{addr}"));
    if demo {
        let mut origins = vec![base.clone()];
        if addr.ip().is_loopback() || addr.ip().is_unspecified() {
            origins.push(format!("http://127.0.0.1:{}", addr.port()));
            origins.push(format!("http://localhost:{}", addr.port()));
        }
        let (workspace, password) = operator::prepare_demo(&app.state().store, &origins).await?;
        let key = operator::demo_api_key(&app.state().store, &workspace, app.state().clock.now()).await?;
        app.state().demo_host.set_key(key);
        // The demo articles are searchable from the first request, not after the next sync.
        app.state().search.sync_if_changed(&app.state().store).await?;
        println!("Demo host page:  {base}/demo");
        println!("Agent console:   {base}/console");
        println!("Demo login:      {} / {password}", operator::DEMO_EMAIL);
    }
    // Tests and scripts read this line to learn the port.
    println!("Helpline listening on http://{addr}");
    std::io::stdout().flush().context("flush stdout")?;
    app.run_until_stopped(termination_signal()).await
}

async fn workspace(config: Config, command: WorkspaceCommand) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    match command {
        WorkspaceCommand::Add { name, origins, app_id } => {
            let workspace = operator::add_workspace(&store, &name, &origins, app_id.as_deref()).await?;
            println!("created workspace {} with app id {}", workspace.name, workspace.app_id);
            println!(
                "embed: <script src=\"https://YOUR-HELPLINE-SERVER/helpline.js\" data-app-id=\"{}\" async></script>",
                workspace.app_id
            );
        }
        WorkspaceCommand::List => {
            for workspace in store.list_workspaces().await? {
                let origins = if workspace.allowed_origins.is_empty() {
                    "(no allowed origins)".to_owned()
                } else {
                    workspace.allowed_origins.join(", ")
                };
                println!("{}\t{}\t{}", workspace.app_id, workspace.name, origins);
            }
        }
    }
    store.close().await;
    Ok(())
}

async fn agent(config: Config, command: AgentCommand) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    match command {
        AgentCommand::Add { email, name, role, workspace, password_stdin } => {
            let workspace = pick_workspace(&store, workspace.as_deref()).await?;
            let password = read_password(password_stdin)?;
            let id = operator::add_agent(&store, &workspace, &email, &name, role.into(), password).await?;
            println!("created agent {id} in workspace {}", workspace.app_id);
        }
        AgentCommand::ResetPassword { email, password_stdin } => {
            let password = read_password(password_stdin)?;
            operator::reset_password(&store, &email, password).await?;
            println!("password changed; the agent was signed out everywhere");
        }
        AgentCommand::Deactivate { email } => {
            operator::deactivate_agent(&store, &email).await?;
            println!("agent deactivated and signed out everywhere");
        }
        AgentCommand::Reactivate { email } => {
            operator::reactivate_agent(&store, &email).await?;
            println!("agent reactivated; they can sign in again");
        }
    }
    store.close().await;
    Ok(())
}

async fn articles(config: Config, command: ArticlesCommand) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    match command {
        ArticlesCommand::Import { path, workspace, category_from_folders } => {
            let workspace = pick_workspace(&store, workspace.as_deref()).await?;
            let options = ImportOptions { category_from_folders };
            let bar = ProgressBar::new(0).with_style(
                ProgressStyle::with_template("{bar:40} {pos}/{len} articles")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            let summary = library::import_folder(&store, &workspace, &path, &options, |done, total| {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
            })
            .await?;
            bar.finish_and_clear();
            println!(
                "imported into {}: {} created, {} updated, {} unchanged, {} skipped",
                workspace.app_id,
                summary.created.len(),
                summary.updated.len(),
                summary.unchanged,
                summary.skipped.len()
            );
            for slug in &summary.created {
                println!("  created   {slug}");
            }
            for slug in &summary.updated {
                println!("  updated   {slug}");
            }
            for (path, reason) in &summary.skipped {
                println!("  skipped   {}: {reason}", path.display());
            }
        }
        ArticlesCommand::Export { path, workspace } => {
            let workspace = pick_workspace(&store, workspace.as_deref()).await?;
            let count = library::export_folder(&store, &workspace, &path).await?;
            println!("exported {count} articles to {}", path.display());
        }
    }
    store.close().await;
    Ok(())
}

/// The workspace with this app id, or the only one when none is given.
async fn pick_workspace(store: &Store, app_id: Option<&str>) -> anyhow::Result<WorkspaceRecord> {
    match app_id {
        Some(app_id) => {
            store.workspace_by_app_id(app_id).await?.with_context(|| format!("no workspace has app id {app_id}"))
        }
        None => {
            let mut all = store.list_workspaces().await?;
            anyhow::ensure!(all.len() == 1, "there are {} workspaces; name one with --workspace", all.len());
            Ok(all.remove(0))
        }
    }
}

async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(config.database.url.expose_secret(), config.database.max_connections).await?;
    store.migrate().await?;
    Ok(store)
}

/// Reads a password from a prompt without echo, or from stdin when asked to.
fn read_password(from_stdin: bool) -> anyhow::Result<String> {
    if from_stdin || !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("read password from stdin")?;
        return Ok(line.trim_end_matches(['\r', '\n']).to_owned());
    }
    let first = rpassword::prompt_password("Password: ").context("read password")?;
    let second = rpassword::prompt_password("Again: ").context("read password")?;
    anyhow::ensure!(first == second, "the passwords differ");
    Ok(first)
}
