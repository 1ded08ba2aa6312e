//! The response targets each ticket priority (`protocol`'s [`TicketPriority`]) gets by
//! default.

use protocol::tickets::TicketPriority;

/// How long a reply may take, counted in a workspace's business hours. The moment a
/// target falls due is [`BusinessHours::due_at`](super::BusinessHours::due_at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// This many hours of working time: time when the workspace is open, skipping nights,
    /// closed days and holidays.
    WorkingHours(u32),
    /// By the same time of day this many working days later, skipping days without
    /// opening hours and holidays.
    WorkingDays(u32),
}

/// The targets a ticket's replies are held to: the first reply to the customer, and every
/// later reply after the customer writes again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseTargets {
    /// From the ticket's creation to the first reply by an agent.
    pub first_response: Target,
    /// From a customer's message to the agent's reply to it, once the ticket has had its
    /// first reply.
    pub next_response: Target,
}

/// The targets a workspace starts with, following a common support policy: critical
/// within 8 working hours, high 12, medium 24, low 2 working days.
///
/// The first and the next response share a target: a customer waiting on a follow-up
/// waits as much as one waiting on a first answer, and one number per priority is
/// easier for a team to remember. Workspaces will be able to change both.
///
/// Low is counted in working days while the others are counted in hours, so the two
/// are only comparable through the workspace's hours: with 8 working hours a day,
/// low's 2 working days (16 hours) come before medium's 24 working hours (3 days).
/// That follows the policy as written; a workspace that wants low strictly after
/// medium sets its own targets.
pub fn default_targets(priority: TicketPriority) -> ResponseTargets {
    let target = match priority {
        TicketPriority::Critical => Target::WorkingHours(8),
        TicketPriority::High => Target::WorkingHours(12),
        TicketPriority::Medium => Target::WorkingHours(24),
        TicketPriority::Low => Target::WorkingDays(2),
    };
    ResponseTargets { first_response: target, next_response: target }
}
