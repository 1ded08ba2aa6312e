//! Randomness from the browser: client ids and the jitter of backoff waits.

use crate::ids::uuid_v4;

/// A fresh client id for an outgoing message. Uses `crypto.getRandomValues`, which
/// unlike `randomUUID` also works outside secure contexts; falls back to
/// `Math.random` if even that fails.
pub fn client_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for byte in &mut bytes {
            *byte = (unit() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// A number in `[0, 1)`, for jitter.
pub fn unit() -> f64 {
    js_sys::Math::random()
}
