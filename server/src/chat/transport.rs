//! How hub events reach other server nodes.
//!
//! A single node needs nothing: `LocalOnly` drops outgoing events. Several nodes on one
//! PostgreSQL add a transport (LISTEN/NOTIFY, for example) that implements `publish`
//! and hands what it receives from other nodes to `Hub::deliver`, which fans out
//! locally. Neither the hub nor the sessions change.

use super::hub::HubEvent;

/// Carries hub events to the other nodes of a cluster.
pub trait Transport: Send + Sync + 'static {
    /// Sends an event that happened on this node to every other node. It must not
    /// block; the event is already stored, so a lost event only delays delivery until
    /// the receiving sessions resync from the database.
    fn publish(&self, event: &HubEvent);
}

/// The transport of a single node: there is nobody else to tell.
#[derive(Debug, Default)]
pub struct LocalOnly;

impl Transport for LocalOnly {
    fn publish(&self, _event: &HubEvent) {}
}
