//! The shutdown signal every long-running task selects on.

use tokio::sync::watch;

/// Tells tasks that the server is stopping. Cheap to clone; `recv` returns at once
/// once shutdown has begun, however late a task asks.
#[derive(Debug, Clone)]
pub struct Shutdown {
    receiver: watch::Receiver<bool>,
}

/// Starts a shutdown. Clones share the same signal.
#[derive(Debug, Clone)]
pub struct ShutdownTrigger {
    sender: std::sync::Arc<watch::Sender<bool>>,
}

/// A new trigger and the signal it fires.
pub fn channel() -> (ShutdownTrigger, Shutdown) {
    let (sender, receiver) = watch::channel(false);
    (ShutdownTrigger { sender: std::sync::Arc::new(sender) }, Shutdown { receiver })
}

impl ShutdownTrigger {
    pub fn trigger(&self) {
        self.sender.send_replace(true);
    }

    pub fn signal(&self) -> Shutdown {
        Shutdown { receiver: self.sender.subscribe() }
    }
}

impl Shutdown {
    pub fn is_triggered(&self) -> bool {
        *self.receiver.borrow()
    }

    /// Waits until shutdown begins.
    pub async fn recv(&mut self) {
        // An error means the trigger is gone, which only happens as the process ends:
        // treat it as shutdown too.
        let _ = self.receiver.wait_for(|stopping| *stopping).await;
    }
}
