//! Known browsers: a signed cookie a browser receives when it signs in to an account,
//! so that later it can still sign in to that account while the account is throttled
//! for browsers it does not know (OWASP's "device cookies"). It grants nothing by
//! itself: the password is still checked, and the browser has its own small allowance
//! of failures.

use axum::http::HeaderMap;
use axum::http::header::{COOKIE, HeaderValue};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

/// Name of the known-device cookie.
pub const DEVICE_COOKIE: &str = "helpline_device";

/// How long a browser stays known after its last successful sign-in.
pub const DEVICE_LIFETIME_DAYS: i64 = 90;

const DAY_MS: i64 = 86_400_000;

/// Issues and checks known-device cookies with the server's device key.
#[derive(Clone)]
pub struct KnownDevices {
    key: Hmac<Sha256>,
}

impl std::fmt::Debug for KnownDevices {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KnownDevices { key: <secret> }")
    }
}

impl KnownDevices {
    /// A signer with `secret`, which is shared by every node (kept in the database).
    pub fn new(secret: &[u8]) -> anyhow::Result<Self> {
        anyhow::ensure!(secret.len() >= 32, "the device key must have at least 32 bytes");
        let key = Hmac::<Sha256>::new_from_slice(secret).map_err(|e| anyhow::anyhow!("device key: {e}"))?;
        Ok(Self { key })
    }

    /// A new cookie value for the account `email`, issued at `now` (Unix ms):
    /// `<issued>.<id>.<signature>`. The email is signed, not written, so the cookie
    /// does not tell who signed in.
    pub fn issue(&self, email: &str, now: i64) -> String {
        let mut id = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut id);
        let id = URL_SAFE_NO_PAD.encode(id);
        let signature = URL_SAFE_NO_PAD.encode(self.sign(email, now, &id).finalize().into_bytes());
        format!("{now}.{id}.{signature}")
    }

    /// The browser's id when `value` is a cookie this server issued for `email` less
    /// than `DEVICE_LIFETIME_DAYS` ago; `None` for anything else.
    pub fn verify(&self, value: &str, email: &str, now: i64) -> Option<String> {
        let mut parts = value.split('.');
        let (issued, id, signature) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || id.len() != 22 {
            return None;
        }
        let issued: i64 = issued.parse().ok()?;
        let age = now.checked_sub(issued)?;
        if !(0..DEVICE_LIFETIME_DAYS * DAY_MS).contains(&age) {
            return None;
        }
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        // `verify_slice` compares in constant time.
        self.sign(email, issued, id).verify_slice(&signature).ok()?;
        Some(id.to_owned())
    }

    fn sign(&self, email: &str, issued: i64, id: &str) -> Hmac<Sha256> {
        let mut mac = self.key.clone();
        mac.update(format!("helpline known device v1\n{email}\n{issued}\n{id}").as_bytes());
        mac
    }
}

/// The known-device cookie's value from the `Cookie` header, if any.
pub fn device_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == DEVICE_COOKIE)
        .map(|(_, value)| value)
}

/// The `Set-Cookie` value that makes a browser known. It goes only to the sign-in
/// endpoints (`Path=/api/v1/auth`), never to scripts (`HttpOnly`) or other sites.
pub fn set_device_cookie(value: &str, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let max_age = DEVICE_LIFETIME_DAYS * 86_400;
    let value =
        format!("{DEVICE_COOKIE}={value}; Path=/api/v1/auth; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}");
    HeaderValue::from_str(&value).unwrap_or_else(|_| HeaderValue::from_static(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn devices() -> KnownDevices {
        KnownDevices::new(&[7u8; 32]).expect("key")
    }

    #[test]
    fn a_cookie_vouches_for_its_own_account_until_it_expires() {
        let devices = devices();
        let now = 1_700_000_000_000;
        let cookie = devices.issue("admin@acme.example", now);
        let id = devices.verify(&cookie, "admin@acme.example", now + 1000).expect("valid");
        assert_eq!(id.len(), 22);
        assert!(devices.verify(&cookie, "agent@acme.example", now).is_none(), "bound to its account");
        assert!(devices.verify(&cookie, "admin@acme.example", now + DEVICE_LIFETIME_DAYS * DAY_MS).is_none());
        assert!(devices.verify(&cookie, "admin@acme.example", now - 1).is_none(), "not from the future");
        let other_key = KnownDevices::new(&[8u8; 32]).expect("key");
        assert!(other_key.verify(&cookie, "admin@acme.example", now).is_none(), "signed by this server");
    }

    #[test]
    fn tampered_cookies_are_refused() {
        let devices = devices();
        let now = 1_700_000_000_000;
        let cookie = devices.issue("admin@acme.example", now);
        let (issued, rest) = cookie.split_once('.').expect("issued");
        for forged in [
            format!("{}.{rest}", now + 5),
            format!("{issued}.AAAAAAAAAAAAAAAAAAAAAA.{}", rest.split_once('.').expect("id").1),
            format!("{cookie}.extra"),
            cookie.replace('.', ""),
            String::new(),
        ] {
            assert!(devices.verify(&forged, "admin@acme.example", now).is_none(), "{forged}");
        }
    }

    #[test]
    fn the_cookie_is_found_among_others_and_set_strictly() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; helpline_device=x.y.z; b=2"));
        assert_eq!(device_cookie(&headers), Some("x.y.z"));
        let set = set_device_cookie("v", true);
        let set = set.to_str().expect("ascii");
        assert!(set.contains("Path=/api/v1/auth") && set.contains("HttpOnly") && set.contains("SameSite=Strict"));
        assert!(set.ends_with("; Secure"), "{set}");
    }
}
