//! Blobs as objects, through `object_store`: a local folder or an S3-compatible
//! bucket. A file is the object `files/<uuid>` and its thumbnail
//! `files/<uuid>.thumbnail`; random names, so several databases (a test run, a staging
//! copy) can share one bucket without overwriting each other's files.

use std::sync::Arc;

use anyhow::Context;
use futures_util::StreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::buffered::BufWriter;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt};
use secrecy::ExposeSecret;
use sqlx::AnyPool;

use super::{BlobStream, Part, io_stream};
use crate::config::{FilesConfig, StorageKind};

/// Where every object this server writes lives.
const PREFIX: &str = "files";

/// Keys deleted per pass of the queue.
const BATCH: i64 = 200;

/// A folder or a bucket. Cheap to clone.
#[derive(Clone)]
pub struct Objects {
    store: Arc<dyn ObjectStore>,
    /// The part size of multipart writes: what one upload holds in memory at most.
    part_bytes: usize,
    describe: String,
}

impl std::fmt::Debug for Objects {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe)
    }
}

/// A new file's object key.
pub fn new_key() -> String {
    format!("{PREFIX}/{}", uuid::Uuid::new_v4().simple())
}

fn path_of(key: &str, part: Part) -> Path {
    match part {
        Part::File => Path::from(key),
        Part::Thumbnail => Path::from(format!("{key}.thumbnail")),
    }
}

impl Objects {
    /// The folder or bucket `[files]` names.
    pub fn from_config(config: &FilesConfig) -> anyhow::Result<Self> {
        match config.storage {
            StorageKind::Folder => {
                let folder =
                    config.folder.as_ref().context("files.folder is required when files.storage is \"folder\"")?;
                std::fs::create_dir_all(folder).with_context(|| format!("create {}", folder.display()))?;
                let store = LocalFileSystem::new_with_prefix(folder)
                    .with_context(|| format!("files.folder {}", folder.display()))?;
                // Writes to a local disk need no large parts.
                Ok(Self {
                    store: Arc::new(store),
                    part_bytes: 256 * 1024,
                    describe: format!("folder {}", folder.display()),
                })
            }
            StorageKind::S3 => {
                let bucket =
                    config.s3_bucket.as_deref().context("files.s3_bucket is required when files.storage is \"s3\"")?;
                let mut builder = AmazonS3Builder::new()
                    .with_bucket_name(bucket)
                    .with_region(config.s3_region.as_deref().unwrap_or("us-east-1"))
                    .with_allow_http(config.s3_allow_http);
                if let Some(endpoint) = &config.s3_endpoint {
                    builder = builder.with_endpoint(endpoint);
                }
                if let Some(id) = &config.s3_access_key_id {
                    builder = builder.with_access_key_id(id.expose_secret());
                }
                if let Some(secret) = &config.s3_secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose_secret());
                }
                let store = builder.build().context("files: S3 settings")?;
                // S3 refuses multipart parts under 5 MiB (but the last).
                Ok(Self { store: Arc::new(store), part_bytes: 5 * 1024 * 1024, describe: format!("bucket {bucket}") })
            }
            StorageKind::Database => anyhow::bail!("blobs are configured to live in the database"),
        }
    }

    pub fn writer(&self, key: &str, part: Part) -> BufWriter {
        BufWriter::with_capacity(Arc::clone(&self.store), path_of(key, part), self.part_bytes)
    }

    pub async fn read(&self, key: &str, part: Part) -> anyhow::Result<BlobStream> {
        let found = self.store.get(&path_of(key, part)).await.context("read an object")?;
        Ok(io_stream(found.into_stream()))
    }

    pub async fn exists(&self, key: &str, part: Part) -> anyhow::Result<bool> {
        match self.store.head(&path_of(key, part)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(anyhow::Error::new(error).context("look for an object")),
        }
    }

    /// Deletes an object and its thumbnail; either may be missing already.
    async fn delete(&self, key: &str) -> anyhow::Result<()> {
        for part in [Part::File, Part::Thumbnail] {
            match self.store.delete(&path_of(key, part)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(error) => return Err(anyhow::Error::new(error).context("delete an object")),
            }
        }
        Ok(())
    }

    pub async fn delete_queued(&self, pool: &AnyPool) -> anyhow::Result<u64> {
        let mut deleted = 0;
        loop {
            let keys: Vec<String> =
                sqlx::query_scalar("SELECT blob_key FROM deleted_blobs ORDER BY queued_at LIMIT $1")
                    .bind(BATCH)
                    .fetch_all(pool)
                    .await
                    .context("read the deletion queue")?;
            for key in &keys {
                self.delete(key).await?;
                sqlx::query("DELETE FROM deleted_blobs WHERE blob_key = $1")
                    .bind(key)
                    .execute(pool)
                    .await
                    .context("dequeue a deleted object")?;
                deleted += 1;
            }
            if keys.len() < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                return Ok(deleted);
            }
        }
    }

    pub async fn sweep_orphans(&self, pool: &AnyPool, before: i64) -> anyhow::Result<u64> {
        let mut listing = self.store.list(Some(&Path::from(PREFIX)));
        let mut swept = 0;
        while let Some(meta) = listing.next().await {
            let meta = meta.context("list objects")?;
            if meta.last_modified.timestamp_millis() >= before {
                continue;
            }
            let location = meta.location.as_ref();
            let key = location.strip_suffix(".thumbnail").unwrap_or(location);
            let named: Option<i64> = sqlx::query_scalar("SELECT id FROM files WHERE blob_key = $1")
                .bind(key)
                .fetch_optional(pool)
                .await
                .context("look for an object's file")?;
            if named.is_none() {
                match self.store.delete(&meta.location).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => swept += 1,
                    Err(error) => return Err(anyhow::Error::new(error).context("delete an orphan object")),
                }
            }
        }
        Ok(swept)
    }
}
