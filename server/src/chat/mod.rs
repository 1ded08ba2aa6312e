//! Live chat: the hub that fans stored events out to connected sockets, the per-socket
//! session that speaks the frame protocol, the writer that stores messages with group
//! commit, the queue that says who holds each chat, and the transport seam for several
//! nodes.

pub mod announce;
pub mod hub;
pub mod queue;
pub mod session;
pub mod transport;
pub mod writer;

pub use hub::{Hub, InboxEvent, RoomEvent};
pub use queue::{ChatQueue, QueueSettings};
pub use session::{Principal, run_session};
pub use writer::MessageWriter;
