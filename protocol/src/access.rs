//! Support access: a verified end user lets support see (`view`) or act as (`act`) them
//! in the host application for a while; the grant, its token for the host's admin
//! tooling, the actions the host records under it, and the workspace's audit log.

use serde::{Deserialize, Serialize};

use crate::Millis;

closed_set! {
    /// How far support may go in the user's account.
    pub enum AccessLevel {
        /// See the account as the user sees it, change nothing.
        View = "view",
        /// Act on the user's behalf.
        Act = "act",
    }
}

/// The durations a grant may be given for, in hours: an hour, a day, a week.
pub const GRANT_HOURS: [u32; 3] = [1, 24, 168];

closed_set! {
    /// Where a grant stands.
    pub enum GrantState {
        Active = "active",
        Revoked = "revoked",
        Expired = "expired",
    }
}

/// A grant as the messenger, the console and host backends see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub id: i64,
    /// The host application's user id, as the identity proof established it.
    pub user_id: String,
    pub level: AccessLevel,
    pub state: GrantState,
    pub granted_at: Millis,
    pub expires_at: Millis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<Millis>,
}

/// What the launcher and the messenger's home show of a user's support access, carried
/// by the socket's `access` frame: the active grant, if any, and the agents' requests
/// waiting for an answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessBrief {
    /// The active grant's id, level and end; absent while there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<AccessLevel>,
    #[serde(default)]
    pub until: Millis,
    /// Agents' requests waiting for the user's answer.
    #[serde(default)]
    pub requests: u32,
}

/// `POST /api/v1/widget/access` body: the verified visitor grants access.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantInput {
    pub level: AccessLevel,
    /// One of [`GRANT_HOURS`].
    pub hours: u32,
}

/// `GET /api/v1/widget/access`: the user's grants that are active, and what support did
/// under any of their grants, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccess {
    /// Whether the visitor is verified as a user, which granting needs.
    pub verified: bool,
    pub grants: Vec<Grant>,
    /// Agents' requests waiting for the user's answer.
    #[serde(default)]
    pub requests: Vec<AccessRequest>,
    pub actions: Vec<AuditEntry>,
}

/// `POST /api/v1/backend/access/actions` body: the host records something support did
/// under a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionInput {
    pub grant_id: i64,
    /// What was done, in words the user understands ("Changed the billing address").
    pub action: String,
    /// Who in support did it, as the host knows them ("Ada").
    pub agent: String,
    /// The host's summary of the state before and after, if it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `POST /api/v1/backend/access/grants/{id}/token` answer: a JWS the host's admin
/// tooling verifies with the workspace's identity secret before letting support in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantToken {
    pub token: String,
    pub expires_at: Millis,
}

/// The claims of a grant token (HS256, keyed with the workspace's identity secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantClaims {
    /// Always `helpline`.
    pub iss: String,
    /// The workspace's app id: the token is for this host application only.
    pub aud: String,
    /// The host's user id.
    pub sub: String,
    /// The grant's id.
    pub grant: i64,
    pub level: AccessLevel,
    /// Who asked for the token, as the host named them (its admin tooling's agent).
    pub agent: String,
    /// Seconds since the epoch: the token ends with the grant, and within 15 minutes.
    pub iat: i64,
    pub exp: i64,
}

/// `POST /api/v1/backend/access/grants/{id}/token` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenInput {
    /// The support person the host's tooling lets in under the grant.
    pub agent: String,
}

closed_set! {
    /// Who did what an audit entry records.
    pub enum ActorKind {
        /// An agent in the console.
        Agent = "agent",
        /// The end user, in the messenger.
        User = "user",
        /// The host application's backend, with an API key.
        Host = "host",
        /// Helpline itself (an expiry).
        System = "system",
    }
}

/// One entry of the workspace's append-only audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: Millis,
    pub actor_kind: ActorKind,
    /// The agent's, user's or API key's name as recorded then.
    pub actor: String,
    /// What happened: `access.granted`, `access.revoked`, `access.expired`,
    /// `access.action`, `workspace.origins`, `workspace.api_key_created`, …
    pub action: String,
    /// The end user it concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_id: Option<i64>,
    /// One line a person reads.
    pub summary: String,
    /// What changed, before and after, where that applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

/// `GET /api/v1/audit` query: every field narrows the log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// An action, or a prefix of one ending in `.` (`access.`).
    pub action: Option<String>,
    pub user_id: Option<String>,
    /// From this time, inclusive, and before `to`.
    pub from: Option<Millis>,
    pub to: Option<Millis>,
    /// The page after this entry id (entries come newest first).
    pub before: Option<i64>,
}

/// `GET /api/v1/workspace/webhook`: where support access events are POSTed, and the
/// secret their `Helpline-Signature` is made with (admins only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookSettings {
    pub url: Option<String>,
    pub secret: String,
}

/// `PUT /api/v1/workspace/webhook` body: an `http` or `https` URL, or `null` for none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateWebhook {
    pub url: Option<String>,
}

/// An agent's request for access, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessRequest {
    pub id: i64,
    pub level: AccessLevel,
    /// How long the grant would last: one of [`GRANT_HOURS`].
    pub hours: u32,
    /// The agent who asks, by name.
    pub agent: String,
    pub requested_at: Millis,
    /// The chat it was asked from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
}

/// `POST /api/v1/conversations/{id}/access-request` body: what an agent asks for.
pub type RequestInput = GrantInput;

/// `POST /api/v1/widget/access/requests/{id}` body: the user's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestAnswer {
    pub approve: bool,
}
