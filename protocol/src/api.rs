//! REST request and response bodies, and the shared models they carry.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorKind {
    Visitor,
    Agent,
    System,
}

/// A stored chat message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: i64,
    pub conversation_id: i64,
    /// Position in the conversation: 1, 2, 3, … with no gaps.
    pub seq: i64,
    pub author: AuthorKind,
    /// Display name of the author: the agent's name, or "You"-less "Visitor" for visitors.
    pub author_name: String,
    pub body: String,
    /// The sender's idempotency key.
    pub client_id: String,
    pub created_at: Millis,
    /// Files sent with the message, in the order given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<crate::files::FileRef>,
    /// For agents only: a note between agents, or (with `change`) an entry of the chat's
    /// history. Visitors never receive internal messages, so the sequence numbers they
    /// see may skip the numbers these take.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub internal: bool,
    /// What changed, for a history entry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<crate::inbox::ConversationChange>,
}

/// The client id of the system message that says an agent ended a chat at `at`.
pub fn chat_ended_client_id(conversation_id: i64, at: Millis) -> String {
    format!("chat-{conversation_id}-ended-{at}")
}

/// The client id of the system message that says a chat became a ticket.
pub fn handoff_client_id(ticket_id: i64) -> String {
    format!("ticket-{ticket_id}-handoff")
}

/// Whether a message closes its chat for now: a system message saying an agent ended the
/// chat or handed it off to a ticket. The chat stays the visitor's (writing again
/// continues it), but while this is the newest message nobody is expected to answer in
/// it.
pub fn closes_chat(message: &Message) -> bool {
    let id = message.client_id.as_str();
    message.author == AuthorKind::System
        && ((id.starts_with("chat-") && id.contains("-ended-"))
            || (id.starts_with("ticket-") && id.ends_with("-handoff")))
}

/// `POST /api/v1/widget/visitors` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateVisitor {
    pub app_id: String,
}

/// `POST /api/v1/widget/visitors` and `GET /api/v1/widget/session` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetSession {
    pub visitor_id: i64,
    /// Present only when the visitor is created: the secret the messenger keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    pub workspace_name: String,
    pub max_body_chars: usize,
    /// How long after its newest message an open chat keeps the loader preloading the
    /// messenger on later pages (for the unread badge), in milliseconds.
    pub preload_idle_ms: Millis,
}

/// `POST /api/v1/auth/login` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Login {
    pub email: String,
    pub password: String,
}

/// An agent's role in its workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Agent,
}

/// The signed-in agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agent {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
}

/// `POST /api/v1/auth/login` and `GET /api/v1/auth/me` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentSession {
    pub agent: Agent,
    /// Send back in the `x-csrf-token` header on every state-changing request.
    pub csrf_token: String,
}

/// A row of the console inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub id: i64,
    pub visitor_id: i64,
    pub visitor_name: String,
    pub last_seq: i64,
    /// The newest message's first characters.
    pub preview: String,
    pub last_author: Option<AuthorKind>,
    pub created_at: Millis,
    /// When the newest message a visitor can see was written.
    pub updated_at: Millis,
    pub status: crate::inbox::ConversationStatus,
    /// When a snoozed chat reopens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<Millis>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee_id: Option<i64>,
    pub team: crate::tickets::Team,
    /// The visitor's email, as the host application gave it or the proof covered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor_email: Option<String>,
    /// Since when the visitor's newest message waits for an agent's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting_since: Option<Millis>,
    /// How far agents have read.
    #[serde(default)]
    pub agent_read_seq: i64,
}

/// What the console shows about a visitor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorContext {
    pub id: i64,
    pub name: String,
    pub page_url: Option<String>,
    pub user_agent: Option<String>,
    pub first_seen: Millis,
    pub last_seen: Millis,
    /// Who the host application says the visitor is: claims, unless `verified` covers
    /// them.
    #[serde(default)]
    pub identity: VisitorIdentity,
    /// What the server proved with the workspace's identity secret; `None` when the
    /// identity (if any) is only claimed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<VerifiedIdentity>,
}

/// `GET /api/v1/conversations/{id}` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationDetail {
    pub summary: ConversationSummary,
    pub visitor: VisitorContext,
    pub messages: Vec<Message>,
}

/// `GET /api/v1/workspace` response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workspace {
    pub id: i64,
    pub name: String,
    pub app_id: String,
    pub allowed_origins: Vec<String>,
    /// The launcher's look for the snippet's `data-look` ([`crate::brand::launcher_look`]),
    /// so a host page draws the brand before any request even for a first-time visitor.
    #[serde(default)]
    pub launcher_look: String,
}

