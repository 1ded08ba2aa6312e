//! Support access: a verified end user lets support see, or act as, them in the host
//! application for an hour, a day or a week.
//!
//! Helpline cannot log into a host application; it owns what is around the host's own
//! admin tooling. Grants belong to the host's user id the identity proof established, so
//! they show on every device of that user, and only a verified visitor can make one.
//! Every grant, revocation, expiry and action the host records under a grant is one entry
//! of the workspace's append-only audit log, written in the same transaction. The host's
//! tooling lets support in only with a grant token (`token.rs`), which ends with the
//! grant. `expiry.rs` records grants that ran out.

pub mod expiry;
pub mod token;

use protocol::access::{AccessBrief, AccessLevel, ActorKind, GRANT_HOURS};

use crate::chat::hub::{AccessChange, Hub};
use crate::clock::Clock;
use crate::state::AppState;
use crate::store::{GrantRecord, NewAudit, NewGrant, Store, VisitorRecord};
use crate::webhooks::{WebhookHandle, payload};

/// What a change of support access touches: the store it is written to, the clock, the
/// webhook worker to wake, and the hub that tells the agents' and the user's sockets,
/// after the commit.
#[derive(Clone, Copy)]
pub struct Services<'a> {
    pub store: &'a Store,
    pub clock: &'a Clock,
    pub hooks: &'a WebhookHandle,
    pub hub: &'a Hub,
}

impl<'a> Services<'a> {
    pub fn of(state: &'a AppState) -> Self {
        Self { store: &state.store, clock: &state.clock, hooks: &state.webhooks, hub: &state.hub }
    }

    /// Tells the agents and the user's sockets how the user's access stands now. Call
    /// after the change is committed. A failed read is logged: the change stands, and the
    /// sockets learn of it on the next change or when they reconnect.
    pub async fn announce(self, workspace_id: i64, user_id: &str) {
        match brief(self.store, workspace_id, user_id, self.clock.now()).await {
            Ok(access) => self.hub.access_changed(workspace_id, AccessChange { user_id: user_id.to_owned(), access }),
            Err(error) => tracing::error!(error = format!("{error:#}"), "reading support access after a change failed"),
        }
    }
}

/// A user's support access in brief: the active grant and the requests waiting.
pub async fn brief(store: &Store, workspace_id: i64, user_id: &str, now: i64) -> anyhow::Result<AccessBrief> {
    let grants = store.active_grants(workspace_id, user_id, now).await?;
    let requests = store.open_requests(workspace_id, user_id, now.saturating_sub(REQUEST_TTL_MS)).await?;
    let grant = grants.first();
    Ok(AccessBrief {
        grant_id: grant.map(|grant| grant.id),
        level: grant.map(GrantRecord::level),
        until: grant.map_or(0, |grant| grant.expires_at),
        requests: u32::try_from(requests.len()).unwrap_or(u32::MAX),
    })
}

/// Why a grant could not be made or changed. Nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    /// Only a visitor whose identity the host proved owns an account to open.
    #[error(
        "support access needs a verified account: sign in to the app you are using, then try again \
         (the app must verify who you are with Helpline)"
    )]
    NotVerified,
    #[error("choose how long support may have access: 1 hour, 24 hours or 7 days")]
    BadDuration,
    /// The user has an active grant already.
    #[error("support already has access until {0}; revoke it first to grant it differently")]
    AlreadyGranted(String),
    #[error("no such grant")]
    NotFound,
    #[error("no such request, or it was answered already")]
    RequestNotFound,
    /// The chat's visitor is not verified, so nobody can grant access from it.
    #[error("the visitor is not verified by the host application, so they cannot grant access to an account")]
    VisitorNotVerified,
    #[error("the user has a request waiting already; wait for their answer")]
    AlreadyRequested,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// How a grant's level reads in the log and in mail.
