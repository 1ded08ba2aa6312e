//! A bound on the files held whole in memory at once. Uploads stream to storage,
//! except raster images: their metadata is removed and their thumbnail made from the
//! whole image, so such an upload holds its bytes, a few times over, while it is
//! handled; at most `files_at_once` of them are read at a time, whatever the number of
//! clients, and the rest wait their turn or are told the server is busy.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::ApiError;

/// What a busy server asks the client to wait.
const BUSY_RETRY_AFTER: Duration = Duration::from_secs(2);

/// The slots for files in memory. Cheap to clone.
#[derive(Debug, Clone)]
pub struct FileSlots {
    permits: Arc<Semaphore>,
    at_once: usize,
    wait: Duration,
}

impl FileSlots {
    /// `at_once` files at a time (at least one); a file waits up to `wait` for a slot.
    pub fn new(at_once: u32, wait: Duration) -> Self {
        let at_once = usize::try_from(at_once.max(1)).unwrap_or(1);
        Self { permits: Arc::new(Semaphore::new(at_once)), at_once, wait }
    }

    /// A slot, held until the permit is dropped; `ApiError::Busy` when none was free
    /// in time.
    pub async fn take(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        match tokio::time::timeout(self.wait, Arc::clone(&self.permits).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_closed)) => Err(ApiError::Unavailable),
            Err(_elapsed) => Err(ApiError::Busy { retry_after: BUSY_RETRY_AFTER }),
        }
    }

    /// Takes every slot until the permit is dropped: how tests see what a saturated
    /// server answers.
    pub fn occupy_all(&self) -> Option<OwnedSemaphorePermit> {
        let count = u32::try_from(self.at_once).ok()?;
        Arc::clone(&self.permits).try_acquire_many_owned(count).ok()
    }
}
