//! Receiving an upload as a stream: [`receive_upload`] takes the request body, the
//! file's name, who uploads it and the workspace, and returns the kept upload. Every
//! upload route (agents' `POST /api/v1/uploads`, visitors' in the messenger) calls it,
//! so the rules are the same everywhere:
//!
//! - the size limit and the workspace's quota are enforced while reading (413 past
//!   [`MAX_FILE_BYTES`]);
//! - the type is sniffed from the first [`SNIFF_BYTES`] and checked against the
//!   allow-list before anything is stored; text is checked as it arrives;
//! - the bytes go to storage as they arrive, and to clamd when one is configured;
//! - only raster images are held whole (their metadata is removed and a thumbnail
//!   made), at most `limits.files_at_once` of them at a time.
//!
//! A file refused halfway leaves nothing behind: its row and stored chunks are deleted.

use axum::body::{Body, BodyDataStream};
use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use protocol::tickets::Upload;

use super::scan::{Scan, ScanError, Scanner, Verdict};
use super::storage::{BlobWriter, Part};
use super::{MAX_FILE_BYTES, Refusal, TEXT, accept, check_allowed, is_inline, sniff_start};
use crate::error::ApiError;
use crate::language::{say, say_with};
use crate::state::AppState;
use crate::store::{Store, Uploader};

/// How much of a file is read before its type is decided.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// The longest file name kept, in characters.
pub const MAX_NAME_CHARS: usize = protocol::files::MAX_FILE_NAME_CHARS;

/// An upload as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptUpload {
    pub id: i64,
    pub name: String,
    pub content_type: String,
    pub size: u64,
}

impl From<KeptUpload> for Upload {
    fn from(kept: KeptUpload) -> Self {
        Upload { id: kept.id, name: kept.name, content_type: kept.content_type, size: kept.size }
    }
}

/// Why an upload was not kept.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error("{}", say_with("file-name", &[("max", MAX_NAME_CHARS.into())]))]
    BadName,
    #[error(transparent)]
    Refused(#[from] Refusal),
    /// Over `limits.file_bytes`, which this is.
    #[error("{}", say_with("file-over-limit", &[("size", size_text(*.0).as_str().into())]))]
    TooLarge(u64),
    /// The workspace's quota is used up; the message suits who uploads.
    #[error("{}", say(match .0 {
        Uploader::Agent(_) => "files-full-agent",
        Uploader::Visitor(_) => "files-full-visitor",
    }))]
    QuotaFull(Uploader),
    #[error("{}", say_with("file-infected", &[("name", .0.as_str().into())]))]
    Infected(String),
    #[error("{}", say("scanner-down"))]
    ScannerDown(#[source] ScanError),
    #[error("{}", say("upload-interrupted"))]
    Interrupted,
    /// No slot for an image was free in time, or the server is stopping.
    #[error(transparent)]
    Slots(ApiError),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<IntakeError> for ApiError {
    fn from(error: IntakeError) -> Self {
        match error {
            IntakeError::BadName => ApiError::FieldRefused { field: "name", message: error.to_string() },
            IntakeError::Refused(_) | IntakeError::QuotaFull(_) | IntakeError::Infected(_) => {
                ApiError::FieldRefused { field: "file", message: error.to_string() }
            }
            IntakeError::TooLarge(_) => ApiError::TooLarge(error.to_string()),
            IntakeError::ScannerDown(ref cause) => {
                tracing::error!(error = %cause, "malware scanner unavailable; refusing files");
                ApiError::DependencyDown(error.to_string())
            }
            IntakeError::Interrupted => ApiError::BadRequest(error.to_string()),
            IntakeError::Slots(error) => error,
            IntakeError::Internal(error) => ApiError::Internal(error),
        }
    }
}

impl From<ScanError> for IntakeError {
    fn from(error: ScanError) -> Self {
        Self::ScannerDown(error)
    }
}

/// A file name as kept: trimmed, without control characters or path separators.
pub fn upload_name(raw: &str) -> Result<String, IntakeError> {
    let name: String = raw.trim().chars().filter(|c| !c.is_control() && !matches!(c, '/' | '\\')).collect();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(IntakeError::BadName);
    }
    Ok(name)
}

