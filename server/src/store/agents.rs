//! Agents: the people who answer chats, with their password hashes and roles.

use anyhow::Context;
use protocol::api::Role;
use sqlx::FromRow;

use super::Store;

/// An agent as stored. The password hash never leaves the server.
#[derive(Debug, Clone)]
pub struct AgentRecord {
    pub id: i64,
    pub workspace_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    /// When an operator deactivated the agent; a deactivated agent cannot sign in.
    pub deactivated_at: Option<i64>,
    /// The shipped locale the agent's console last spoke (`de`), if it has said.
    pub locale: Option<String>,
}

/// What creating an agent needs.
#[derive(Debug)]
pub struct NewAgent<'a> {
    pub workspace_id: i64,
    /// Lower-cased by the caller.
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
}

#[derive(FromRow)]
struct AgentRow {
    id: i64,
    workspace_id: i64,
    email: String,
    name: String,
    role: String,
    password_hash: String,
    deactivated_at: Option<i64>,
    locale: Option<String>,
}

impl TryFrom<AgentRow> for AgentRecord {
    type Error = anyhow::Error;

    fn try_from(row: AgentRow) -> anyhow::Result<Self> {
        Ok(Self {
            id: row.id,
            workspace_id: row.workspace_id,
            email: row.email,
            name: row.name,
            role: role_from_db(&row.role)?,
            password_hash: row.password_hash,
            deactivated_at: row.deactivated_at,
            locale: row.locale,
        })
    }
}

pub(super) fn role_to_db(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Agent => "agent",
    }
}

fn role_from_db(role: &str) -> anyhow::Result<Role> {
    match role {
        "admin" => Ok(Role::Admin),
        "agent" => Ok(Role::Agent),
        other => anyhow::bail!("unknown role in database: {other}"),
    }
}

const AGENT_COLUMNS: &str = "id, workspace_id, email, name, role, password_hash, deactivated_at, locale";

impl Store {
    /// Creates an agent. Fails with a unique violation when the email is taken.
    /// New agents are in first-line support.
    pub async fn create_agent(&self, agent: NewAgent<'_>, now: i64) -> Result<i64, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let id = sqlx::query_scalar(
            "INSERT INTO agents (workspace_id, email, name, role, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(agent.workspace_id)
        .bind(agent.email)
        .bind(agent.name)
        .bind(role_to_db(agent.role))
        .bind(agent.password_hash)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO agent_teams (agent_id, team) VALUES ($1, 'first_line')")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn agent_by_email(&self, email: &str) -> anyhow::Result<Option<AgentRecord>> {
        let row: Option<AgentRow> = sqlx::query_as(&format!("SELECT {AGENT_COLUMNS} FROM agents WHERE email = $1"))
            .bind(email)
            .fetch_optional(self.pool())
            .await
            .context("load agent by email")?;
        row.map(AgentRecord::try_from).transpose()
    }

    pub async fn agent(&self, id: i64) -> anyhow::Result<Option<AgentRecord>> {
        let row: Option<AgentRow> = sqlx::query_as(&format!("SELECT {AGENT_COLUMNS} FROM agents WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load agent")?;
        row.map(AgentRecord::try_from).transpose()
    }

    /// Remembers the language the agent's console speaks (a shipped locale's tag).
    pub async fn set_agent_locale(&self, id: i64, locale: &str) -> anyhow::Result<()> {
        sqlx::query("UPDATE agents SET locale = $1 WHERE id = $2")
            .bind(locale)
            .bind(id)
            .execute(self.pool())
            .await
            .context("set agent locale")?;
        Ok(())
    }

    /// Sets a new password hash and, when asked, signs the agent out everywhere.
    /// Returns false when no agent has that email.
    pub async fn set_agent_password(
        &self,
        email: &str,
        password_hash: &str,
        end_sessions: bool,
    ) -> anyhow::Result<bool> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let id: Option<i64> = sqlx::query_scalar("UPDATE agents SET password_hash = $1 WHERE email = $2 RETURNING id")
            .bind(password_hash)
            .bind(email)
            .fetch_optional(&mut *tx)
            .await
            .context("update password")?;
        let Some(id) = id else {
            return Ok(false);
        };
        if end_sessions {
            sqlx::query("DELETE FROM agent_sessions WHERE agent_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .context("end sessions")?;
        }
        tx.commit().await.context("commit password")?;
        Ok(true)
    }

    /// Deactivates the agent (`Some(now)`) and ends every session they have, or lets
    /// them sign in again (`None`). Returns false when no agent has that email.
    pub async fn set_agent_deactivated(&self, email: &str, deactivated_at: Option<i64>) -> anyhow::Result<bool> {
        let mut tx = self.pool().begin().await.context("begin")?;
        let id: Option<i64> = sqlx::query_scalar("UPDATE agents SET deactivated_at = $1 WHERE email = $2 RETURNING id")
            .bind(deactivated_at)
            .bind(email)
            .fetch_optional(&mut *tx)
            .await
            .context("deactivate agent")?;
        let Some(id) = id else {
            return Ok(false);
        };
        if deactivated_at.is_some() {
            sqlx::query("DELETE FROM agent_sessions WHERE agent_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .context("end sessions")?;
        }
        tx.commit().await.context("commit deactivation")?;
        Ok(true)
    }
}
