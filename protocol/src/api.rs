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
    pub updated_at: Millis,
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
    /// Who the host application says the visitor is; unverified.
    #[serde(default)]
    pub identity: VisitorIdentity,
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
}

/// `PUT /api/v1/workspace/origins` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateOrigins {
    pub allowed_origins: Vec<String>,
}

/// Who the visitor is, as the host application says through `Helpline('identify', …)`.
/// Not verified: it describes the visitor to agents and fills in tickets, and grants
/// nothing.
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
}
