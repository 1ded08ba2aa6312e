//! Requester addresses: which are proven to belong to their requester (per workspace),
//! and how much mail went to the unproven ones today (per address, across workspaces
//! and nodes).

use anyhow::Context;
use sqlx::AnyConnection;

use super::{Store, db_enum};

db_enum! {
    /// How an address was proven.
    VerifiedBy {
        /// Its owner replied to Helpline mail sent to it.
        Reply => "reply",
        /// Its owner followed the confirmation link mailed to it.
        Link => "link",
        /// A verified identity carried it.
        Identity => "identity",
        /// The host application's backend, with an API key, named it as its user's.
        HostApi => "host_api",
    }
}

/// Milliseconds in a day, for the daily mail count.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Addresses are compared in lower case: mail systems treat them so in practice.
pub fn normalize_address(address: &str) -> String {
    address.trim().to_lowercase()
}

impl Store {
    /// Whether `address` is proven to be its requester's in the workspace.
    pub async fn address_verified(&self, workspace_id: i64, address: &str) -> anyhow::Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT workspace_id FROM verified_addresses WHERE workspace_id = $1 AND address = $2")
                .bind(workspace_id)
                .bind(normalize_address(address))
                .fetch_optional(self.pool())
                .await
                .context("look up verified address")?;
        Ok(found.is_some())
    }

    /// Records that `address` is proven in the workspace. True when it was not before.
    pub async fn verify_address(
        &self,
        workspace_id: i64,
        address: &str,
        by: VerifiedBy,
        now: i64,
    ) -> anyhow::Result<bool> {
        let mut conn = self.pool().acquire().await.context("acquire connection")?;
        insert_verified(&mut conn, workspace_id, address, by, now).await
    }

    /// Counts one more mail to an unproven address today, unless it had `limit` already.
    /// True when the mail may go. The count is one atomic statement, so concurrent
    /// requests on any node never exceed the limit; old days are dropped on the way.
    pub async fn take_unverified_mail(&self, address: &str, now: i64, limit: u32) -> anyhow::Result<bool> {
        let mut conn = self.pool().acquire().await.context("connect to count mail")?;
        take_unverified_mail(&mut conn, address, now, limit).await
    }
}

/// Inserts a proven address in the caller's connection or transaction; true when new.
pub(super) async fn insert_verified(
    conn: &mut AnyConnection,
    workspace_id: i64,
    address: &str,
    by: VerifiedBy,
    now: i64,
) -> anyhow::Result<bool> {
    let result = sqlx::query(
        "INSERT INTO verified_addresses (workspace_id, address, verified_by, verified_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (workspace_id, address) DO NOTHING",
    )
    .bind(workspace_id)
    .bind(normalize_address(address))
    .bind(by.as_str())
    .bind(now)
    .execute(conn)
    .await
    .context("record verified address")?;
    Ok(result.rows_affected() == 1)
}

/// [`Store::take_unverified_mail`] on the caller's connection, so a ticket's creating
/// transaction can count its acknowledgement: if the transaction rolls back (a
/// duplicate delivery of the same mail), so does the count.
pub(super) async fn take_unverified_mail(
    conn: &mut AnyConnection,
    address: &str,
    now: i64,
    limit: u32,
) -> anyhow::Result<bool> {
    let day = now.div_euclid(DAY_MS);
    sqlx::query("DELETE FROM unverified_mail WHERE day < $1")
        .bind(day - 1)
        .execute(&mut *conn)
        .await
        .context("forget old mail counts")?;
    let counted: Option<i64> = sqlx::query_scalar(
        "INSERT INTO unverified_mail (address, day, sent) VALUES ($1, $2, 1)
         ON CONFLICT (address, day) DO UPDATE SET sent = unverified_mail.sent + 1
         WHERE unverified_mail.sent < $3
         RETURNING sent",
    )
    .bind(normalize_address(address))
    .bind(day)
    .bind(i64::from(limit))
    .fetch_optional(&mut *conn)
    .await
    .context("count mail to an unverified address")?;
    Ok(limit > 0 && counted.is_some_and(|sent| sent <= i64::from(limit)))
}
