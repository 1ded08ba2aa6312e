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
