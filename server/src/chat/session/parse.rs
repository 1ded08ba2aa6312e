//! Reading client frames, telling malformed JSON, unknown types and wrong shapes apart.

use protocol::frames::ClientFrame;
use protocol::limits::MAX_FRAME_BYTES;
use protocol::{ErrorBody, ErrorCode};

/// Frame types a client may send; anything else is `unknown_frame`.
const CLIENT_FRAME_TYPES: [&str; 5] = ["subscribe", "send", "typing", "read", "context"];

/// Whether a socket read failed because the client sent a message over the socket's
/// size limit. The session answers that with close code 1009 (message too big)
/// instead of ending without a word; nothing more can be read after it, since the
/// rest of the message is still on its way.
pub(super) fn is_too_big(error: &axum::Error) -> bool {
    use std::error::Error as _;
    matches!(
        error.source().and_then(|source| source.downcast_ref::<tungstenite::Error>()),
        Some(tungstenite::Error::Capacity(_))
    )
}

/// Parses a text frame, telling malformed JSON, unknown types and wrong shapes apart.
pub(super) fn parse_frame(text: &str) -> Result<ClientFrame, ErrorBody> {
    if text.len() > MAX_FRAME_BYTES {
        return Err(ErrorBody::new(
            ErrorCode::FrameTooLarge,
            format!("frames are limited to {MAX_FRAME_BYTES} bytes; this one was {}", text.len()),
        ));
    }
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| ErrorBody::new(ErrorCode::MalformedFrame, format!("frame is not valid JSON: {e}")))?;
    let Some(kind) = value.get("type").and_then(serde_json::Value::as_str).map(str::to_owned) else {
        return Err(ErrorBody::new(ErrorCode::MalformedFrame, "frame must be a JSON object with a string \"type\""));
    };
    if !CLIENT_FRAME_TYPES.contains(&kind.as_str()) {
        let shown: String = kind.chars().take(40).collect();
        return Err(ErrorBody::new(ErrorCode::UnknownFrame, format!("unknown frame type \"{shown}\"")));
    }
    serde_json::from_value(value)
        .map_err(|e| ErrorBody::new(ErrorCode::MalformedFrame, format!("bad \"{kind}\" frame: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_classified() {
        assert_eq!(parse_frame("{nope").map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
        assert_eq!(parse_frame("[1,2]").map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
        assert_eq!(parse_frame(r#"{"type":"fly"}"#).map_err(|e| e.code), Err(ErrorCode::UnknownFrame));
        assert_eq!(parse_frame(r#"{"type":"send"}"#).map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
        let big = format!(r#"{{"type":"send","client_id":"a","body":"{}"}}"#, "x".repeat(MAX_FRAME_BYTES));
        assert_eq!(parse_frame(&big).map_err(|e| e.code), Err(ErrorCode::FrameTooLarge));
        assert!(parse_frame(r#"{"type":"subscribe","after_seq":3}"#).is_ok());
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse_frame(&nested[..MAX_FRAME_BYTES]).map_err(|e| e.code), Err(ErrorCode::MalformedFrame));
    }
}
