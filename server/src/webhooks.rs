//! Webhooks: the host's backend hears of support access grants, revocations and expiries.
//!
//! Each event is queued in the transaction that makes it (`store/webhooks.rs`), so none
//! is lost or told twice by Helpline's side, and a worker POSTs it as JSON to the
//! workspace's webhook URL, retrying with the mail outbox's backoff until a 2xx answer
//! or the last attempt. Every request carries `Helpline-Delivery` (the delivery's id,
//! the same on every retry, for the receiver to drop repeats), `Helpline-Event` and
//! `Helpline-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` under
//! the workspace's webhook secret. The receiver checks the signature and refuses a
//! timestamp more than five minutes from its clock, which stops replays ([`verify`]).
//! Redirects are not followed.

use std::sync::Arc;
use std::time::Duration;

use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::Sha256;
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::mail::outbox::{OutboxSettings, backoff};
use crate::shutdown::Shutdown;
use crate::store::{Store, WebhookDelivery};

/// How far a signature's timestamp may be from the receiver's clock.
pub const TOLERANCE_SECS: i64 = 5 * 60;
/// How long one delivery may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// An event's body.
#[derive(Debug, Serialize)]
pub struct Event<'a, T: Serialize> {
    pub event: &'a str,
    pub occurred_at: i64,
    pub grant: &'a T,
}

/// An event's JSON body.
pub fn payload<T: Serialize>(event: &str, occurred_at: i64, grant: &T) -> String {
    serde_json::to_string(&Event { event, occurred_at, grant }).unwrap_or_else(|_| "{}".to_owned())
}

/// The `Helpline-Signature` header for `body` sent at `timestamp` (unix seconds).
pub fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    format!("t={timestamp},v1={}", hex::encode(mac(secret, timestamp, body).finalize().into_bytes()))
}

/// The check a receiver makes: the header's signature matches `body` under `secret`,
/// and its timestamp is within [`TOLERANCE_SECS`] of `now_secs`.
pub fn verify(secret: &str, header: &str, body: &str, now_secs: i64) -> bool {
    let mut timestamp = None;
    let mut signatures = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", value)) => timestamp = value.parse::<i64>().ok(),
            Some(("v1", value)) => signatures.extend(hex::decode(value).ok()),
            _ => {}
        }
    }
    let Some(timestamp) = timestamp else { return false };
    if (now_secs - timestamp).abs() > TOLERANCE_SECS {
        return false;
    }
    signatures.iter().any(|signature| mac(secret, timestamp, body).verify_slice(signature).is_ok())
}

fn mac(secret: &str, timestamp: i64, body: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    mac
}

/// A new webhook secret: `whsec_` and 256 random bits.
pub fn new_secret() -> String {
    format!("whsec_{}", crate::auth::token::random_token())
}

/// Wakes the worker after an event is queued. Cheap to clone.
#[derive(Debug, Clone, Default)]
pub struct WebhookHandle {
    notify: Arc<Notify>,
}

impl WebhookHandle {
    pub fn poke(&self) {
        self.notify.notify_one();
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    pub delivered: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Delivers queued webhooks. Several may run at once, on several nodes.
#[derive(Debug, Clone)]
pub struct WebhookWorker {
    pub store: Store,
    pub clock: Clock,
    pub client: reqwest::Client,
    /// The mail outbox's pacing: backoff, attempts, lease and batch.
    pub settings: OutboxSettings,
}

impl WebhookWorker {
    pub fn new(store: Store, clock: Clock) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Helpline-Webhooks/1")
            .build()?;
        Ok(Self { store, clock, client, settings: OutboxSettings::default() })
    }

    /// Sends what is due now.
    pub async fn run_once(&self) -> anyhow::Result<Delivered> {
        let lease_ms = i64::try_from(self.settings.lease.as_millis()).unwrap_or(i64::MAX);
        let claimed = self.store.claim_due_webhooks(self.clock.now(), lease_ms, self.settings.batch).await?;
        let mut done = Delivered::default();
        for delivery in &claimed {
            let outcome = self.send(delivery).await;
            let now = self.clock.now();
            let (retry_at, error) = match &outcome {
                Ok(()) => {
                    done.delivered += 1;
                    (None, None)
                }
                Err(error) if delivery.attempts < self.settings.max_attempts => {
                    done.retried += 1;
                    let wait =
                        i64::try_from(backoff(&self.settings, delivery.attempts).as_millis()).unwrap_or(i64::MAX);
                    (Some(now.saturating_add(wait)), Some(error.as_str()))
                }
                Err(error) => {
                    done.failed += 1;
                    tracing::warn!(id = delivery.id, %error, "a webhook was given up on");
                    (None, Some(error.as_str()))
                }
            };
            if !self.store.finish_webhook(delivery, retry_at, error, now).await? {
                tracing::warn!(id = delivery.id, "lost the claim on a webhook while sending it");
            }
        }
        Ok(done)
    }

    async fn send(&self, delivery: &WebhookDelivery) -> Result<(), String> {
        let target = self.store.webhook_target(delivery.workspace_id).await.map_err(|error| format!("{error:#}"))?;
        let (Some(url), Some(secret)) = (target.url, target.secret) else {
            return Err("the workspace has no webhook URL any more".to_owned());
        };
        let signature = sign(&secret, self.clock.now().div_euclid(1000), &delivery.payload);
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("helpline-delivery", delivery.id.to_string())
            .header("helpline-event", &delivery.event)
            .header("helpline-signature", signature)
            .body(delivery.payload.clone())
            .send()
            .await
            .map_err(|error| error.to_string())?;
        if response.status().is_success() {
            Ok(())
        } else {
            Err(format!("the receiver answered {}", response.status()))
        }
    }

    /// Runs passes until shutdown, every poll interval or when poked.
    pub async fn run(self, handle: WebhookHandle, mut shutdown: Shutdown) {
        loop {
            if let Err(error) = self.run_once().await {
                tracing::error!(error = format!("{error:#}"), "webhook pass failed");
            }
            tokio::select! {
                () = shutdown.recv() => break,
                () = handle.notify.notified() => {}
                () = tokio::time::sleep(self.settings.poll_interval) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_body_secret_and_time() {
        let body = r#"{"event":"access.granted"}"#;
        let header = sign("whsec_one", 1_800_000_000, body);
        assert!(verify("whsec_one", &header, body, 1_800_000_000));
        assert!(verify("whsec_one", &header, body, 1_800_000_000 + TOLERANCE_SECS));
        assert!(!verify("whsec_one", &header, body, 1_800_000_000 + TOLERANCE_SECS + 1), "a replay later");
        assert!(!verify("whsec_two", &header, body, 1_800_000_000), "another secret");
        assert!(!verify("whsec_one", &header, r#"{"event":"access.revoked"}"#, 1_800_000_000), "another body");
        assert!(!verify("whsec_one", "v1=00", body, 1_800_000_000), "no timestamp");
        let moved = header.replace("t=1800000000", "t=1800000001");
        assert!(!verify("whsec_one", &moved, body, 1_800_000_000), "a changed timestamp");
    }
}
