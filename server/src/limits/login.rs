//! Console sign-in throttling: failures per client IP, per account and per known
//! browser, each with growing delays, arranged so an attacker cannot lock a real agent
//! out (the design is in docs/protocol.md, "Sign-in limits").
//!
//! - A browser holding a valid known-device cookie for the account is judged on its
//!   own failures only: neither its network's nor the account's count stops it.
//! - Any other attempt must pass its IP's count and the account's count of failures
//!   from unknown browsers.
//! - A failure counts against the account only while its IP is within its own free
//!   failures, so one address alone can never throttle the account for others; it
//!   takes an attack from several networks.

use std::time::Duration;

use super::{Backoff, Charge, ClientIp, LimitsConfig};
use crate::clock::Clock;
use crate::error::ApiError;

/// The throttles every password check passes.
#[derive(Debug)]
pub struct LoginLimits {
    per_ip: Backoff<ClientIp>,
    per_account: Backoff<String>,
    per_device: Backoff<String>,
}

/// What an attempt was charged to. Dropping it keeps the charge (the attempt failed);
/// `LoginLimits::refund` gives it back (it succeeded, or was never decided).
#[derive(Debug)]
#[must_use = "a failed attempt is dropped; a successful or undecided one is refunded"]
pub struct LoginAttempt {
    charges: Vec<(Key, Charge)>,
}

#[derive(Debug)]
enum Key {
    Ip(ClientIp),
    Account(String),
    Device(String),
}

/// Who is asking, as far as throttling cares.
#[derive(Debug, Clone, Copy)]
pub struct Caller<'a> {
    pub ip: ClientIp,
    /// The normalised email, or `None` when it cannot name an account (too long).
    pub account: Option<&'a str>,
    /// The id of a valid known-device cookie for this account.
    pub device: Option<&'a str>,
}

const IP_MESSAGE: &str = "too many failed sign-ins from your network; please wait before trying again";
const ACCOUNT_MESSAGE: &str = "too many failed sign-ins for this account; please wait, or sign in from a browser \
                               that has signed in to it before";
const DEVICE_MESSAGE: &str = "too many failed sign-ins from this browser; please wait before trying again";

impl LoginLimits {
    pub fn new(config: &LimitsConfig, clock: &Clock) -> Self {
        let max_delay = Duration::from_secs(config.login_max_delay_secs);
        Self {
            per_ip: Backoff::new(config.login_failures_per_ip, max_delay, clock),
            per_account: Backoff::new(config.login_failures_per_account, max_delay, clock),
            per_device: Backoff::new(config.login_failures_per_device, max_delay, clock),
        }
    }

    /// Charges an attempt before its password is checked, or refuses it with
    /// `RateLimited` and how long to wait. A refused attempt costs nothing and checks
    /// no password, so a throttled client learns nothing, not even from the right one.
    pub fn begin(&self, caller: Caller<'_>) -> Result<LoginAttempt, ApiError> {
        let limited = |message, retry_after| ApiError::RateLimited { message, retry_after };
        if let Some(device) = caller.device {
            let key = device.to_owned();
            let charge = self.per_device.try_charge(&key).map_err(|wait| limited(DEVICE_MESSAGE, wait))?;
            return Ok(LoginAttempt { charges: vec![(Key::Device(key), charge)] });
        }
        // Read before charging: this attempt counts against the account only if its
        // network had not used up its own free failures already.
        let ip_in_good_standing = self.per_ip.in_good_standing(&caller.ip);
        let ip_charge = self.per_ip.try_charge(&caller.ip).map_err(|wait| limited(IP_MESSAGE, wait))?;
        let mut attempt = LoginAttempt { charges: vec![(Key::Ip(caller.ip), ip_charge)] };
        let Some(account) = caller.account else {
            return Ok(attempt);
        };
        let key = account.to_owned();
        let account_result = if ip_in_good_standing {
            self.per_account.try_charge(&key).map(Some)
        } else {
            self.per_account.wait_time(&key).map_or(Ok(None), Err)
        };
        match account_result {
            Ok(Some(charge)) => attempt.charges.push((Key::Account(key), charge)),
            Ok(None) => {}
            Err(wait) => {
                self.refund(attempt);
                return Err(limited(ACCOUNT_MESSAGE, wait));
            }
        }
        Ok(attempt)
    }

    /// Gives an attempt's charges back: the password was right, or it was never
    /// checked (the server was busy).
    pub fn refund(&self, attempt: LoginAttempt) {
        for (key, charge) in attempt.charges {
            match key {
                Key::Ip(ip) => self.per_ip.refund(&ip, charge),
                Key::Account(account) => self.per_account.refund(&account, charge),
                Key::Device(device) => self.per_device.refund(&device, charge),
            }
        }
    }

    /// Forgets keys whose failures have all been forgotten.
    pub fn retain_recent(&self) {
        self.per_ip.retain_recent();
        self.per_account.retain_recent();
        self.per_device.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(clock: &Clock) -> LoginLimits {
        let config = LimitsConfig {
            login_failures_per_ip: "3/hour".parse().expect("rate"),
            login_failures_per_account: "5/hour".parse().expect("rate"),
            login_failures_per_device: "2/hour".parse().expect("rate"),
            ..LimitsConfig::default()
        };
        LoginLimits::new(&config, clock)
    }

    fn ip(last: u8) -> ClientIp {
        ClientIp([203, 0, 113, last].into())
    }

    fn fail(limits: &LoginLimits, caller: Caller<'_>) -> Result<(), ApiError> {
        limits.begin(caller).map(drop)
    }

    #[test]
    fn one_network_alone_cannot_throttle_an_account_for_others() {
        let clock = Clock::default();
        let limits = limits(&clock);
        let attacker = Caller { ip: ip(1), account: Some("admin@acme.example"), device: None };
        for _ in 0..3 {
            fail(&limits, attacker).expect("free failures");
        }
        // The attacker keeps going as fast as the delays allow.
        for _ in 0..10 {
            let Err(ApiError::RateLimited { retry_after, .. }) = fail(&limits, attacker) else {
                panic!("the attacker's network waits");
            };
            clock.advance(retry_after);
            fail(&limits, attacker).expect("after the wait");
        }
        let admin = Caller { ip: ip(2), ..attacker };
        let attempt = limits.begin(admin).expect("the account is not throttled by one network");
        limits.refund(attempt);
    }

    #[test]
    fn several_networks_throttle_the_account_but_not_its_known_browser() {
        let clock = Clock::default();
        let limits = limits(&clock);
        let account = Some("admin@acme.example");
        for (n, failures) in [(1, 3), (2, 2)] {
            for _ in 0..failures {
                fail(&limits, Caller { ip: ip(n), account, device: None }).expect("within the network's free failures");
            }
        }
        let fresh = Caller { ip: ip(9), account, device: None };
        let Err(ApiError::RateLimited { message, .. }) = fail(&limits, fresh) else {
            panic!("the account is throttled for unknown browsers");
        };
        assert_eq!(message, ACCOUNT_MESSAGE);
        let other_account = Caller { account: Some("agent@acme.example"), ..fresh };
        let attempt = limits.begin(other_account).expect("other accounts are untouched");
        limits.refund(attempt);
        let known = Caller { ip: ip(1), account, device: Some("device-1") };
        fail(&limits, known).expect("a known browser is judged on its own failures");
        fail(&limits, known).expect("its second free failure");
        assert!(fail(&limits, known).is_err(), "and is throttled after them");
    }
}
