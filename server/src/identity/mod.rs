//! Who a visitor is: the identity a host application passes to `Helpline('identify', …)`,
//! checked against the workspace's identity secret.
//!
//! Without a proof an identity is a claim: it is stored to describe the visitor to
//! agents, and grants nothing. With a valid `user_hash` or `identity_token` (see
//! `proof.rs`) the proved part is stored on the visitor as well: the visitor then sees
//! that user's conversations and tickets from any browser, and a proved email is a
//! verified address the workspace may mail without confirmation. A proof that fails, a
//! proof for another user than the one the visitor is verified as, or no proof in a
//! workspace that requires one, is refused and nothing is stored.

pub mod proof;

use protocol::api::VisitorIdentity;
use protocol::limits::{MAX_IDENTITY_ATTRIBUTES, MAX_IDENTITY_CHARS};

use crate::auth::token::random_token;
use crate::store::{NewVerification, Store, VerifiedBy, VisitorRecord};
pub use proof::{ProofError, Proved, user_hash};

/// Why an identity was refused. Nothing of it was stored.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// A field is too long, not printable, or the email cannot receive mail.
    #[error("{0}")]
    Invalid(String),
    /// The proof failed, names another user, or the workspace requires one.
    #[error("{0}")]
    NotVerified(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<ProofError> for IdentityError {
    fn from(error: ProofError) -> Self {
        IdentityError::NotVerified(error.to_string())
    }
}

/// A new identity secret: `hls_` and 256 random bits, so secret scanners can spot one.
pub fn new_secret() -> String {
    format!("hls_{}", random_token())
}

/// Checks `given` for `visitor` and stores what it claims and what it proves.
pub async fn identify(
    store: &Store,
    visitor: &VisitorRecord,
    given: &VisitorIdentity,
    now: i64,
) -> Result<(), IdentityError> {
    let mut claims = clean(given).map_err(IdentityError::Invalid)?;
    let settings = store
        .identity_settings(visitor.workspace_id, new_secret)
        .await?
        .ok_or_else(|| anyhow::anyhow!("the visitor's workspace is gone"))?;
    let proved =
        proof::check(&settings.secret, &claims, given.user_hash.as_deref(), given.identity_token.as_deref(), now)?;
    let Some(proved) = proved else {
        if settings.require_verified {
            return Err(IdentityError::NotVerified(
                "this workspace accepts only verified identities: add user_hash or identity_token".to_owned(),
            ));
        }
        store.set_visitor_identity(visitor.id, &to_json(&claims)?).await?;
        return Ok(());
    };
    let before = proof::subject(visitor.verified_user_id.as_deref(), visitor.verified_email.as_deref());
    if before.is_some() && before != proved.subject() {
        return Err(IdentityError::NotVerified(
            "this visitor is verified as another user; call Helpline('reset') when the user changes".to_owned(),
        ));
    }
    // What the proof covers wins over the plain fields; the same user proved again keeps
    // what an earlier, fuller proof established.
    let user_id = proved.user_id.clone().or_else(|| visitor.verified_user_id.clone());
    let email = proved.email.clone().or_else(|| visitor.verified_email.clone());
    let name = proved.name.clone().or_else(|| visitor.verified_name.clone());
    claims.user_id = user_id.clone().or(claims.user_id);
    claims.email = email.clone().or(claims.email);
    claims.name = name.clone().or(claims.name);
    let verification = NewVerification {
        user_id: user_id.as_deref(),
        email: email.as_deref(),
        name: name.as_deref(),
        method: proved.method.as_str(),
    };
    store.set_visitor_verified(visitor.id, &to_json(&claims)?, &verification, now).await?;
    if let Some(email) = &email {
        store.verify_address(visitor.workspace_id, email, VerifiedBy::Identity, now).await?;
    }
    Ok(())
}

/// The identity as it is stored: fields trimmed and blank ones dropped, proofs left
/// out. An email mail cannot be sent to, or anything over the limits, is refused with
/// the reason.
pub fn clean(identity: &VisitorIdentity) -> Result<VisitorIdentity, String> {
    let clean = |value: &Option<String>, what: &str| -> Result<Option<String>, String> {
        let Some(value) = value.as_deref().map(str::trim).filter(|value| !value.is_empty()) else {
            return Ok(None);
        };
        if value.chars().count() > MAX_IDENTITY_CHARS || value.chars().any(char::is_control) {
            return Err(format!("identity {what} must be at most {MAX_IDENTITY_CHARS} printable characters"));
        }
        Ok(Some(value.to_owned()))
    };
    let email = clean(&identity.email, "email")?;
    if email.as_deref().is_some_and(|email| !crate::mail::is_email(email)) {
        return Err("identity email is not an address mail can be sent to".to_owned());
    }
    if identity.attributes.len() > MAX_IDENTITY_ATTRIBUTES {
        return Err(format!("identity may carry at most {MAX_IDENTITY_ATTRIBUTES} attributes"));
    }
    let mut attributes = Vec::new();
    for (key, value) in &identity.attributes {
        let key = clean(&Some(key.clone()), "attribute name")?.ok_or("identity attribute names must not be empty")?;
        attributes.push((key, clean(&Some(value.clone()), "attribute value")?.unwrap_or_default()));
    }
    Ok(VisitorIdentity {
        email,
        name: clean(&identity.name, "name")?,
        user_id: clean(&identity.user_id, "user_id")?,
        company_id: clean(&identity.company_id, "company_id")?,
        attributes,
        user_hash: None,
        identity_token: None,
    })
}

fn to_json(identity: &VisitorIdentity) -> anyhow::Result<String> {
    Ok(serde_json::to_string(identity)?)
}
