//! The client runtime the messenger (`widget`) and the console (`app`) share.
//!
//! The pure rules live in the top-level modules and are tested on the host:
//! [`backoff`] and [`reconnect`] decide when the WebSocket connects again, [`outbox`]
//! keeps unacknowledged messages by client id (and the form a reload restores them
//! from), [`rest`] maps an HTTP answer to the one [`rest::ApiError`] and decides whether
//! and when to retry, [`json`] reads and writes JSON text, [`ids`] formats client ids,
//! [`timeline`] orders committed messages, [`time`] turns wire times into text and
//! [`size`] file sizes.
//!
//! [`web`] (the `web` feature, which both apps turn on) is the thin browser layer over them: the socket, `fetch`,
//! localStorage, timers, listeners and the locale's date formatting.

pub mod backoff;
pub mod ids;
pub mod json;
pub mod outbox;
pub mod reconnect;
pub mod rest;
pub mod size;
pub mod time;
pub mod timeline;

#[cfg(feature = "web")]
pub mod web;
