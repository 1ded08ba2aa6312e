//! Thumbnails of raster images: at most [`THUMBNAIL_SIDE`] pixels on the long side,
//! JPEG for photos and PNG for the rest (which may be transparent), made when a file is
//! kept. Decoding is bounded (`image::Limits`): an image whose header claims more
//! pixels than [`MAX_SIDE`] or whose pixels would take more than [`MAX_DECODED_BYTES`]
//! (a decompression bomb, or just a huge photo) gets no thumbnail and is kept without
//! one; nothing is allocated for it.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

/// The longest side of a thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 320;

/// The widest or tallest image decoded for a thumbnail.
const MAX_SIDE: u32 = 12_000;

/// The most memory one decode may take.
const MAX_DECODED_BYTES: u64 = 128 * 1024 * 1024;

/// A thumbnail: its type and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumbnail {
    pub content_type: &'static str,
    pub data: Vec<u8>,
}

/// The thumbnail of a raster image of `content_type`; `None` when the image cannot be
/// decoded within the limits.
pub fn make(bytes: &[u8], content_type: &str) -> Option<Thumbnail> {
    let format = match content_type {
        "image/png" => ImageFormat::Png,
        "image/jpeg" => ImageFormat::Jpeg,
        "image/gif" => ImageFormat::Gif,
        "image/webp" => ImageFormat::WebP,
        _ => return None,
    };
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(limits);
    let image = match reader.decode() {
        Ok(image) => image,
        Err(error) => {
            tracing::debug!(error = %error, "no thumbnail");
            return None;
        }
    };
    let small = image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    let mut out = Cursor::new(Vec::new());
    let (content_type, written) = if format == ImageFormat::Jpeg {
        ("image/jpeg", small.into_rgb8().write_to(&mut out, ImageFormat::Jpeg))
    } else {
        ("image/png", small.write_to(&mut out, ImageFormat::Png))
    };
    written.ok()?;
    Some(Thumbnail { content_type, data: out.into_inner() })
}
