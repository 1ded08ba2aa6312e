//! Where the bytes of kept files live, behind one interface: in the database by
//! default (so one binary, or several server nodes on one PostgreSQL, need nothing
//! else), or in object storage through `object_store` (a local folder, or an
//! S3-compatible bucket) when `[files] storage` says so.
//!
//! A blob is written as a stream ([`BlobWriter`]) and read as a stream
//! ([`Storage::read`]), so no file is ever whole in memory on either side: the database
//! keeps it as 256 KiB `file_chunks`, object storage as one object written in parts.
//! A file's thumbnail is a second blob beside it ([`Part::Thumbnail`]).
//!
//! Deleting never happens here directly: a `files` row's deletion (however it comes
//! about: its ticket, conversation, visitor or workspace deleted, the sweep) takes its
//! chunks with it by a cascade, or queues its object in `deleted_blobs` by a trigger;
//! [`Storage::delete_queued`] empties the queue and [`Storage::sweep_orphans`] removes
//! objects whose row never committed.

mod database;
mod objects;

use bytes::Bytes;
use futures_util::stream::BoxStream;
use futures_util::{StreamExt, TryStreamExt};
use sqlx::AnyPool;

use crate::config::{FilesConfig, StorageKind};

/// A blob's bytes as they are read.
pub type BlobStream = BoxStream<'static, std::io::Result<Bytes>>;

/// Which of a file's blobs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The file as kept.
    File,
    /// Its thumbnail, for raster images.
    Thumbnail,
}

/// Where one file's blobs are: its row id, and its object key when it is not in the
/// database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobRef {
    pub file_id: i64,
    /// `None`: chunks in the database.
    pub key: Option<String>,
}

/// The blob storage the server was configured with. Cheap to clone.
#[derive(Clone)]
pub enum Storage {
    /// `file_chunks` rows in the server's own database.
    Database(AnyPool),
    /// Objects in a folder or a bucket; the database still serves files kept in it
    /// before object storage was configured.
    Objects(objects::Objects, AnyPool),
}

impl std::fmt::Debug for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Database(_) => f.write_str("Storage::Database"),
            Self::Objects(objects, _) => write!(f, "Storage::Objects({objects:?})"),
        }
    }
}

impl Storage {
    /// The storage `[files]` configures; `pool` is the server's database, used when
    /// blobs live there.
    pub fn from_config(config: &FilesConfig, pool: &AnyPool) -> anyhow::Result<Self> {
        Ok(match config.storage {
            StorageKind::Database => Self::Database(pool.clone()),
            StorageKind::Folder | StorageKind::S3 => {
                Self::Objects(objects::Objects::from_config(config)?, pool.clone())
            }
        })
    }

    /// The object key a new file gets; `None` when blobs live in the database.
    pub fn new_key(&self) -> Option<String> {
        match self {
            Self::Database(_) => None,
            Self::Objects(..) => Some(objects::new_key()),
        }
    }

    /// A writer for one blob of a file whose row exists.
    pub fn writer(&self, blob: &BlobRef, part: Part) -> anyhow::Result<BlobWriter> {
        let inner = match (self, &blob.key) {
            (Self::Database(pool), None) => {
                Inner::Database(database::ChunkWriter::new(pool.clone(), blob.file_id, part))
            }
            (Self::Objects(objects, _), Some(key)) => Inner::Objects(objects.writer(key, part)),
            _ => anyhow::bail!("file {} is not in the configured storage", blob.file_id),
        };
        Ok(BlobWriter { inner })
    }

    /// Writes a whole blob held in memory (mail attachments, thumbnails).
    pub async fn write_all(&self, blob: &BlobRef, part: Part, bytes: Bytes) -> anyhow::Result<()> {
        let mut writer = self.writer(blob, part)?;
        match writer.write(bytes).await {
            Ok(()) => writer.finish().await,
            Err(error) => {
                writer.abort().await;
                Err(error)
            }
        }
    }

