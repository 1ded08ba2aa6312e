//! What Helpline keeps of a file: types sniffed from the bytes, image metadata removed,
//! and how a kept file is served.

use super::*;

/// A JPEG whose EXIF and XMP segments name a GPS position, before a scan.
const JPEG_WITH_LOCATION: &[u8] = include_bytes!("../../../tests/fixtures/files/location.jpg");

fn jpeg_with_location() -> Vec<u8> {
    JPEG_WITH_LOCATION.to_vec()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window == needle)
}

#[test]
fn a_jpeg_loses_its_exif_and_xmp_and_keeps_its_pixels() {
    let accepted = accept(jpeg_with_location()).expect("kept");
    assert_eq!(accepted.content_type, "image/jpeg");
    assert!(!contains(&accepted.data, b"GPS"), "no location left");
    assert!(!contains(&accepted.data, b"Exif"));
    assert!(accepted.data.ends_with(&[0x12, 0x34, 0x56, 0xFF, 0xD9]), "the scan is untouched");
    assert!(is_inline(accepted.content_type));
}

#[test]
fn the_type_comes_from_the_bytes_not_the_name() {
    // A Windows executable, whatever it is called.
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00";
    assert!(matches!(accept(exe), Err(Refusal::NotAllowed(_))));
    // HTML is refused; text that merely mentions markup is plain text, never a page.
    assert!(matches!(accept(b"<html><script>alert(1)</script></html>"), Err(Refusal::NotAllowed("text/html"))));
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let kept = accept(svg).expect("kept as text");
    assert_eq!(kept.content_type, "text/plain");
    assert!(!is_inline(kept.content_type));
    assert_eq!(accept(b"12:00:01 export started\n").expect("a log").content_type, "text/plain");
    assert_eq!(accept(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n").expect("a pdf").content_type, "application/pdf");
}

#[test]
fn empty_oversized_unknown_and_damaged_files_are_refused() {
    assert_eq!(accept(b""), Err(Refusal::Empty));
    assert_eq!(accept(vec![b'a'; MAX_FILE_BYTES + 1]), Err(Refusal::TooLarge));
    assert_eq!(accept([0x00, 0x9F, 0x92, 0x96, 0x00]), Err(Refusal::Unrecognised));
    // A JPEG start with nothing after it.
    assert_eq!(accept([0xFF, 0xD8, 0xFF, 0xE1, 0x00]), Err(Refusal::DamagedImage));
}

#[test]
fn only_raster_images_are_served_inline_and_names_cannot_break_the_header() {
    assert_eq!(disposition("image/png", "screen.png"), "inline; filename=\"screen.png\"; filename*=UTF-8''screen.png");
    let header = disposition("text/plain", "r\u{e9}sum\u{e9}\"\r\n.txt");
    assert!(header.starts_with("attachment; filename=\"r_sum____.txt\""), "{header}");
    assert!(header.ends_with("filename*=UTF-8''r%C3%A9sum%C3%A9%22%0D%0A.txt"), "{header}");
}

#[test]
fn a_file_kept_as_it_is_keeps_the_buffer_it_came_in() {
    let log = b"12:00:01 export started\n".repeat(1000);
    let at = log.as_ptr();
    let kept = accept(log).expect("a log");
    assert_eq!(kept.data.as_ptr(), at, "no copy of the bytes");
}

/// A PNG whose header claims 100000 × 100000 pixels over a few bytes of data.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(kind);
        hasher.update(data);
        let length = u32::try_from(data.len()).expect("a short chunk");
        [&length.to_be_bytes()[..], kind, data, &hasher.finalize().to_be_bytes()].concat()
    }
    let header = [&width.to_be_bytes()[..], &height.to_be_bytes(), &[8, 6, 0, 0, 0]].concat();
    [
        &b"\x89PNG\r\n\x1a\n"[..],
        &chunk(b"IHDR", &header),
        &chunk(b"IDAT", &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]),
        &chunk(b"IEND", &[]),
    ]
    .concat()
}

/// A real 800 × 600 photo.
fn photo() -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(800, 600, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    pixels.write_to(&mut out, image::ImageFormat::Jpeg).expect("encode a JPEG");
    out.into_inner()
}

#[test]
fn a_photo_gets_a_small_thumbnail_and_a_decompression_bomb_none() {
    let accepted = accept(photo()).expect("kept");
    let thumbnail = accepted.thumbnail.expect("a thumbnail");
    assert_eq!(thumbnail.content_type, "image/jpeg");
    let image = image::load_from_memory(&thumbnail.data).expect("decodable");
    assert_eq!((image.width(), image.height()), (THUMBNAIL_SIDE, 240), "the long side is 320, the ratio kept");

    let bomb = accept(png_claiming(100_000, 100_000)).expect("a parseable PNG is kept");
    assert_eq!(bomb.content_type, "image/png");
    assert_eq!(bomb.thumbnail, None, "nothing was decoded");
    assert_eq!(accept(b"a log line\n").expect("text").thumbnail, None, "only images have thumbnails");
}
