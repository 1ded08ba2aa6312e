//! Who is calling: agents by session cookie (with CSRF protection), visitors by token.

pub mod agent;
pub mod device;
pub mod password;
pub mod signout;
pub mod token;
pub mod visitor;

pub use agent::{AgentSessionCookie, CurrentAgent, SESSION_COOKIE};
pub use device::KnownDevices;
pub use visitor::CurrentVisitor;
