//! Who owns a live chat and where it stands: its status, assignee and team, the
//! agents' availability, and the history entries every change leaves in the chat; and
//! the team itself: invitations, roles, capacity and deactivation.

use serde::{Deserialize, Serialize};

use crate::Millis;
use crate::tickets::Team;

closed_set! {
    /// Where a chat stands for the agents. A visitor's new message reopens a snoozed or
    /// resolved chat; a snoozed chat also reopens by itself when its time comes.
    pub enum ConversationStatus {
        Open = "open",
        Snoozed = "snoozed",
        Resolved = "resolved",
    }
}

closed_set! {
    /// An agent's availability. Only `online` agents are given new chats; `do_not_disturb`
    /// also silences the console's notifications and sounds.
    pub enum AgentStatus {
        Online = "online",
        Away = "away",
        DoNotDisturb = "do_not_disturb",
    }
}

closed_set! {
    /// Which conversations the inbox lists.
    pub enum InboxView {
        /// Assigned to the signed-in agent.
        Mine = "mine",
        /// Assigned to nobody.
        Unassigned = "unassigned",
        /// Every conversation.
        All = "all",
        /// Held by the team named by `team`.
        Team = "team",
    }
}

closed_set! {
    /// Why a chat's assignee changed.
    pub enum AssignReason {
        /// An agent chose it.
        Manual = "manual",
        /// Routing gave a waiting chat to an available agent.
        Routed = "routed",
        /// The assignee stayed offline past the grace period.
        AssigneeOffline = "assignee_offline",
        /// The assignee was deactivated.
        AssigneeDeactivated = "assignee_deactivated",
    }
}

tagged_enum! {
    /// A change to a chat, recorded in its history as an internal entry that agents see
    /// and visitors never do.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum ConversationChange (tag = "kind") {
        /// The assignee or the team changed. `by` is the agent who did it; none when the
        /// server did (routing, an assignee gone offline).
        Assigned {
            #[serde(default, skip_serializing_if = "Option::is_none")]
            assignee_id: Option<i64>,
            team: Team,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            by: Option<i64>,
            reason: AssignReason,
        },
        /// The status changed. `snoozed_until` is set for `snoozed`; `by` is none when the
        /// server did it (a snooze ran out, the visitor wrote again).
        Status {
            status: ConversationStatus,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            snoozed_until: Option<Millis>,
            #[serde(default, skip_serializing_if = "Option::is_none")]
            by: Option<i64>,
        },
        /// The visitor was away, so agents' replies they had not read were mailed to `to`:
        /// `replies` of them, in one mail. Their answer to it comes back into the chat.
        Emailed { to: String, replies: u32 },
    }
}

/// `PUT /api/v1/conversations/{id}/assignment` body: who holds the chat. Naming an
/// agent assigns it to them; `null` leaves it unassigned in `team`'s queue, where
/// routing offers it to the team's available agents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAssignment {
    #[serde(default)]
    pub assignee_id: Option<i64>,
    pub team: Team,
}

/// `PUT /api/v1/conversations/{id}/status` body. `snoozed_until` is required for
/// `snoozed` (in the future, within a year) and refused otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetStatus {
    pub status: ConversationStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snoozed_until: Option<Millis>,
}

/// `PUT /api/v1/agents/me/status` body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAgentStatus {
    pub status: AgentStatus,
}

/// `PATCH /api/v1/agents/{id}` body (admins): what routing needs to know of an agent.
/// Fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateAgent {
    /// Open chats routing gives the agent at most; 0 takes them out of routing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    /// The teams whose chats the agent is routed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teams: Option<Vec<Team>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::api::Role>,
    /// `true` deactivates: the agent's sessions and sockets end and their open chats go
    /// back to the queue. `false` lets them sign in again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deactivated: Option<bool>,
}

/// `POST /api/v1/agents/invites` body (admins).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInviteRequest {
    pub email: String,
    pub name: String,
    pub role: crate::api::Role,
}

/// An invitation waiting to be accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invite {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: crate::api::Role,
    pub created_at: Millis,
    pub expires_at: Millis,
}

/// A row of `GET /api/v1/agents`: who can hold a chat, and whether they can take one now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentAvailability {
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default = "default_role")]
    pub role: crate::api::Role,
    pub status: AgentStatus,
    /// Connected to this server right now.
    pub online: bool,
    pub capacity: u32,
    /// Open chats assigned to the agent.
    pub open_chats: u32,
    pub teams: Vec<Team>,
    /// Deactivated agents are listed for the names in old history; they hold nothing.
    #[serde(default, skip_serializing_if = "crate::is_false")]
    pub deactivated: bool,
}

fn default_role() -> crate::api::Role {
    crate::api::Role::Agent
}

/// Most open chats routing may give one agent.
pub const MAX_CAPACITY: u32 = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_tagged_by_kind() {
        let change =
            ConversationChange::Status { status: ConversationStatus::Resolved, snoozed_until: None, by: Some(3) };
        let json = serde_json::to_string(&change).expect("json");
        assert_eq!(json, r#"{"kind":"status","status":"resolved","by":3}"#);
        assert_eq!(serde_json::from_str::<ConversationChange>(&json).expect("back"), change);
    }
}
