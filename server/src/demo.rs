//! The demo host application's own side, for `serve --demo`: a customer account the
//! demo pages show, and the API key its "admin tooling" calls Helpline's backend API
//! with. Nothing here is Helpline's data; it stands in for the host's database.

use std::sync::{Mutex, OnceLock};

/// The demo customer's host user id, name and address.
pub const CUSTOMER_ID: &str = "demo-customer";
pub const CUSTOMER_NAME: &str = "Sam Rivera";
pub const CUSTOMER_EMAIL: &str = "sam@larkspur.example";
/// Who the demo's admin tooling says acts under a grant.
pub const SUPPORT_AGENT: &str = "Demo Agent";
/// Longest billing address the demo accepts.
pub const MAX_ADDRESS_CHARS: usize = 200;

const FIRST_ADDRESS: &str = "12 Harbour Street, Bristol BS1 4RN";

/// The demo host's state. Lives as long as the server.
#[derive(Debug, Default)]
pub struct DemoHost {
    /// The API key of the demo's admin tooling, set once the demo is prepared.
    key: OnceLock<String>,
    /// The customer's billing address, as support may change it.
    billing: Mutex<Option<String>>,
}

impl DemoHost {
    /// Keeps the admin tooling's API key; only the first call sets it.
    pub fn set_key(&self, key: String) {
        let _ = self.key.set(key);
    }

    pub fn key(&self) -> Option<&str> {
        self.key.get().map(String::as_str)
    }

    pub fn billing_address(&self) -> String {
        self.lock().clone().unwrap_or_else(|| FIRST_ADDRESS.to_owned())
    }

    /// Changes the address; returns the one before.
    pub fn change_billing_address(&self, address: &str) -> String {
        let mut billing = self.lock();
        let before = billing.clone().unwrap_or_else(|| FIRST_ADDRESS.to_owned());
        *billing = Some(address.to_owned());
        before
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        // The guarded value is a plain string: a panic elsewhere cannot leave it torn.
        self.billing.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
