//! Grants that ran out: each expiry is recorded once in the audit log, by whichever pass
//! (or node) gets to it first. Driven by the server's clock, so tests move time.

use std::time::Duration;

use protocol::access::ActorKind;

use super::{Services, level_words};
use crate::shutdown::Shutdown;
use crate::state::AppState;
use crate::store::NewAudit;
use crate::webhooks::payload;

/// Expired grants handled per pass.
const BATCH: i64 = 100;

/// Records every expiry due at the clock's now. Returns how many were recorded.
pub async fn record_expiries(services: Services<'_>) -> anyhow::Result<usize> {
    let Services { store, clock, hooks, .. } = services;
    let now = clock.now();
    let mut recorded = 0;
    loop {
        let due = store.grants_expired_unrecorded(now, BATCH).await?;
        for grant in &due {
            let summary = format!("Support access ({}) expired", level_words(grant.level()));
            let audit = NewAudit {
                workspace_id: grant.workspace_id,
                actor_kind: ActorKind::System,
                actor: "Helpline",
                action: "access.expired",
                user_id: Some(&grant.user_id),
                grant_id: Some(grant.id),
                summary: &summary,
                before: None,
                after: None,
            };
            let body = payload("access.expired", now, &grant.to_wire(now));
            if store.record_expiry(grant, audit, &body, now).await? {
                services.announce(grant.workspace_id, &grant.user_id).await;
                recorded += 1;
            }
        }
        if due.len() < usize::try_from(BATCH).unwrap_or(usize::MAX) {
            if recorded > 0 {
                hooks.poke();
            }
            return Ok(recorded);
        }
    }
}

/// Records expiries every `every` until shutdown.
pub async fn run_until_stopped(state: AppState, every: Duration, mut shutdown: Shutdown) {
    loop {
        if let Err(error) = record_expiries(Services::of(&state)).await {
            tracing::error!(error = format!("{error:#}"), "recording expired grants failed");
        }
        tokio::select! {
            () = shutdown.recv() => break,
            () = tokio::time::sleep(every) => {}
        }
    }
}
