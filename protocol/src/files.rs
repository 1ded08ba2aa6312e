//! Files people send: what a kept file looks like on the wire, and the limits clients
//! check before uploading.

use serde::{Deserialize, Serialize};

/// The largest file kept, in bytes.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// The most files one chat message, ticket reply or "Email us" request carries.
pub const MAX_FILES_PER_MESSAGE: usize = 5;

/// The longest file name kept, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 200;

/// A kept file: an upload (`POST /api/v1/uploads`, `POST /api/v1/widget/uploads`) or
/// one attached to a message or ticket event. Its bytes are at `GET /api/v1/files/{id}`
/// for agents and `GET /api/v1/widget/files/{id}` for the visitor it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileRef {
    pub id: i64,
    pub name: String,
    /// The type sniffed from the bytes, never the one the sender claimed.
    pub content_type: String,
    pub size: u64,
}

impl FileRef {
    /// Whether clients show the file as a picture: raster images only. Everything
    /// else is a download.
    pub fn is_image(&self) -> bool {
        matches!(self.content_type.as_str(), "image/png" | "image/jpeg" | "image/gif" | "image/webp")
    }
}
