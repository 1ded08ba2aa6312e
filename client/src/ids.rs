//! Client ids for outgoing messages: random UUID v4 strings. The server stores a message
//! once per id, so resending with the same id after a reconnect or reload is safe.
//! The random bytes come from the browser (`web::random::client_id`); the format is here.

use std::fmt::Write;

/// Formats random bytes as a version 4, variant 1 UUID, lowercase with hyphens.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (index, byte) in bytes.iter().enumerate() {
        if matches!(index, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        let _ = write!(out, "{byte:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_has_the_v4_shape() {
        assert_eq!(uuid_v4([0xff; 16]), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn every_byte_shows_as_two_hex_digits_in_order() {
        let bytes: [u8; 16] = std::array::from_fn(|index| index as u8 * 17);
        let id = uuid_v4(bytes);
        assert_eq!(id, "00112233-4455-4677-8899-aabbccddeeff");
        assert_eq!(id.len(), 36);
    }
}
