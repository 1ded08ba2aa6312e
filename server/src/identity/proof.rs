//! Checking the proof a host application attaches to `identify`: a `user_hash` (hex
//! HMAC-SHA256 of the user id, or of the email when there is no user id) or an
//! `identity_token` (a JWT signed HS256), both keyed with the workspace's identity
//! secret. Pure: the caller passes the secret and the time.

use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use protocol::api::{VerificationMethod, VisitorIdentity};
use serde::Deserialize;
use sha2::Sha256;

/// What a valid proof establishes. Fields it does not cover are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proved {
    pub user_id: Option<String>,
    pub email: Option<String>,
    pub name: Option<String>,
    pub method: VerificationMethod,
}

impl Proved {
    /// Who the proof is about: the user id, else the email in lower case. Two proofs
    /// with different subjects are different users.
    pub fn subject(&self) -> Option<String> {
        subject(self.user_id.as_deref(), self.email.as_deref())
    }
}

/// Why a proof was refused. The messages go to the host's developers, through the
/// messenger's error frame.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProofError {
    #[error(
        "user_hash does not match: it must be the hex HMAC-SHA256 of user_id (or of email when there is no user_id) keyed with this workspace's identity secret"
    )]
    HashMismatch,
    #[error("user_hash needs a user_id or an email to be the hash of")]
    HashWithoutSubject,
    #[error("identity_token is not valid for this workspace ({0})")]
    BadToken(String),
    #[error("identity_token has expired")]
    Expired,
    #[error("identity_token carries neither user_id nor email")]
    TokenWithoutSubject,
}

/// Seconds a token is still taken after its `exp`, for clocks that disagree a little.
const EXP_LEEWAY_SECS: f64 = 60.0;
/// Longest token read; real ones are a few hundred bytes.
const MAX_TOKEN_BYTES: usize = 4096;

/// Checks the proof that comes with `identity` (already cleaned: trimmed, blank fields
/// dropped). `Ok(None)` when there is no proof. A token wins over a hash.
pub fn check(
    secret: &str,
    identity: &VisitorIdentity,
    user_hash: Option<&str>,
    identity_token: Option<&str>,
    now_ms: i64,
) -> Result<Option<Proved>, ProofError> {
    if let Some(token) = identity_token {
        return check_token(secret, token, now_ms).map(Some);
    }
    let Some(hash) = user_hash else {
        return Ok(None);
    };
    let subject = identity.user_id.as_deref().or(identity.email.as_deref()).ok_or(ProofError::HashWithoutSubject)?;
    let given = hex::decode(hash.trim()).map_err(|_| ProofError::HashMismatch)?;
    // `verify_slice` compares in constant time and refuses a tag of the wrong length.
    keyed(secret).chain_update(subject.as_bytes()).verify_slice(&given).map_err(|_| ProofError::HashMismatch)?;
    Ok(Some(Proved {
        user_id: identity.user_id.clone(),
        email: if identity.user_id.is_none() { identity.email.clone() } else { None },
        name: None,
        method: VerificationMethod::UserHash,
    }))
}

/// The `user_hash` a host computes for `subject`; for tests and the docs' examples.
pub fn user_hash(secret: &str, subject: &str) -> String {
    hex::encode(keyed(secret).chain_update(subject.as_bytes()).finalize().into_bytes())
}

/// The subject of an identity: the user id, else the email in lower case.
pub fn subject(user_id: Option<&str>, email: Option<&str>) -> Option<String> {
    user_id.map(|id| format!("user:{id}")).or_else(|| email.map(|email| format!("email:{}", email.to_lowercase())))
}

fn keyed(secret: &str) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length")
}

/// The claims an identity token carries. Ids may be numbers in the host's JSON.
#[derive(Debug, Deserialize)]
struct Claims {
    #[serde(default, deserialize_with = "text")]
    user_id: Option<String>,
    #[serde(default, deserialize_with = "text")]
    email: Option<String>,
    #[serde(default, deserialize_with = "text")]
    name: Option<String>,
    /// Seconds since the Unix epoch; required.
    exp: f64,
}

fn check_token(secret: &str, token: &str, now_ms: i64) -> Result<Proved, ProofError> {
    if token.len() > MAX_TOKEN_BYTES {
        return Err(ProofError::BadToken("too long".to_owned()));
    }
    // Only HS256; `exp` is checked below against the server's clock (which tests can
    // move), and a missing `exp` fails to deserialise into `Claims`.
    let mut validation = Validation::new(Algorithm::HS256);
    validation.validate_exp = false;
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    let data = jsonwebtoken::decode::<Claims>(token.trim(), &DecodingKey::from_secret(secret.as_bytes()), &validation)
        .map_err(|error| ProofError::BadToken(describe(&error)))?;
    let claims = data.claims;
    let now_secs = now_ms as f64 / 1000.0;
    if !claims.exp.is_finite() || claims.exp + EXP_LEEWAY_SECS < now_secs {
        return Err(ProofError::Expired);
    }
    let clean = |value: Option<String>| value.map(|text| text.trim().to_owned()).filter(|text| !text.is_empty());
    let proved = Proved {
        user_id: clean(claims.user_id),
        email: clean(claims.email),
        name: clean(claims.name),
        method: VerificationMethod::IdentityToken,
    };
    if proved.user_id.is_none() && proved.email.is_none() {
        return Err(ProofError::TokenWithoutSubject);
    }
    Ok(proved)
}