/// How the messenger looks and which language it falls back to:
/// `GET`/`PUT /api/v1/workspace/appearance` (admins change it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// The language (`en`, `de`, `es` or `ar`) the messenger speaks when neither the
    /// host nor the visitor's browser names one Helpline ships.
    pub default_locale: String,
    pub theme: Theme,
    /// `#rrggbb`; the foreground and link colours are derived from it
    /// ([`crate::brand::Palette`]).
    #[serde(default = "default_brand")]
    pub brand_color: String,
    #[serde(default)]
    pub launcher_position: crate::brand::LauncherPosition,
    /// The workspace's own words, at most one entry per language; a language without
    /// an entry, or an empty field, keeps Helpline's.
    #[serde(default)]
    pub texts: Vec<LocaleTexts>,
    /// Where the messenger loads the workspace's logo from, if it has one. Read only:
    /// `PUT /api/v1/workspace/logo` sets it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

fn default_brand() -> String {
    crate::brand::DEFAULT_BRAND.to_owned()
}

/// A workspace's own words in one language, each optional (empty keeps Helpline's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocaleTexts {
    /// `en`, `de`, `es` or `ar`.
    pub locale: String,
    /// The launcher button's text (at most 40 characters).
    #[serde(default)]
    pub launcher_label: String,
    /// What the messenger says before a conversation starts (at most 300).
    #[serde(default)]
    pub greeting: String,
    /// What it says while no agent is online (at most 300).
    #[serde(default)]
    pub away_message: String,
}

/// Light or dark colours for the messenger.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Follow the visitor's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "auto" => Some(Self::Auto),
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            _ => None,
        }
    }
}

/// `PUT /api/v1/workspace/origins` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateOrigins {
    pub allowed_origins: Vec<String>,
}

/// Who the visitor is, as the host application says through `Helpline('identify', …)`.
/// On its own it is a claim: it describes the visitor to agents and grants nothing.
/// With `user_hash` or `identity_token` the server can prove part of it (see
/// [`VerifiedIdentity`]); the server never stores or returns either.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitorIdentity {
    pub email: Option<String>,
    pub name: Option<String>,
    /// The host application's id for this user.
    pub user_id: Option<String>,
    /// The host application's id for the user's company or account.
    pub company_id: Option<String>,
    /// Anything else the host wants agents to see (plan, app version, …), in order.
    pub attributes: Vec<(String, String)>,
    /// Hex HMAC-SHA256 of `user_id` (or of `email` when there is no `user_id`), keyed
    /// with the workspace's identity secret. Sent by clients only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_hash: Option<String>,
    /// A JWT (HS256, signed with the workspace's identity secret) carrying `user_id`,
    /// `email`, `name` and a required `exp`. Sent by clients only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_token: Option<String>,
}

/// The part of a visitor's identity the server proved with the workspace's identity
/// secret. Fields the proof does not cover are `None` here and stay claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedIdentity {
    /// The host application's user id, when the proof covers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The user's email, when the proof covers it (an `identity_token` carrying it, or a
    /// `user_hash` of the email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The user's name, when an `identity_token` carried it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub method: VerificationMethod,
    pub verified_at: Millis,
}

/// How an identity was proved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerificationMethod {
    /// `user_hash`: an HMAC of the user id (or email).
    UserHash,
    /// `identity_token`: a signed, expiring JWT.
    IdentityToken,
}

impl VerificationMethod {
    /// Every method, in declaration order.
    pub const ALL: &'static [VerificationMethod] = &[VerificationMethod::UserHash, VerificationMethod::IdentityToken];

    /// The method as the wire and the database spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserHash => "user_hash",
            Self::IdentityToken => "identity_token",
        }
    }
}

impl std::str::FromStr for VerificationMethod {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        Self::ALL
            .iter()
            .copied()
            .find(|method| method.as_str() == value)
            .ok_or_else(|| format!("unknown method {value}"))
    }
}

/// `GET /api/v1/workspace/identity` (admins): what host applications sign identities
/// with, and whether unverified ones are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentitySettings {
    /// The workspace's identity secret. Keep it on the host's server: anyone who has it
    /// can claim to be any user.
    pub secret: String,
    /// When on, an identity without a valid `user_hash` or `identity_token` is refused.
    pub require_verified: bool,
}

/// `PUT /api/v1/workspace/identity` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateIdentitySettings {
    pub require_verified: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn system(client_id: String) -> Message {
        Message {
            id: 1,
            conversation_id: 7,
            seq: 3,
            author: AuthorKind::System,
            author_name: String::new(),
            body: String::new(),
            client_id,
            created_at: 0,
            files: Vec::new(),
            internal: false,
            change: None,
        }
    }

    #[test]
    fn the_end_and_the_handoff_of_a_chat_close_it_and_nothing_else_does() {
        assert!(closes_chat(&system(chat_ended_client_id(7, 1_700_000_000_000))));
        assert!(closes_chat(&system(handoff_client_id(12))));
        assert!(!closes_chat(&system("ticket-12-email".into())));
        let from_visitor = Message { author: AuthorKind::Visitor, ..system(chat_ended_client_id(7, 1)) };
        assert!(!closes_chat(&from_visitor), "a visitor cannot close a chat by choosing a client id");
    }
}
