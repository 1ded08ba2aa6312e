//! Limits that clients and server agree on.

/// Largest WebSocket message the server reads as a frame; bigger ones get a
/// `frame_too_large` error and are dropped while the connection stays open.
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// Default limit on a message body, in characters (Unicode scalar values). Servers may
/// configure another; the widget learns the effective one from `WidgetSession`.
pub const DEFAULT_MAX_BODY_CHARS: usize = 10_000;

/// The WebSocket subprotocol both clients must offer.
pub const WS_PROTOCOL: &str = "helpline.v1";

/// Prefix of the second subprotocol a visitor offers to carry its token, so the token
/// never travels in a URL: `helpline.token.<token>`.
pub const WS_TOKEN_PREFIX: &str = "helpline.token.";

/// Name of the request header that carries the console's CSRF token.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The cookie in which the console keeps the language an agent picked (a locale tag such
/// as `de`); the server renders the console in it, ahead of the browser's languages.
pub const CONSOLE_LOCALE_COOKIE: &str = "helpline_console_locale";

/// The longest language tag a visitor's messenger may report (`de-AT`; BCP 47 allows
/// long ones).
pub const MAX_LOCALE_CHARS: usize = 35;

/// The longest IANA time zone name a visitor's messenger may report (the longest real
/// one has 32 characters).
pub const MAX_TIME_ZONE_CHARS: usize = 64;

/// Host-supplied attributes kept per visitor at most.
pub const MAX_IDENTITY_ATTRIBUTES: usize = 20;

/// Longest identity field or attribute value kept, in characters.
pub const MAX_IDENTITY_CHARS: usize = 500;

/// Deepest nesting of block quotes, lists and HTML elements an article body may have.
/// Real articles nest a few levels; the sanitiser's cost grows with the square of it.
pub const MAX_ARTICLE_NESTING: usize = 100;