/// Receives one upload of `uploader` in `workspace_id` from a request body, and keeps
/// it until a message or reply attaches it (or the sweep deletes it, a day later).
pub async fn receive_upload(
    state: &AppState,
    body: Body,
    name: &str,
    uploader: Uploader,
    workspace_id: i64,
) -> Result<KeptUpload, IntakeError> {
    let name = upload_name(name)?;
    let quota = state.config.limits.file_bytes_per_workspace;
    let used = u64::try_from(state.store.workspace_file_bytes(workspace_id).await?).unwrap_or(0);
    let room = quota.saturating_sub(used);
    let limit = Limit { room, uploader, largest: state.config.limits.file_bytes.min(MAX_FILE_BYTES as u64) };
    limit.check(0)?;
    let mut body = body.into_data_stream();
    let (head, ended) = read_head(&mut body, limit).await?;
    if head.is_empty() {
        return Err(Refusal::Empty.into());
    }
    let content_type = check_allowed(sniff_start(&head, ended)?)?;
    let scanner = state.config.files.clamd.as_deref().map(Scanner::parse);
    let now = state.clock.now();
    let incoming = Incoming { head, body, ended, limit };
    let (id, content_type, size) = if is_inline(content_type) {
        let _slot = state.limits.file_slots.take().await.map_err(IntakeError::Slots)?;
        keep_image(&state.store, scanner.as_ref(), incoming, (&name, uploader, workspace_id), now).await?
    } else {
        let text = (content_type == TEXT).then(TextCheck::default);
        let target = (name.as_str(), uploader, workspace_id);
        let (id, size) = keep_stream(&state.store, scanner.as_ref(), incoming, text, content_type, target, now).await?;
        (id, content_type, size)
    };
    Ok(KeptUpload { id, name, content_type: content_type.to_owned(), size })
}

/// The body still to read, after its first bytes.
struct Incoming {
    head: Bytes,
    body: BodyDataStream,
    /// Whether `head` is the whole file.
    ended: bool,
    limit: Limit,
}

/// How much a file may weigh.
#[derive(Debug, Clone, Copy)]
struct Limit {
    /// What the workspace's quota has left.
    room: u64,
    uploader: Uploader,
    /// The largest file taken (`limits.file_bytes`).
    largest: u64,
}

impl Limit {
    fn check(self, size: u64) -> Result<(), IntakeError> {
        if size > self.largest {
            Err(IntakeError::TooLarge(self.largest))
        } else if size > self.room || self.room == 0 {
            Err(IntakeError::QuotaFull(self.uploader))
        } else {
            Ok(())
        }
    }
}

/// Reads up to [`SNIFF_BYTES`]; `true` when that was the whole body.
async fn read_head(body: &mut BodyDataStream, limit: Limit) -> Result<(Bytes, bool), IntakeError> {
    let mut head = BytesMut::new();
    while head.len() < SNIFF_BYTES {
        match body.next().await {
            Some(chunk) => {
                head.extend_from_slice(&chunk.map_err(|_| IntakeError::Interrupted)?);
                limit.check(head.len() as u64)?;
            }
            None => return Ok((head.freeze(), true)),
        }
    }
    Ok((head.freeze(), false))
}

/// Who a file is kept for: its name, uploader and workspace.
type Target<'a> = (&'a str, Uploader, i64);

/// Holds an image whole, removes its metadata, makes its thumbnail and keeps it.
async fn keep_image(
    store: &Store,
    scanner: Option<&Scanner>,
    incoming: Incoming,
    (name, uploader, workspace_id): Target<'_>,
    now: i64,
) -> Result<(i64, &'static str, u64), IntakeError> {
    let Incoming { head, mut body, ended, limit } = incoming;
    let mut whole = Vec::from(head);
    if !ended {
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|_| IntakeError::Interrupted)?;
            limit.check((whole.len() + chunk.len()) as u64)?;
            whole.extend_from_slice(&chunk);
        }
    }
    let accepted = tokio::task::spawn_blocking(move || accept(whole))
        .await
        .map_err(|error| anyhow::Error::new(error).context("judge an image"))??;
    if let Some(scanner) = scanner
        && let Verdict::Infected(signature) = scanner.scan_bytes(&accepted.data).await?
    {
        return Err(IntakeError::Infected(signature));
    }
    let id = store.create_upload(workspace_id, uploader, name, &accepted, now).await?;
    Ok((id, accepted.content_type, accepted.data.len() as u64))
}

