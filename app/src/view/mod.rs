//! The console's components, one per file; `Shell` lays out the signed-in ones.

mod access;
mod audit;
mod composer;
mod conversation;
mod field;
mod handoff;
mod help;
mod inbox;
mod link;
mod login;
mod message_row;
mod not_found;
mod ownership;
mod reply_picker;
mod reports;
mod settings;
mod shell;
mod status_banner;
mod tabs;
mod tickets;
mod top_bar;
mod visitor_panel;

pub use login::Login;
pub use shell::Shell;