/// A short reason for a refused token, without echoing it.
fn describe(error: &jsonwebtoken::errors::Error) -> String {
    use jsonwebtoken::errors::ErrorKind;
    match error.kind() {
        ErrorKind::InvalidSignature => "the signature does not match this workspace's identity secret".to_owned(),
        ErrorKind::InvalidAlgorithm | ErrorKind::InvalidAlgorithmName => "only HS256 is accepted".to_owned(),
        ErrorKind::Json(_) => "its claims are not valid: exp is required, user_id, email and name are text".to_owned(),
        _ => "it is not a well-formed JWT".to_owned(),
    }
}

/// Reads a string, or a number or boolean as text.
fn text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::String(text)) => Some(text),
        Some(serde_json::Value::Number(number)) => Some(number.to_string()),
        Some(serde_json::Value::Bool(flag)) => Some(flag.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use jsonwebtoken::{EncodingKey, Header};

    use super::*;

    const SECRET: &str = "hls_test-secret";
    const NOW_MS: i64 = 1_800_000_000_000;

    fn identity(user_id: Option<&str>, email: Option<&str>) -> VisitorIdentity {
        VisitorIdentity {
            user_id: user_id.map(str::to_owned),
            email: email.map(str::to_owned),
            ..VisitorIdentity::default()
        }
    }

    fn token(secret: &str, claims: serde_json::Value) -> String {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(secret.as_bytes()))
            .expect("token")
    }

    #[test]
    fn a_hash_of_the_user_id_proves_the_user_id_only() {
        let claimed = identity(Some("42"), Some("ann@example.com"));
        let proved = check(SECRET, &claimed, Some(&user_hash(SECRET, "42")), None, NOW_MS).expect("valid");
        let proved = proved.expect("a proof");
        assert_eq!(proved.user_id.as_deref(), Some("42"));
        assert_eq!(proved.email, None, "the email is not covered by a hash of the user id");
    }

    #[test]
    fn a_hash_of_the_email_proves_the_email_when_there_is_no_user_id() {
        let claimed = identity(None, Some("ann@example.com"));
        let proved = check(SECRET, &claimed, Some(&user_hash(SECRET, "ann@example.com")), None, NOW_MS).expect("valid");
        assert_eq!(proved.and_then(|proved| proved.email).as_deref(), Some("ann@example.com"));
    }

    #[test]
    fn forged_and_misplaced_hashes_are_refused() {
        let claimed = identity(Some("42"), None);
        assert_eq!(
            check(SECRET, &claimed, Some(&user_hash("other", "42")), None, NOW_MS),
            Err(ProofError::HashMismatch)
        );
        assert_eq!(
            check(SECRET, &claimed, Some(&user_hash(SECRET, "43")), None, NOW_MS),
            Err(ProofError::HashMismatch)
        );
        assert_eq!(check(SECRET, &claimed, Some("zz"), None, NOW_MS), Err(ProofError::HashMismatch));
        assert_eq!(check(SECRET, &identity(None, None), Some("00"), None, NOW_MS), Err(ProofError::HashWithoutSubject));
        assert_eq!(check(SECRET, &claimed, None, None, NOW_MS), Ok(None));
    }

    #[test]
    fn a_token_proves_its_claims_until_it_expires() {
        let exp = NOW_MS / 1000 + 600;
        let signed =
            token(SECRET, serde_json::json!({ "user_id": 42, "email": "ann@example.com", "name": "Ann", "exp": exp }));
        let proved =
            check(SECRET, &identity(Some("7"), None), None, Some(&signed), NOW_MS).expect("valid").expect("proof");
        assert_eq!(proved.user_id.as_deref(), Some("42"), "the token's claims win over the plain fields");
        assert_eq!(proved.email.as_deref(), Some("ann@example.com"));
        assert_eq!(proved.name.as_deref(), Some("Ann"));
        let later = (exp + 61) * 1000;
        assert_eq!(check(SECRET, &identity(None, None), None, Some(&signed), later), Err(ProofError::Expired));
    }

    #[test]
    fn forged_unsigned_and_expiry_less_tokens_are_refused() {
        let exp = NOW_MS / 1000 + 600;
        let forged = token("another workspace", serde_json::json!({ "user_id": "42", "exp": exp }));
        assert!(matches!(
            check(SECRET, &identity(None, None), None, Some(&forged), NOW_MS),
            Err(ProofError::BadToken(_))
        ));
        let no_exp = token(SECRET, serde_json::json!({ "user_id": "42" }));
        assert!(matches!(
            check(SECRET, &identity(None, None), None, Some(&no_exp), NOW_MS),
            Err(ProofError::BadToken(_))
        ));
        // `alg: none` with no signature.
        let unsigned = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!(r#"{{"user_id":"42","exp":{exp}}}"#))
        });
        assert!(matches!(
            check(SECRET, &identity(None, None), None, Some(&unsigned), NOW_MS),
            Err(ProofError::BadToken(_))
        ));
        let other_algorithm = jsonwebtoken::encode(
            &Header::new(Algorithm::HS512),
            &serde_json::json!({ "user_id": "42", "exp": exp }),
            &EncodingKey::from_secret(SECRET.as_bytes()),
        )
        .expect("token");
        assert!(matches!(
            check(SECRET, &identity(None, None), None, Some(&other_algorithm), NOW_MS),
            Err(ProofError::BadToken(_))
        ));
        let nobody = token(SECRET, serde_json::json!({ "name": "Ann", "exp": exp }));
        assert_eq!(
            check(SECRET, &identity(None, None), None, Some(&nobody), NOW_MS),
            Err(ProofError::TokenWithoutSubject)
        );
    }
}
