//! Files customers send: what a file really is, whether Helpline keeps it, and how it
//! is served.
//!
//! The type is sniffed from the bytes with `infer`, never taken from the name or the
//! declared type, and checked against an allow-list: raster images, PDF, plain text and
//! logs (valid UTF-8 without NUL bytes and without a recognised format), zip and gzip
//! archives, and the common office formats. Anything else (executables, HTML, scripts,
//! unknown binaries) is refused and stays only in the mail it came in.
//!
//! Images lose their EXIF and XMP metadata (camera, GPS position) before they are
//! stored, without being re-encoded (`img-parts`); an image that cannot be parsed is
//! refused, since its metadata could not be removed.
//!
//! Raster images also get a thumbnail (`thumbnail`), stored beside them.
//!
//! Uploads arrive as a stream ([`intake`]): the type is sniffed from the first bytes,
//! text is checked as it comes, the size limit is enforced while reading, and the bytes
//! go to [`storage`] (the database or object storage) chunk by chunk, through the
//! malware scanner ([`scan`]) when one is configured. Only images, whose metadata must
//! be removed, are held whole, `limits.files_at_once` at a time ([`FileSlots`]).
//!
//! Serving ([`disposition`], [`serve`]): only raster images are shown inline; every
//! other file is a download. Responses always carry `X-Content-Type-Options: nosniff`
//! and `Content-Security-Policy: sandbox`, so nothing a customer sent can run as a page.

pub mod intake;
mod metadata;
pub mod scan;
pub mod serve;
mod slots;
pub mod storage;
mod thumbnail;

pub use intake::{IntakeError, KeptUpload, receive_upload};
pub use scan::{ScanError, Scanner, Verdict};
pub use slots::FileSlots;
pub use storage::{BlobRef, BlobStream, Part, Storage};
pub use thumbnail::{THUMBNAIL_SIDE, Thumbnail};

use crate::language::{say, say_with};

/// The largest file kept, in bytes.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

/// The most files kept from one message; the rest stay in the original only.
pub const MAX_FILES_PER_MAIL: usize = 20;

/// Types kept, as sniffed.
const ALLOWED: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "application/pdf",
    "application/zip",
    "application/gzip",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
    TEXT,
];

pub(crate) const TEXT: &str = "text/plain";

/// Raster images, the only files shown inline.
const RASTER_IMAGES: &[&str] = &["image/png", "image/jpeg", "image/gif", "image/webp"];

/// A file Helpline keeps: its sniffed type and its bytes, metadata removed, and a
/// thumbnail when it is a raster image that could be decoded within limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub content_type: &'static str,
    pub data: Vec<u8>,
    pub thumbnail: Option<Thumbnail>,
}

/// Why a file is not kept. The message says it to an agent or a customer, in the
/// language of the request being answered (`crate::language`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("{}", say("file-empty"))]
    Empty,
    #[error("{}", say_with("file-too-large-mb", &[("mb", (MAX_FILE_BYTES / 1_000_000).into())]))]
    TooLarge,
    /// Sniffed as a type that is not allowed.
    #[error("{}", say_with("file-type-refused", &[("type", (*.0).into())]))]
    NotAllowed(&'static str),
    /// Binary data of no recognised format.
    #[error("{}", say("file-unrecognised"))]
    Unrecognised,
    /// An image whose metadata could not be removed.
    #[error("{}", say("file-damaged"))]
    DamagedImage,
}

/// Decides whether Helpline keeps `bytes`, and in what form. Given an owned buffer, a
/// file kept as it is keeps that buffer: no copy of up to 10 MB per file. Decoding an
/// image for its thumbnail is CPU work: call this off the async threads for uploads.
pub fn accept(bytes: impl AsRef<[u8]> + Into<Vec<u8>>) -> Result<Accepted, Refusal> {
    let view = bytes.as_ref();
    if view.is_empty() {
        return Err(Refusal::Empty);
    }
    if view.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge);
    }
    let content_type = check_allowed(sniff(view)?)?;
    let data = if metadata::carries_metadata(content_type) {
        metadata::strip(view, content_type).ok_or(Refusal::DamagedImage)?
    } else {
        bytes.into()
    };
    let thumbnail = if is_inline(content_type) { thumbnail::make(&data, content_type) } else { None };
    Ok(Accepted { content_type, data, thumbnail })
}

/// The type the bytes say they are: a recognised format, else plain text when they are
/// UTF-8 without NUL bytes.
fn sniff(bytes: &[u8]) -> Result<&'static str, Refusal> {
    sniff_start(bytes, true)
}

/// The type of a file from its first bytes (`whole` when that is all of it): a
/// recognised format, else plain text when they are UTF-8 without NUL bytes, a
/// character cut at the end of a partial start allowed (the rest is checked as it
/// arrives).
fn sniff_start(start: &[u8], whole: bool) -> Result<&'static str, Refusal> {
    if let Some(kind) = infer::get(start) {
        return Ok(kind.mime_type());
    }
    if start.contains(&0) {
        return Err(Refusal::Unrecognised);
    }
    match std::str::from_utf8(start) {
        Ok(_) => Ok(TEXT),
        Err(error) if !whole && error.error_len().is_none() => Ok(TEXT),
        Err(_) => Err(Refusal::Unrecognised),
    }
}

/// Refuses types off the allow-list.
fn check_allowed(content_type: &'static str) -> Result<&'static str, Refusal> {
    if ALLOWED.contains(&content_type) { Ok(content_type) } else { Err(Refusal::NotAllowed(content_type)) }
}

/// Whether a kept file of this type is shown inline (`true`: raster images) rather
/// than downloaded.
pub fn is_inline(content_type: &str) -> bool {
    RASTER_IMAGES.contains(&content_type)
}

/// The `Content-Disposition` a kept file is served with: inline for raster images,
/// otherwise a download, with the name in ASCII and in full (RFC 6266, RFC 8187).
pub fn disposition(content_type: &str, name: &str) -> String {
    let kind = if is_inline(content_type) { "inline" } else { "attachment" };
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'.' | b'-' | b'_') {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect();
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests;
