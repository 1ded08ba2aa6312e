//! Grant tokens: what a host's admin tooling checks before it lets support into a
//! user's account. A compact JWS (HS256) keyed with the workspace's identity secret, the
//! secret the host already holds to prove its users to Helpline, carrying the
//! [`GrantClaims`]. It ends with the grant and within [`TOKEN_TTL_SECS`], so a revoked
//! grant stops letting support in within minutes even where a token was issued; hosts
//! that must see a revocation at once ask `GET /api/v1/backend/access/grants` as well.
//!
//! [`verify`] is the documented check, the one a host implements: signature, algorithm
//! (HS256 only), issuer, audience (the host's app id), and expiry.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use protocol::access::GrantClaims;

use crate::store::GrantRecord;

/// The longest a token is valid, in seconds.
pub const TOKEN_TTL_SECS: i64 = 15 * 60;
/// The issuer every token names.
pub const ISSUER: &str = "helpline";

/// Signs a token for `grant`, active at `now` (milliseconds), for `agent`. Returns the
/// token and when it expires (milliseconds).
pub fn sign(secret: &str, app_id: &str, grant: &GrantRecord, agent: &str, now: i64) -> anyhow::Result<(String, i64)> {
    let iat = now.div_euclid(1000);
    let exp = (iat + TOKEN_TTL_SECS).min(grant.expires_at.div_euclid(1000));
    let claims = GrantClaims {
        iss: ISSUER.to_owned(),
        aud: app_id.to_owned(),
        sub: grant.user_id.clone(),
        grant: grant.id,
        level: grant.level(),
        agent: agent.to_owned(),
        iat,
        exp,
    };
    let token =
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(secret.as_bytes()))?;
    Ok((token, exp.saturating_mul(1000)))
}

/// Checks a token as a host does: HS256 under `secret`, issued by Helpline for `app_id`,
/// not expired at `now_secs`. Returns its claims.
pub fn verify(
    secret: &str,
    app_id: &str,
    token: &str,
    now_secs: i64,
) -> Result<GrantClaims, jsonwebtoken::errors::Error> {
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&[ISSUER]);
    validation.set_audience(&[app_id]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.leeway = 0;
    // The library reads the system clock; checking against the caller's keeps tests on
    // the server's clock.
    validation.validate_exp = false;
    let claims =
        jsonwebtoken::decode::<GrantClaims>(token, &DecodingKey::from_secret(secret.as_bytes()), &validation)?.claims;
    if claims.exp <= now_secs {
        return Err(jsonwebtoken::errors::ErrorKind::ExpiredSignature.into());
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "hls_a-secret-the-host-also-holds-0123456789";

    fn grant(expires_at: i64) -> GrantRecord {
        GrantRecord {
            id: 9,
            workspace_id: 1,
            user_id: "user-42".into(),
            level: "act".into(),
            granted_by: 3,
            created_at: 0,
            expires_at,
            revoked_at: None,
        }
    }

    #[test]
    fn a_token_verifies_for_its_app_until_it_expires() -> anyhow::Result<()> {
        let now = 1_800_000_000_000;
        let (token, expires_at) = sign(SECRET, "acme", &grant(now + 3_600_000), "Ada", now)?;
        assert_eq!(expires_at, now + TOKEN_TTL_SECS * 1000, "at most 15 minutes");
        let claims = verify(SECRET, "acme", &token, now / 1000)?;
        assert_eq!((claims.sub.as_str(), claims.grant, claims.agent.as_str()), ("user-42", 9, "Ada"));
        assert!(verify(SECRET, "acme", &token, expires_at / 1000).is_err(), "expired");
        assert!(verify(SECRET, "other-app", &token, now / 1000).is_err(), "another app's");
        assert!(verify("hls_another-secret-entirely-0123456789", "acme", &token, now / 1000).is_err(), "forged");
        let mut tampered = token.clone();
        tampered.insert(token.find('.').map_or(0, |dot| dot + 3), 'x');
        assert!(verify(SECRET, "acme", &tampered, now / 1000).is_err(), "tampered");
        Ok(())
    }

    #[test]
    fn a_token_ends_with_its_grant() -> anyhow::Result<()> {
        let now = 1_800_000_000_000;
        let (_, expires_at) = sign(SECRET, "acme", &grant(now + 60_000), "Ada", now)?;
        assert_eq!(expires_at, now + 60_000);
        Ok(())
    }
}