pub fn level_words(level: AccessLevel) -> &'static str {
    match level {
        AccessLevel::View => "view only",
        AccessLevel::Act => "act on my behalf",
    }
}

/// Most actions a host records under one grant.
pub const MAX_ACTIONS_PER_GRANT: i64 = 1_000;

/// How long an agent's request waits for an answer.
pub const REQUEST_TTL_MS: i64 = 24 * 60 * 60 * 1000;

/// Grants support access for the verified user behind `visitor`.
pub async fn grant(
    services: Services<'_>,
    visitor: &VisitorRecord,
    level: AccessLevel,
    hours: u32,
) -> Result<GrantRecord, AccessError> {
    make_grant(services, visitor, level, hours, None).await
}

/// The user answers an agent's request: approving grants what it asked for.
pub async fn answer_request(
    services: Services<'_>,
    visitor: &VisitorRecord,
    request_id: i64,
    approve: bool,
) -> Result<Option<GrantRecord>, AccessError> {
    let Services { store, clock, .. } = services;
    let user_id = visitor.verified_user_id.as_deref().ok_or(AccessError::NotVerified)?;
    let since = clock.now().saturating_sub(REQUEST_TTL_MS);
    let open = store.open_requests(visitor.workspace_id, user_id, since).await?;
    let request = open.into_iter().find(|request| request.id == request_id).ok_or(AccessError::RequestNotFound)?;
    if approve {
        let hours = u32::try_from(request.hours).map_err(|_| AccessError::BadDuration)?;
        return make_grant(services, visitor, request.level(), hours, Some(request.id)).await.map(Some);
    }
    let summary =
        format!("Declined {}'s request for support access ({})", request.agent_name, level_words(request.level()));
    let audit = NewAudit {
        workspace_id: visitor.workspace_id,
        actor_kind: ActorKind::User,
        actor: &user_name(visitor),
        action: "access.declined",
        user_id: Some(user_id),
        grant_id: None,
        summary: &summary,
        before: None,
        after: None,
    };
    if store.decline_request(request.id, audit, clock.now()).await? {
        services.announce(visitor.workspace_id, user_id).await;
        Ok(None)
    } else {
        Err(AccessError::RequestNotFound)
    }
}

/// An agent asks the verified user behind `visitor`, from their chat (or a ticket of
/// theirs, with no chat), for access.
pub async fn request(
    services: Services<'_>,
    visitor: &VisitorRecord,
    agent: &crate::store::AgentRecord,
    conversation_id: Option<i64>,
    level: AccessLevel,
    hours: u32,
) -> Result<crate::store::RequestRecord, AccessError> {
    let Services { store, clock, .. } = services;
    let user_id = visitor.verified_user_id.as_deref().ok_or(AccessError::VisitorNotVerified)?;
    if !GRANT_HOURS.contains(&hours) {
        return Err(AccessError::BadDuration);
    }
    let now = clock.now();
    if !store.open_requests(visitor.workspace_id, user_id, now.saturating_sub(REQUEST_TTL_MS)).await?.is_empty() {
        return Err(AccessError::AlreadyRequested);
    }
    let summary = format!("Asked for support access ({}) for {}", level_words(level), duration_words(hours));
    let audit = NewAudit {
        workspace_id: visitor.workspace_id,
        actor_kind: ActorKind::Agent,
        actor: &agent.name,
        action: "access.requested",
        user_id: Some(user_id),
        grant_id: None,
        summary: &summary,
        before: None,
        after: None,
    };
    let request = crate::store::NewRequest {
        workspace_id: visitor.workspace_id,
        user_id,
        level,
        hours,
        agent_id: agent.id,
        agent_name: &agent.name,
        conversation_id,
    };
    let request = store.create_request(request, audit, now).await?;
    services.announce(visitor.workspace_id, user_id).await;
    Ok(request)
}

