//! Why a ticket could not be created or changed: the desk's one error type, which the
//! HTTP layer maps to statuses (`error.rs`) and inbound mail to outcomes.

use protocol::tickets::TicketStatus;

/// Why a ticket could not be created or changed.
#[derive(Debug, thiserror::Error)]
pub enum TicketError {
    #[error("no such ticket")]
    NotFound,
    #[error("no such workspace")]
    NoWorkspace,
    /// The status rules (`rules.rs`) forbid this move.
    #[error("a ticket cannot go from {from} to {to}")]
    Transition { from: TicketStatus, to: TicketStatus },
    /// A closed ticket takes no more replies; the caller opens a follow-up instead.
    #[error("the ticket is closed")]
    Closed,
    /// The assignee or acting agent belongs to another workspace, or does not exist.
    #[error("the agent is not in the ticket's workspace")]
    ForeignAgent,
    /// The ticket already has an event for this mail (same Message-ID): a redelivery.
    #[error("the ticket already has this message")]
    DuplicateMessage,
    /// The requester has not given an address yet, so nothing can be sent to them.
    #[error("the requester has not given an email address yet")]
    NoAddress,
    /// The ticket changed since the caller decided to act on it (a timer raced a reply).
    #[error("the ticket changed in the meantime")]
    Stale,
    #[error(transparent)]
    Database(#[from] anyhow::Error),
}
