//! Blobs in the server's own database: `file_chunks` rows of [`CHUNK_BYTES`], each
//! written in its own statement as the bytes arrive and read back one at a time, so a
//! file of any size costs one chunk of memory and never holds a write lock for longer
//! than one insert (SQLite has one writer at a time).

use bytes::{Bytes, BytesMut};
use futures_util::StreamExt;
use sqlx::AnyPool;

use super::{BlobStream, Part};

/// The size of one stored chunk.
pub const CHUNK_BYTES: usize = 256 * 1024;

fn part_number(part: Part) -> i32 {
    match part {
        Part::File => 0,
        Part::Thumbnail => 1,
    }
}

/// Stores one blob as chunks, in order.
pub struct ChunkWriter {
    pool: AnyPool,
    file_id: i64,
    part: i32,
    next: i32,
    buffer: BytesMut,
}

impl ChunkWriter {
    pub fn new(pool: AnyPool, file_id: i64, part: Part) -> Self {
        Self { pool, file_id, part: part_number(part), next: 0, buffer: BytesMut::new() }
    }

    /// Adds bytes; every full chunk is stored at once.
    pub async fn write(&mut self, mut bytes: Bytes) -> anyhow::Result<()> {
        while !bytes.is_empty() {
            if self.buffer.is_empty() && bytes.len() >= CHUNK_BYTES {
                let chunk = bytes.split_to(CHUNK_BYTES);
                self.store(&chunk).await?;
                continue;
            }
            let take = (CHUNK_BYTES - self.buffer.len()).min(bytes.len());
            self.buffer.extend_from_slice(&bytes.split_to(take));
            if self.buffer.len() == CHUNK_BYTES {
                let chunk = self.buffer.split().freeze();
                self.store(&chunk).await?;
            }
        }
        Ok(())
    }

    /// Stores what is left.
    pub async fn finish(mut self) -> anyhow::Result<()> {
        if !self.buffer.is_empty() {
            let chunk = self.buffer.split().freeze();
            self.store(&chunk).await?;
        }
        Ok(())
    }

    async fn store(&mut self, chunk: &[u8]) -> anyhow::Result<()> {
        sqlx::query("INSERT INTO file_chunks (file_id, part, n, data) VALUES ($1, $2, $3, $4)")
            .bind(self.file_id)
            .bind(self.part)
            .bind(self.next)
            .bind(chunk)
            .execute(&self.pool)
            .await
            .map_err(|e| anyhow::Error::new(e).context("store a file chunk"))?;
        self.next += 1;
        Ok(())
    }
}

/// Stores a whole blob held in memory inside the caller's transaction.
pub async fn write_in(conn: &mut sqlx::AnyConnection, file_id: i64, part: Part, bytes: &[u8]) -> anyhow::Result<()> {
    for (n, chunk) in bytes.chunks(CHUNK_BYTES).enumerate() {
        sqlx::query("INSERT INTO file_chunks (file_id, part, n, data) VALUES ($1, $2, $3, $4)")
            .bind(file_id)
            .bind(part_number(part))
            .bind(i32::try_from(n).unwrap_or(i32::MAX))
            .bind(chunk)
            .execute(&mut *conn)
            .await
            .map_err(|e| anyhow::Error::new(e).context("store a file chunk"))?;
    }
    Ok(())
}

/// The blob's chunks, fetched one query at a time as the stream is read.
pub fn read(pool: AnyPool, file_id: i64, part: Part) -> BlobStream {
    let part = part_number(part);
    futures_util::stream::try_unfold(0_i32, move |n| {
        let pool = pool.clone();
        async move {
            let chunk: Option<Vec<u8>> =
                sqlx::query_scalar("SELECT data FROM file_chunks WHERE file_id = $1 AND part = $2 AND n = $3")
                    .bind(file_id)
                    .bind(part)
                    .bind(n)
                    .fetch_optional(&pool)
                    .await
                    .map_err(std::io::Error::other)?;
            Ok(chunk.map(|chunk| (Bytes::from(chunk), n + 1)))
        }
    })
    .boxed()
}