    /// Writes a whole blob held in memory for a file whose row `conn`'s transaction
    /// inserted: chunks go into the same transaction, an object is written at once (and
    /// swept as an orphan if the transaction does not commit).
    pub async fn write_in(
        &self,
        conn: &mut sqlx::AnyConnection,
        blob: &BlobRef,
        part: Part,
        bytes: &[u8],
    ) -> anyhow::Result<()> {
        match (self, &blob.key) {
            (Self::Database(_), None) => database::write_in(conn, blob.file_id, part, bytes).await,
            _ => self.write_all(blob, part, Bytes::copy_from_slice(bytes)).await,
        }
    }

    /// The blob's bytes as a stream, read a chunk at a time.
    pub async fn read(&self, blob: &BlobRef, part: Part) -> anyhow::Result<BlobStream> {
        match (self, &blob.key) {
            (Self::Objects(objects, _), Some(key)) => objects.read(key, part).await,
            // A file kept in the database before object storage was configured is still
            // read from there; the other way round it is out of reach.
            (Self::Database(pool) | Self::Objects(_, pool), None) => {
                Ok(database::read(pool.clone(), blob.file_id, part))
            }
            (Self::Database(_), Some(_)) => {
                anyhow::bail!("file {} is in object storage, which is not configured", blob.file_id)
            }
        }
    }

    /// The whole blob in memory, for what needs it so (a mail's attachments).
    pub async fn read_all(&self, blob: &BlobRef, part: Part) -> anyhow::Result<Vec<u8>> {
        let mut stream = self.read(blob, part).await?;
        let mut bytes = Vec::new();
        while let Some(chunk) = stream.next().await {
            bytes.extend_from_slice(&chunk?);
        }
        Ok(bytes)
    }

    /// Deletes the objects queued by deleted rows; returns how many files' objects went.
    pub async fn delete_queued(&self, pool: &AnyPool) -> anyhow::Result<u64> {
        match self {
            Self::Database(_) => Ok(0),
            Self::Objects(objects, _) => objects.delete_queued(pool).await,
        }
    }

    /// Deletes objects that no row names and that were written before `before` (Unix
    /// ms): what an upload or a mail left when its row never committed. Returns how
    /// many objects went.
    pub async fn sweep_orphans(&self, pool: &AnyPool, before: i64) -> anyhow::Result<u64> {
        match self {
            Self::Database(_) => Ok(0),
            Self::Objects(objects, _) => objects.sweep_orphans(pool, before).await,
        }
    }

    /// Whether an object of this key exists, for tests that check a deletion.
    pub async fn object_exists(&self, key: &str, part: Part) -> anyhow::Result<bool> {
        match self {
            Self::Database(_) => Ok(false),
            Self::Objects(objects, _) => objects.exists(key, part).await,
        }
    }
}

/// Writes one blob as its bytes arrive; nothing is visible before [`finish`].
///
/// [`finish`]: BlobWriter::finish
pub struct BlobWriter {
    inner: Inner,
}

enum Inner {
    Database(database::ChunkWriter),
    Objects(object_store::buffered::BufWriter),
}

impl BlobWriter {
    /// Adds bytes to the blob.
    pub async fn write(&mut self, bytes: Bytes) -> anyhow::Result<()> {
        match &mut self.inner {
            Inner::Database(writer) => writer.write(bytes).await,
            Inner::Objects(writer) => {
                writer.put(bytes).await.map_err(anyhow::Error::new).map_err(|e| e.context("write an object"))
            }
        }
    }

    /// Completes the blob.
    pub async fn finish(self) -> anyhow::Result<()> {
        match self.inner {
            Inner::Database(writer) => writer.finish().await,
            Inner::Objects(mut writer) => {
                use tokio::io::AsyncWriteExt;
                writer.shutdown().await.map_err(|e| anyhow::Error::new(e).context("complete an object"))
            }
        }
    }

    /// Gives the blob up. Chunks already written go with the row they belong to.
    pub async fn abort(self) {
        match self.inner {
            Inner::Database(_) => {}
            Inner::Objects(mut writer) => {
                if let Err(error) = writer.abort().await {
                    tracing::warn!(error = %error, "could not abort an object upload");
                }
            }
        }
    }
}

/// Turns an `object_store` stream into an I/O one.
fn io_stream(stream: BoxStream<'static, object_store::Result<Bytes>>) -> BlobStream {
    stream.map_err(std::io::Error::other).boxed()
}
