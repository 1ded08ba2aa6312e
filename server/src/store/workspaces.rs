//! Workspaces: the tenant of every other row, with its app id and allowed host origins.

use anyhow::Context;
use sqlx::FromRow;

use super::Store;

/// A workspace row with its allowed origins.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceRecord {
    pub id: i64,
    pub name: String,
    /// Public identifier host pages put in `data-app-id`.
    pub app_id: String,
    /// Host origins allowed to embed the messenger, normalised (`scheme://host[:port]`).
    pub allowed_origins: Vec<String>,
}

#[derive(FromRow)]
struct WorkspaceRow {
    id: i64,
    name: String,
    app_id: String,
}

impl Store {
    /// Creates a workspace. Fails on a duplicate app id.
    pub async fn create_workspace(
        &self,
        name: &str,
        app_id: &str,
        origins: &[String],
        now: i64,
    ) -> Result<WorkspaceRecord, sqlx::Error> {
        let mut tx = self.pool().begin().await?;
        let id: i64 =
            sqlx::query_scalar("INSERT INTO workspaces (name, app_id, created_at) VALUES ($1, $2, $3) RETURNING id")
                .bind(name)
                .bind(app_id)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?;
        for origin in origins {
            sqlx::query("INSERT INTO workspace_origins (workspace_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(id)
                .bind(origin)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(WorkspaceRecord { id, name: name.to_owned(), app_id: app_id.to_owned(), allowed_origins: origins.to_vec() })
    }

    pub async fn workspace_by_app_id(&self, app_id: &str) -> anyhow::Result<Option<WorkspaceRecord>> {
        let row: Option<WorkspaceRow> = sqlx::query_as("SELECT id, name, app_id FROM workspaces WHERE app_id = $1")
            .bind(app_id)
            .fetch_optional(self.pool())
            .await
            .context("load workspace by app id")?;
        match row {
            Some(row) => Ok(Some(self.with_origins(row).await?)),
            None => Ok(None),
        }
    }

    pub async fn workspace(&self, id: i64) -> anyhow::Result<Option<WorkspaceRecord>> {
        let row: Option<WorkspaceRow> = sqlx::query_as("SELECT id, name, app_id FROM workspaces WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await
            .context("load workspace")?;
        match row {
            Some(row) => Ok(Some(self.with_origins(row).await?)),
            None => Ok(None),
        }
    }

    pub async fn list_workspaces(&self) -> anyhow::Result<Vec<WorkspaceRecord>> {
        let rows: Vec<WorkspaceRow> = sqlx::query_as("SELECT id, name, app_id FROM workspaces ORDER BY id")
            .fetch_all(self.pool())
            .await
            .context("list workspaces")?;
        let mut workspaces = Vec::with_capacity(rows.len());
        for row in rows {
            workspaces.push(self.with_origins(row).await?);
        }
        Ok(workspaces)
    }

    /// Replaces the allowed origins of a workspace in one transaction.
    pub async fn set_allowed_origins(&self, workspace_id: i64, origins: &[String]) -> anyhow::Result<()> {
        let mut tx = self.pool().begin().await.context("begin")?;
        sqlx::query("DELETE FROM workspace_origins WHERE workspace_id = $1")
            .bind(workspace_id)
            .execute(&mut *tx)
            .await
            .context("clear origins")?;
        for origin in origins {
            sqlx::query("INSERT INTO workspace_origins (workspace_id, origin) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .bind(workspace_id)
                .bind(origin)
                .execute(&mut *tx)
                .await
                .context("insert origin")?;
        }
        tx.commit().await.context("commit origins")?;
        Ok(())
    }

    async fn with_origins(&self, row: WorkspaceRow) -> anyhow::Result<WorkspaceRecord> {
        let allowed_origins: Vec<String> =
            sqlx::query_scalar("SELECT origin FROM workspace_origins WHERE workspace_id = $1 ORDER BY origin")
                .bind(row.id)
                .fetch_all(self.pool())
                .await
                .context("load workspace origins")?;
        Ok(WorkspaceRecord { id: row.id, name: row.name, app_id: row.app_id, allowed_origins })
    }
}
