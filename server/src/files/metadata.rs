//! Removing what an image says about where and how it was taken: EXIF (which holds the
//! GPS position) and XMP, from JPEG, PNG and WebP, without re-encoding the pixels.

use img_parts::jpeg::{Jpeg, markers};
use img_parts::png::Png;
use img_parts::webp::WebP;
use img_parts::{Bytes, ImageEXIF};

/// XMP packets in JPEG APP1 segments start with this namespace.
const XMP_PREFIX: &[u8] = b"http://ns.adobe.com/xap/1.0/";

/// PNG chunks that can carry metadata: EXIF, and text chunks (XMP is an iTXt).
const PNG_METADATA_CHUNKS: &[[u8; 4]] = &[*b"eXIf", *b"iTXt", *b"tEXt", *b"zTXt"];

/// WebP's XMP chunk.
const WEBP_XMP: [u8; 4] = *b"XMP ";

/// Whether files of this type go through [`strip`].
pub fn carries_metadata(content_type: &str) -> bool {
    matches!(content_type, "image/jpeg" | "image/png" | "image/webp")
}

/// The image of `content_type` without EXIF and XMP; `None` when it cannot be parsed.
pub fn strip(bytes: &[u8], content_type: &str) -> Option<Vec<u8>> {
    let input = Bytes::copy_from_slice(bytes);
    let output = match content_type {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(input).ok()?;
            jpeg.set_exif(None);
            jpeg.segments_mut()
                .retain(|segment| !(segment.marker() == markers::APP1 && segment.contents().starts_with(XMP_PREFIX)));
            jpeg.encoder().bytes()
        }
        "image/png" => {
            let mut png = Png::from_bytes(input).ok()?;
            png.set_exif(None);
            png.chunks_mut().retain(|chunk| !PNG_METADATA_CHUNKS.contains(&chunk.kind()));
            png.encoder().bytes()
        }
        "image/webp" => {
            let mut webp = WebP::from_bytes(input).ok()?;
            webp.set_exif(None);
            webp.remove_chunks_by_id(WEBP_XMP);
            webp.encoder().bytes()
        }
        _ => return Some(bytes.to_vec()),
    };
    Some(output.to_vec())
}
