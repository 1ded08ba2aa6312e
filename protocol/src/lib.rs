//! Helpline's wire types: everything that crosses between server, widget, console and
//! third-party clients. Serde only, so it builds for wasm32 and native alike.
//!
//! `docs/protocol.md` is the prose contract for these types; keep the two in step.

pub mod api;
#[macro_use]
pub mod closed_set;
#[macro_use]
pub mod tagged;

// `closed_set!` and `tagged_enum!` are defined above every module that uses them.
pub mod access;
pub mod brand;
pub mod error;
pub mod files;
pub mod frames;
pub mod help;
pub mod inbox;
pub mod limits;
pub mod replies;
pub mod reports;
pub mod template;
pub mod tickets;

pub use error::{ErrorBody, ErrorCode, FieldError};

/// Milliseconds since the Unix epoch, UTC. Every timestamp on the wire uses it.
pub type Millis = i64;

/// For `skip_serializing_if` on flags that are usually off.
#[allow(clippy::trivially_copy_pass_by_ref)]
pub fn is_false(value: &bool) -> bool {
    !*value
}
