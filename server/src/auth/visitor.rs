//! Visitors: token authentication and the per-workspace origin allow-list.

use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, HOST, ORIGIN};

use super::token::{hash_token, looks_like_token};
use crate::error::ApiError;
use crate::origin::{Origin, is_same_origin};
use crate::state::AppState;
use crate::store::{VisitorRecord, WorkspaceRecord};

/// An authenticated visitor and their workspace.
#[derive(Debug, Clone)]
pub struct CurrentVisitor {
    pub visitor: VisitorRecord,
    pub workspace: WorkspaceRecord,
}

impl CurrentVisitor {
    /// Looks the visitor up by token and checks the request's origin against their
    /// workspace. Unknown, malformed and expired tokens (the visitor unseen for
    /// `auth.visitor_token_days`) are the same `Unauthorized`.
    pub async fn authenticate(state: &AppState, token: &str, headers: &HeaderMap) -> Result<Self, ApiError> {
        if !looks_like_token(token) {
            return Err(ApiError::Unauthorized);
        }
        let visitor = state.store.visitor_by_token_hash(&hash_token(token)).await?.ok_or(ApiError::Unauthorized)?;
        // A token unused for long is over: whoever holds it now starts afresh.
        if visitor.last_seen < state.clock.now().saturating_sub(state.config.auth.visitor_token_ms()) {
            return Err(ApiError::Unauthorized);
        }
        let workspace = state.store.workspace(visitor.workspace_id).await?.ok_or(ApiError::Unauthorized)?;
        check_origin(headers, &workspace, state)?;
        Ok(Self { visitor, workspace })
    }
}

/// The token of an `Authorization: Bearer …` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
}

/// Widget requests come from the messenger (the server's own origin) or, for
/// integrations, from a host origin the workspace allows. A browser request from any
/// other origin is refused.
pub fn check_origin(headers: &HeaderMap, workspace: &WorkspaceRecord, state: &AppState) -> Result<(), ApiError> {
    let Some(value) = headers.get(ORIGIN) else {
        return Ok(());
    };
    let origin = value.to_str().ok().and_then(|value| Origin::parse(value).ok()).ok_or(ApiError::OriginNotAllowed)?;
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    if is_same_origin(&origin, host, state.public_origin.as_ref())
        || workspace.allowed_origins.iter().any(|allowed| allowed == origin.as_str())
    {
        Ok(())
    } else {
        Err(ApiError::OriginNotAllowed)
    }
}
