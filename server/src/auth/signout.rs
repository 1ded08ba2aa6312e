//! Sign-outs announced to this node's open agent sockets, so a socket whose session
//! was ended here closes at once instead of at its next look at the database (which
//! still catches sessions ended elsewhere: other nodes, the command line).

use std::sync::Arc;

use tokio::sync::broadcast;

/// Sign-outs that have not been read yet before a slow socket lags; a lagging socket
/// looks its session up in the database instead.
const CAPACITY: usize = 64;

/// The channel sign-outs are announced on. Cheap to clone.
#[derive(Debug, Clone)]
pub struct SignOuts {
    sender: broadcast::Sender<Arc<str>>,
}

impl Default for SignOuts {
    fn default() -> Self {
        Self { sender: broadcast::channel(CAPACITY).0 }
    }
}

impl SignOuts {
    /// Tells every open socket of the session with this id hash to close.
    pub fn announce(&self, session_hash: &str) {
        // No receivers (no agent socket open) is not an error.
        let _ = self.sender.send(Arc::from(session_hash));
    }

    /// The session id hashes signed out from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<str>> {
        self.sender.subscribe()
    }
}
