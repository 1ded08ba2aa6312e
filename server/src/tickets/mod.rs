//! Email tickets: conversations that arrive by email and wait in the console's queue.
//!
//! Only the groundwork exists so far: the business-hours calendar that response targets
//! are counted in, and the priorities with their default targets. Nothing here touches
//! the database or the network.
//!
//! - `hours.rs` — [`BusinessHours`]: a workspace's time zone, weekly opening hours and
//!   holidays, and working-time arithmetic over them (when is a response due, how much
//!   working time lies between two moments).
//! - `priority.rs` — [`Priority`] and the first- and next-response [`Target`]s each
//!   priority gets by default.
//!
//! The tickets themselves, their numbers, thread and history are stored by
//! `store::tickets` and `store::ticket_events`.

pub mod addresses;
pub mod desk;
pub mod handoff;
pub mod hours;
pub mod inbound;
pub mod letters;
pub mod priority;
pub mod sla;
pub mod timers;

pub use desk::{Desk, Request};
pub use hours::{BusinessHours, HoursError, HoursSettings};
pub use letters::Mailer;
pub use priority::{Priority, ResponseTargets, Target, UnknownPriority};
