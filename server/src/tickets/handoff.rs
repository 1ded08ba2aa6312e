//! A live chat handed off to a ticket, and a chat ended by an agent. The visitor hears
//! of both in the chat itself, through a system message stored like any other.

use super::desk::{Desk, Request};
use protocol::tickets::{TicketPriority, TicketSource, TicketType};

use super::TicketError;
use super::words::Words;
use crate::chat::Hub;
use crate::chat::announce::post_system_message;
use crate::store::{Actor, ConversationRecord, TicketRecord};

/// What the agent says when escalating a chat.
#[derive(Debug, Clone)]
pub struct Escalation<'a> {
    pub subject: &'a str,
    pub ticket_type: TicketType,
    pub priority: TicketPriority,
    /// The visitor's address, if known; otherwise the messenger asks for it.
    pub email: Option<&'a str>,
    pub name: Option<&'a str>,
}

impl Desk {
    /// Turns a chat into a ticket that keeps its transcript and the visitor's context,
    /// acknowledges it when the address is known, and tells the visitor in the chat.
    pub async fn escalate_chat(
        &self,
        hub: &Hub,
        conversation: &ConversationRecord,
        agent_id: i64,
        escalation: Escalation<'_>,
    ) -> Result<TicketRecord, TicketError> {
        let visitor = self.store.visitor(conversation.visitor_id).await?;
        let identity = visitor.as_ref().map(|v| crate::wire::identity_from_db(&v.identity)).unwrap_or_default();
        // The language and zone the messenger reported make the ticket's mail theirs.
        let context = serde_json::json!({
            "page_url": visitor.as_ref().and_then(|v| v.page_url.clone()),
            "user_agent": visitor.as_ref().and_then(|v| v.user_agent.clone()),
            "attributes": identity.attributes,
            "locale": visitor.as_ref().and_then(|v| v.locale.clone()),
            "time_zone": visitor.as_ref().and_then(|v| v.time_zone.clone()),
        });
        let details = serde_json::json!({});
        // What the agent typed wins over what the host application said. A claimed
        // address is used, but mail to it says nothing of the chat until it is proven
        // (see `addresses.rs`).
        let email = escalation.email.or(identity.email.as_deref()).unwrap_or_default();
        let ticket = self
            .open(Request {
                workspace_id: conversation.workspace_id,
                subject: escalation.subject,
                description: None,
                message_id: None,
                requester_email: email,
                requester_name: escalation.name.or(identity.name.as_deref()),
                requester_user_id: identity.user_id.as_deref(),
                requester_company_id: identity.company_id.as_deref(),
                ticket_type: escalation.ticket_type,
                priority: escalation.priority,
                tags: &[],
                source: TicketSource::Chat,
                conversation_id: Some(conversation.id),
                visitor_id: Some(conversation.visitor_id),
                context: &context,
                details: &details,
                created_by: Actor::Agent(agent_id),
                acknowledge: true,
                notice: None,
                received: None,
                followers: &[],
                attachments: None,
            })
            .await?;
        let words = self.words_for(&ticket).await?;
        let when = ticket.next_response_due_at.map(|due| words.when(due));
        let verified = email.is_empty() || self.store.address_verified(ticket.workspace_id, email).await?;
        let body = handoff_message(&words, ticket.number, email, when.as_deref(), verified);
        let client_id = protocol::api::handoff_client_id(ticket.id);
        post_system_message(&self.store, hub, conversation.id, &client_id, &body, self.clock.now()).await?;
        Ok(ticket)
    }

    /// Ends a chat: marks it ended, then says so in the chat, which is what makes the
    /// messenger ask for a rating. A visitor who writes again continues the chat.
    pub async fn end_chat(&self, hub: &Hub, conversation: &ConversationRecord) -> Result<bool, TicketError> {
        let now = self.clock.now();
        let words = self.words_for_visitor(conversation.workspace_id, conversation.visitor_id).await?;
        let ended = self.store.end_conversation(conversation.id, now).await?;
        let client_id = protocol::api::chat_ended_client_id(conversation.id, now);
        let body = words.text("chat-ended");
        post_system_message(&self.store, hub, conversation.id, &client_id, &body, now).await?;
        Ok(ended)
    }

    /// How the server speaks to a chat's visitor: in the language and zone their
    /// messenger reported, else the workspace's (see `words.rs`).
    pub async fn words_for_visitor(&self, workspace_id: i64, visitor_id: i64) -> Result<Words, TicketError> {
        let visitor = self.store.visitor(visitor_id).await?;
        let (hours, _) = self.support(workspace_id).await?;
        Ok(Words::for_visitor(visitor.as_ref(), self.default_locale(workspace_id).await?, &hours))
    }
}

/// What the visitor reads in the chat when it becomes a ticket: the number, where and by
/// when the answer comes, or the question for an address. An address nobody has proven
/// yet (a claimed identity's) is to be confirmed from the mail sent there.
fn handoff_message(words: &Words, number: i64, email: &str, when: Option<&str>, verified: bool) -> String {
    let number = number.to_string();
    let mut sentences = vec![words.text_with("handoff-ticket", &[("number", number.as_str().into())])];
    sentences.push(match (email.is_empty(), when) {
        (true, Some(when)) => words.text_with("handoff-ask-email-by", &[("when", when.into())]),
        (true, None) => words.text("handoff-ask-email"),
        (false, Some(when)) => words.text_with("handoff-answer-by", &[("email", email.into()), ("when", when.into())]),
        (false, None) => words.text_with("handoff-answer", &[("email", email.into())]),
    });
    if !verified {
        sentences.push(words.text("handoff-confirm"));
    }
    sentences.join(" ")
}
