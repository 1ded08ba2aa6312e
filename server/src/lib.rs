//! Helpline's server: the HTTP and WebSocket API, the live chat hub, storage on SQLite
//! or PostgreSQL, and the embedded widget and console. `main.rs` is a thin wrapper so
//! tests and tools can start the real server from here.

pub mod access;
pub mod articles;
pub mod assets;
pub mod auth;
pub mod chat;
pub mod cli;
pub mod clock;
pub mod cluster;
pub mod config;
pub mod demo;
pub mod error;
pub mod files;
pub mod http;
pub mod identity;
pub mod language;
pub mod limits;
pub mod mail;
pub mod operator;
pub mod origin;
pub mod reports;
pub mod retention;
pub mod search;
pub mod shutdown;
pub mod startup;
pub mod state;
pub mod store;
pub mod telemetry;
pub mod tickets;
pub mod webhooks;
pub mod wire;

pub use config::Config;
pub use startup::{Application, Options};