/// Stores a file as it arrives, checking it on the way.
async fn keep_stream(
    store: &Store,
    scanner: Option<&Scanner>,
    incoming: Incoming,
    text: Option<TextCheck>,
    content_type: &'static str,
    (name, uploader, workspace_id): Target<'_>,
    now: i64,
) -> Result<(i64, u64), IntakeError> {
    let blob = store.begin_upload(workspace_id, uploader, name, now).await?;
    let stored = async {
        let mut writer = store.storage().writer(&blob, Part::File)?;
        let mut scan = scanner.map(Scanner::start);
        match copy(incoming, text, &mut writer, scan.as_mut()).await {
            Ok(size) => {
                writer.finish().await?;
                if let Some(scan) = scan
                    && let Verdict::Infected(signature) = scan.verdict().await?
                {
                    return Err(IntakeError::Infected(signature));
                }
                Ok(size)
            }
            Err(error) => {
                writer.abort().await;
                Err(error)
            }
        }
    }
    .await;
    let kept = match stored {
        Ok(size) => store
            .finish_upload(blob.file_id, content_type, size, None)
            .await
            .map(|kept| (kept, size))
            .map_err(IntakeError::Internal),
        Err(error) => Err(error),
    };
    match kept {
        Ok((true, size)) => Ok((blob.file_id, size)),
        Ok((false, _)) => Err(anyhow::anyhow!("the upload was deleted while it was stored").into()),
        Err(error) => {
            store.discard_upload(blob.file_id).await;
            Err(error)
        }
    }
}

/// Copies the body to storage (and the scanner), checking size and text; returns the
/// size.
async fn copy(
    incoming: Incoming,
    mut text: Option<TextCheck>,
    writer: &mut BlobWriter,
    mut scan: Option<&mut Scan>,
) -> Result<u64, IntakeError> {
    let Incoming { head, mut body, ended, limit } = incoming;
    let mut size = 0_u64;
    let mut next = Some(head);
    loop {
        let chunk = match next.take() {
            Some(chunk) => chunk,
            None if ended => break,
            None => match body.next().await {
                Some(chunk) => chunk.map_err(|_| IntakeError::Interrupted)?,
                None => break,
            },
        };
        size += chunk.len() as u64;
        limit.check(size)?;
        if let Some(text) = &mut text {
            text.feed(&chunk)?;
        }
        if let Some(scan) = &mut scan {
            scan.feed(chunk.clone()).await?;
        }
        writer.write(chunk).await?;
    }
    if let Some(text) = text {
        text.finish()?;
    }
    Ok(size)
}

/// Checks that a file arriving in pieces is text: UTF-8 without NUL bytes, a
/// character cut between two pieces allowed.
#[derive(Debug, Default)]
struct TextCheck {
    /// The start of a character the last piece ended in.
    pending: Vec<u8>,
}

impl TextCheck {
    fn feed(&mut self, piece: &[u8]) -> Result<(), Refusal> {
        if piece.contains(&0) {
            return Err(Refusal::Unrecognised);
        }
        let joined;
        let bytes = if self.pending.is_empty() {
            piece
        } else {
            joined = [self.pending.as_slice(), piece].concat();
            joined.as_slice()
        };
        match std::str::from_utf8(bytes) {
            Ok(_) => self.pending.clear(),
            Err(error) if error.error_len().is_none() => self.pending = bytes[error.valid_up_to()..].to_vec(),
            Err(_) => return Err(Refusal::Unrecognised),
        }
        Ok(())
    }

    fn finish(self) -> Result<(), Refusal> {
        if self.pending.is_empty() { Ok(()) } else { Err(Refusal::Unrecognised) }
    }
}

/// A size as people read it: "10 MB", "500 KB", "812 bytes".
fn size_text(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{} KB", bytes / 1_000),
        _ => format!("{} MB", bytes / 1_000_000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_checked_across_pieces_and_a_cut_character_is_joined() {
        let mut check = TextCheck::default();
        let word = "déjà vu".as_bytes();
        // "é" is two bytes: cut it in half.
        check.feed(&word[..2]).expect("a started character");
        check.feed(&word[2..]).expect("its end");
        check.finish().expect("text");

        let mut check = TextCheck::default();
        check.feed(&word[..2]).expect("a started character");
        assert_eq!(check.finish(), Err(Refusal::Unrecognised), "a file may not end inside a character");

        let mut check = TextCheck::default();
        assert_eq!(check.feed(b"abc\0def"), Err(Refusal::Unrecognised));
        let mut check = TextCheck::default();
        assert_eq!(check.feed(&[b'a', 0xFF, b'b']), Err(Refusal::Unrecognised));
    }

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(upload_name(" ../etc/passwd\r\n").expect("a name"), "..etcpasswd");
        assert!(matches!(upload_name(" \u{7}"), Err(IntakeError::BadName)));
        assert!(matches!(upload_name(&"a".repeat(MAX_NAME_CHARS + 1)), Err(IntakeError::BadName)));
    }
}
