//! The browser layer (the `web` feature): thin wrappers that feed browser events into the
//! pure rules of the crate and carry out what they decide.

pub mod dom;
pub mod http;
pub mod l10n;
pub mod lazy;
pub mod random;
pub mod socket;
pub mod storage;
pub mod time;
pub mod uploads;
