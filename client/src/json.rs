//! JSON text to and from the wire types, for every body, frame and saved value both
//! apps read or write.
//!
//! In the browser (the `web` feature on wasm32) the browser's own `JSON.parse` and
//! `JSON.stringify` do the text and serde-wasm-bindgen walks the parsed values, so
//! serde_json's parser and printer are not compiled into the apps: that took about
//! 10 kB (brotli) off each app's first load. On the host, where the pure rules are
//! tested, serde_json does the same job. Both read and write the same JSON for the
//! protocol's types: `null` for absent options, plain objects for maps, and 64-bit
//! integers as numbers, exact up to 2^53 (ids, sequence numbers and times stay far
//! below; a larger one fails to write rather than being rounded).

use serde::Serialize;
use serde::de::DeserializeOwned;

/// `value` as JSON text; `None` when it cannot be written (a number beyond 2^53 in the
/// browser, say).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    imp::to_string(value)
}

/// JSON text read as `T`; `None` when it is not JSON or not a `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    imp::from_str(text)
}

#[cfg(all(feature = "web", target_arch = "wasm32"))]
mod imp {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
        // `null` for `None` (not `undefined`, which `JSON.stringify` drops, losing an
        // explicit "clear this field") and plain objects for maps.
        let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
        js_sys::JSON::stringify(&value).ok()?.as_string()
    }

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
        serde_wasm_bindgen::from_value(js_sys::JSON::parse(text).ok()?).ok()
    }
}

#[cfg(not(all(feature = "web", target_arch = "wasm32")))]
mod imp {
    use serde::Serialize;
    use serde::de::DeserializeOwned;

    pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
        serde_json::to_string(value).ok()
    }

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
        serde_json::from_str(text).ok()
    }
}
