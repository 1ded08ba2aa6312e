//! REST calls for email tickets, chat hand-offs, ratings and the workspace's support
//! settings and API keys. Writes send the CSRF header through the parent's helpers.

use protocol::tickets::{
    AgentRef, ApiKey, EscalateChat, NewApiKey, RatingRow, SupportSettings, TicketChanges, TicketDetail, TicketDetails,
    TicketSummary, TicketText,
};

use super::{ApiError, decode, get, json, request, send};

/// What an agent writes into a ticket's thread, by its endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Post {
    /// A public reply, emailed to the requester.
    Reply,
    /// An internal note, never emailed.
    Note,
    /// A public reply asking for more information; the ticket becomes pending.
    RequestInfo,
}

impl Post {
    fn path(self) -> &'static str {
        match self {
            Post::Reply => "replies",
            Post::Note => "notes",
            Post::RequestInfo => "request-info",
        }
    }
}

/// `GET /api/v1/tickets?…`: the queue, soonest due first. `query` is the encoded query
/// string without its `?`, empty for no filters.
pub async fn tickets(query: &str) -> Result<Vec<TicketSummary>, ApiError> {
    if query.is_empty() { get("/api/v1/tickets").await } else { get(&format!("/api/v1/tickets?{query}")).await }
}

/// `GET /api/v1/tickets/{number}`.
pub async fn ticket(number: i64) -> Result<TicketDetail, ApiError> {
    get(&format!("/api/v1/tickets/{number}")).await
}

/// `PATCH /api/v1/tickets/{number}`: changes status, priority, type, team or assignee.
pub async fn update_ticket(csrf_token: &str, number: i64, changes: &TicketChanges) -> Result<TicketDetail, ApiError> {
    send("PATCH", &format!("/api/v1/tickets/{number}"), changes, csrf_token).await
}

/// `POST /api/v1/tickets/{number}/replies`, `…/notes` or `…/request-info`.
pub async fn post_to_ticket(
    csrf_token: &str,
    number: i64,
    post: Post,
    text: &TicketText,
) -> Result<TicketDetail, ApiError> {
    send("POST", &format!("/api/v1/tickets/{number}/{}", post.path()), text, csrf_token).await
}

/// `PUT /api/v1/tickets/{number}/details`: replaces the engineering details.
pub async fn update_ticket_details(
    csrf_token: &str,
    number: i64,
    details: &TicketDetails,
) -> Result<TicketDetail, ApiError> {
    send("PUT", &format!("/api/v1/tickets/{number}/details"), details, csrf_token).await
}

/// `POST /api/v1/conversations/{id}/ticket`: hands a live chat off to a ticket.
pub async fn escalate_chat(
    csrf_token: &str,
    conversation_id: i64,
    input: &EscalateChat,
) -> Result<TicketDetail, ApiError> {
    send("POST", &format!("/api/v1/conversations/{conversation_id}/ticket"), input, csrf_token).await
}

/// `POST /api/v1/conversations/{id}/end`: ends a chat; the visitor is asked to rate it.
pub async fn end_chat(csrf_token: &str, conversation_id: i64) -> Result<(), ApiError> {
    request("POST", &format!("/api/v1/conversations/{conversation_id}/end"), None, Some(csrf_token)).await.map(drop)
}

/// `GET /api/v1/agents`, for the assignee picker.
pub async fn agents() -> Result<Vec<AgentRef>, ApiError> {
    get("/api/v1/agents").await
}

/// `GET /api/v1/ratings`: the newest ratings of tickets and chats.
pub async fn ratings() -> Result<Vec<RatingRow>, ApiError> {
    get("/api/v1/ratings").await
}

/// `GET /api/v1/workspace/support`: business hours and the pending-ticket process.
pub async fn support_settings() -> Result<SupportSettings, ApiError> {
    get("/api/v1/workspace/support").await
}

/// `PUT /api/v1/workspace/support` (admins only). `None` when the server answers
/// without a body; the settings sent are then what it stored.
pub async fn update_support_settings(
    csrf_token: &str,
    settings: &SupportSettings,
) -> Result<Option<SupportSettings>, ApiError> {
    let text = request("PUT", "/api/v1/workspace/support", Some(json(settings)?), Some(csrf_token)).await?;
    if text.trim().is_empty() { Ok(None) } else { decode(&text).map(Some) }
}

/// `GET /api/v1/workspace/api-keys` (admins only); keys come without their secret.
pub async fn api_keys() -> Result<Vec<ApiKey>, ApiError> {
    get("/api/v1/workspace/api-keys").await
}

/// `POST /api/v1/workspace/api-keys`: the answer is the only time `key` is present.
pub async fn create_api_key(csrf_token: &str, input: &NewApiKey) -> Result<ApiKey, ApiError> {
    send("POST", "/api/v1/workspace/api-keys", input, csrf_token).await
}

/// `DELETE /api/v1/workspace/api-keys/{id}`.
pub async fn delete_api_key(csrf_token: &str, id: i64) -> Result<(), ApiError> {
    request("DELETE", &format!("/api/v1/workspace/api-keys/{id}"), None, Some(csrf_token)).await.map(drop)
}