/// What the chat says when an agent asks for access.
pub fn request_words(request: &crate::store::RequestRecord) -> String {
    let hours = u32::try_from(request.hours).unwrap_or(1);
    format!(
        "{} asks for support access to your account ({}) for {}. You can allow or decline it under Support access.",
        request.agent_name,
        level_words(request.level()),
        duration_words(hours)
    )
}

async fn make_grant(
    services: Services<'_>,
    visitor: &VisitorRecord,
    level: AccessLevel,
    hours: u32,
    answers: Option<i64>,
) -> Result<GrantRecord, AccessError> {
    let Services { store, clock, hooks, .. } = services;
    let user_id = visitor.verified_user_id.as_deref().ok_or(AccessError::NotVerified)?;
    if !GRANT_HOURS.contains(&hours) {
        return Err(AccessError::BadDuration);
    }
    let now = clock.now();
    if let Some(active) = store.active_grants(visitor.workspace_id, user_id, now).await?.first() {
        return Err(AccessError::AlreadyGranted(format!("{} (UTC)", iso_minutes(active.expires_at))));
    }
    let expires_at = now.saturating_add(i64::from(hours) * 60 * 60 * 1000);
    let summary = format!("Granted support access ({}) for {}", level_words(level), duration_words(hours));
    let audit = NewAudit {
        workspace_id: visitor.workspace_id,
        actor_kind: ActorKind::User,
        actor: &user_name(visitor),
        action: "access.granted",
        user_id: Some(user_id),
        grant_id: None,
        summary: &summary,
        before: None,
        after: None,
    };
    let grant =
        NewGrant { workspace_id: visitor.workspace_id, user_id, level, granted_by: visitor.id, expires_at, answers };
    let grant =
        store.create_grant(grant, audit, |record| payload("access.granted", now, &record.to_wire(now)), now).await?;
    hooks.poke();
    services.announce(visitor.workspace_id, user_id).await;
    Ok(grant)
}

/// Revokes one of the verified user's active grants.
pub async fn revoke(
    services: Services<'_>,
    visitor: &VisitorRecord,
    grant_id: i64,
) -> Result<GrantRecord, AccessError> {
    let Services { store, clock, hooks, .. } = services;
    let user_id = visitor.verified_user_id.as_deref().ok_or(AccessError::NotVerified)?;
    let grant = store.grant(visitor.workspace_id, grant_id).await?.filter(|grant| grant.user_id == user_id);
    let Some(grant) = grant else { return Err(AccessError::NotFound) };
    let summary = format!("Revoked support access ({})", level_words(grant.level()));
    let audit = NewAudit {
        workspace_id: visitor.workspace_id,
        actor_kind: ActorKind::User,
        actor: &user_name(visitor),
        action: "access.revoked",
        user_id: Some(user_id),
        grant_id: Some(grant.id),
        summary: &summary,
        before: None,
        after: None,
    };
    let now = clock.now();
    let revoked =
        store.revoke_grant(grant.id, audit, |record| payload("access.revoked", now, &record.to_wire(now)), now).await?;
    match revoked {
        Some(revoked) => {
            hooks.poke();
            services.announce(visitor.workspace_id, user_id).await;
            Ok(revoked)
        }
        // Already revoked or expired: revoking again changes nothing.
        None => Ok(grant),
    }
}

/// The name the log gives the user: the one the proof carried, else the user id.
fn user_name(visitor: &VisitorRecord) -> String {
    visitor
        .verified_name
        .clone()
        .or_else(|| visitor.verified_user_id.clone())
        .unwrap_or_else(|| crate::wire::visitor_name(visitor.id))
}

fn duration_words(hours: u32) -> String {
    match hours {
        1 => "1 hour".to_owned(),
        168 => "7 days".to_owned(),
        hours => format!("{hours} hours"),
    }
}

/// `2026-12-05 14:02`, UTC.
pub fn iso_minutes(at: i64) -> String {
    jiff::Timestamp::from_millisecond(at)
        .map(|at| at.strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}
