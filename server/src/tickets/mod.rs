//! Email tickets: conversations that arrive by email and wait in the console's queue.
//!
//! The desk (`desk.rs`) is the one way tickets are written: every write is a
//! [`TicketTx`](crate::store::TicketTx), which only this module can begin (it alone
//! makes the [`DeskKey`]), so no handler, worker or command can write a ticket around it.
//!
//! - `rules.rs` — which status moves are allowed, what a reply or a customer's answer
//!   does to a ticket, how tags are kept.
//! - `writes.rs` — creating a ticket, changing a field, adding an entry; `process.rs` —
//!   reminders, ratings, details, the requester's address, automatic replies, due
//!   times; `delivery.rs` — deferred, failed and bounced mail, for the outbox worker;
//!   `followers.rs` — who a mail makes a follower, up to [`followers::MAX_FOLLOWERS`].
//! - `hours.rs` — [`BusinessHours`]: a workspace's time zone, weekly opening hours and
//!   holidays, and working-time arithmetic over them (when is a response due, how much
//!   working time lies between two moments).
//! - `words.rs` — the language and time zone of a requester's mail (theirs where the
//!   ticket knows them, else the workspace's), and dates written their way.
//! - `priority.rs` — the first- and next-response [`Target`]s each priority gets by
//!   default; `sla.rs` — when a ticket's responses are due; `sla_history.rs` — which
//!   targets a ticket met and breached over its life, replayed from its history for
//!   reports.
//!
//! The tickets themselves, their numbers, thread and history are stored by
//! `store::tickets` and `store::ticket_events`; the ticket enums are `protocol`'s.

pub mod addresses;
pub mod delivery;
pub mod desk;
mod error;
pub mod followers;
pub mod handoff;
pub mod hours;
pub mod inbound;
pub mod letters;
pub mod priority;
pub mod process;
pub mod rules;
pub mod sla;
pub mod sla_history;
pub mod timers;
pub mod words;
pub mod writes;

pub use desk::{Desk, Request};
pub use error::TicketError;
pub use hours::{BusinessHours, HoursError, HoursSettings};
pub use letters::Mailer;
pub use priority::{ResponseTargets, Target, default_targets};
pub use process::Recorded;
pub use writes::{AddOptions, Added, Change, Changed, NewEvent};

/// The key to ticket writes: [`Store::begin_ticket_tx`](crate::store::Store::begin_ticket_tx)
/// asks for one, and only this module can make one. Code outside `tickets/` cannot:
///
/// ```compile_fail
/// async fn bypass(store: &server::store::Store) {
///     let _tx = store.begin_ticket_tx(server::tickets::DeskKey(())).await;
/// }
/// ```
pub struct DeskKey(());

impl DeskKey {
    fn new() -> Self {
        Self(())
    }
}
