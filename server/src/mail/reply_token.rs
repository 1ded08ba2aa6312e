//! Signed Reply-To addresses: which ticket or live chat an email reply belongs to.
//!
//! Every email a ticket sends carries a Reply-To address made by plus-addressing the
//! workspace's support address with the ticket's identity and a signature:
//!
//! ```text
//! support+w7.t1001.0c5k2vh1uf3ad8kk6mvd6f1e@helpline.example
//!         ^^ ^^^^^ ^^^^^^^^^^^^^^^^^^^^^^^^
//!         |  |     token: 24 characters of lowercase base32
//!         |  ticket id
//!         workspace id
//! ```
//!
//! Mail about a live chat (agents' replies to a visitor who left) carries the same form
//! with `c` and the conversation's id in place of `t` and the ticket's, signed under
//! another label, so a ticket's token never verifies as a chat's or the other way round.
//!
//! The token is the first 15 bytes (120 bits) of HMAC-SHA256, under the server's secret,
//! of a fixed label and the two ids as big-endian 64-bit integers. It is written in
//! lowercase unpadded base32 with the extended-hex alphabet (RFC 4648 section 7, as
//! DNSSEC uses it): 24 characters with no spare bits, so every token has exactly one
//! spelling. 120 bits is more than RFC 2104 asks of a truncated HMAC (at least 80 bits
//! and half the hash), and keeps the local part within RFC 5321's 64 octets for any
//! realistic base and ids.
//!
//! The ids are in the clear so people and logs can read them; only the signature makes
//! an address thread. A changed digit, a made-up token, a token signed with another
//! secret and an address on another base all give `None`, and mail that threads nowhere
//! else opens a new ticket rather than landing in someone else's.
//!
//! Mail systems may change the case of an address, so parsing ignores case: the base is
//! compared case-insensitively and the alphabet has only lowercase letters and digits.
//! The fields are separated by dots, which neither ids nor base32 contain; the part after
//! `+` never starts or ends with one, so the address stays a plain dot-atom.

use std::fmt;

use data_encoding::BASE32_DNSSEC;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Makes and checks the signed Reply-To addresses of one support address.
///
/// Built once from configuration with [`ReplyAddress::new`], which validates the base
/// address, so making an address cannot fail later.
#[derive(Clone)]
pub struct ReplyAddress {
    /// HMAC-SHA256 keyed with the server secret. Cloned for each signature, so the secret
    /// itself is not kept around in another copy.
    mac: Hmac<Sha256>,
    /// The base address's local part and domain, as configured.
    local: String,
    domain: String,
}

/// The ticket a verified reply address points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyTarget {
    /// The workspace the ticket belongs to.
    pub workspace_id: i64,
    /// The ticket, by its database id.
    pub ticket_id: i64,
}

/// The live chat a verified reply address points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatTarget {
    pub workspace_id: i64,
    pub conversation_id: i64,
}

/// What an address is signed for: the letter before the id, and the label signed with it.
#[derive(Clone, Copy)]
struct Kind {
    prefix: char,
    label: &'static [u8],
}

/// Separates what this signature covers from anything else the same secret might sign.
const TICKET: Kind = Kind { prefix: 't', label: b"helpline reply-to v1\0" };
const CHAT: Kind = Kind { prefix: 'c', label: b"helpline chat reply-to v1\0" };

/// Why a reply address cannot be set up. Reported at start-up, for the operator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplyAddressError {
    /// The secret is too short to sign with.
    #[error("the reply-address secret must be at least {MIN_SECRET_BYTES} bytes long; it is {length}")]
    SecretTooShort {
        /// How long the secret given was, in bytes.
        length: usize,
    },
    /// The base address is not a plain ASCII `local@domain` without `+`.
    #[error("cannot use {address:?} as the support address: {reason}")]
    InvalidBase {
        /// The address as given.
        address: String,
        /// What is wrong with it.
        reason: &'static str,
    },
}

/// The shortest secret accepted: 256 bits, SHA-256's output size.
pub const MIN_SECRET_BYTES: usize = 32;

/// How many bytes of the HMAC the token keeps; 15 bytes are exactly 24 base32 characters.
const TOKEN_BYTES: usize = 15;

impl ReplyAddress {
    /// Prepares to sign addresses based on `base_address` (such as
    /// `support@helpline.example`) with `secret`, which must be at least
    /// [`MIN_SECRET_BYTES`] long.
    pub fn new(secret: &[u8], base_address: &str) -> Result<ReplyAddress, ReplyAddressError> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(ReplyAddressError::SecretTooShort { length: secret.len() });
        }
        let invalid = |reason| ReplyAddressError::InvalidBase { address: base_address.to_owned(), reason };
        if !base_address.bytes().all(|byte| byte.is_ascii_graphic()) {
            return Err(invalid("only printable ASCII without spaces is supported"));
        }
        let Some((local, domain)) = base_address.split_once('@') else {
            return Err(invalid("there is no @"));
        };
        if local.is_empty() || domain.is_empty() || domain.contains('@') {
            return Err(invalid("it must be exactly one local part, @ and a domain"));
        }
        if local.contains(['+', '"', '<', '>', '(', ')', ',', ';', ':', '\\', '[', ']']) {
            return Err(invalid("the local part must be a plain name without + or quoting"));
        }
        // Any key length works for HMAC, so this cannot fail; map it anyway rather than panic.
        let mac = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|_| ReplyAddressError::SecretTooShort { length: secret.len() })?;
        Ok(ReplyAddress { mac, local: local.to_owned(), domain: domain.to_owned() })
    }

    /// The Reply-To address for a ticket: the base address with the ticket's signed
    /// identity after a `+`.
    pub fn address_for(&self, workspace_id: i64, ticket_id: i64) -> String {
        self.address(TICKET, workspace_id, ticket_id)
    }

    /// The Reply-To address of a live chat's mail.
    pub fn chat_address_for(&self, workspace_id: i64, conversation_id: i64) -> String {
        self.address(CHAT, workspace_id, conversation_id)
    }

    fn address(&self, kind: Kind, workspace_id: i64, id: i64) -> String {
        let token = BASE32_DNSSEC.encode(&self.signature(kind, workspace_id, id)[..TOKEN_BYTES]);
        format!("{}+w{workspace_id}.{}{id}.{token}@{}", self.local, kind.prefix, self.domain)
    }

    /// Whether `address` is this base address or any `+tag` of it (a reply address, a
    /// workspace's `support+APP_ID@…`), valid signature or not: mail to it reaches
    /// Helpline, so it never follows a ticket.
    pub fn is_ours(&self, address: &str) -> bool {
        is_tagged_form_of(address, &self.local, &self.domain)
    }

    /// The ticket a recipient address points at, or `None` when it is not one of this
    /// base's reply addresses or its signature does not verify. Accepts the bare address,
    /// optionally in angle brackets, in any case.
    pub fn parse(&self, recipient: &str) -> Option<ReplyTarget> {
        self.verify(TICKET, recipient).map(|(workspace_id, ticket_id)| ReplyTarget { workspace_id, ticket_id })
    }

    /// The live chat a recipient address points at, as [`parse`](Self::parse) does for
    /// tickets.
    pub fn parse_chat(&self, recipient: &str) -> Option<ChatTarget> {
        self.verify(CHAT, recipient).map(|(workspace_id, conversation_id)| ChatTarget { workspace_id, conversation_id })
    }

    fn verify(&self, kind: Kind, recipient: &str) -> Option<(i64, i64)> {
        let recipient = recipient.trim();
        let recipient = recipient.strip_prefix('<').and_then(|r| r.strip_suffix('>')).unwrap_or(recipient);
        let (local, domain) = recipient.rsplit_once('@')?;
        if !domain.eq_ignore_ascii_case(&self.domain) {
            return None;
        }
        let (base, tag) = local.split_once('+')?;
        if !base.eq_ignore_ascii_case(&self.local) {
            return None;
        }
        let mut fields = tag.split('.');
        let workspace_id = canonical_id(fields.next()?, 'w')?;
        let id = canonical_id(fields.next()?, kind.prefix)?;
        let token = fields.next()?;
        if fields.next().is_some() || token.len() != BASE32_DNSSEC.encode_len(TOKEN_BYTES) {
            return None;
        }
        let token = BASE32_DNSSEC.decode(token.as_bytes()).ok()?;
        // `verify_truncated_left` compares in constant time.
        self.keyed(kind, workspace_id, id).verify_truncated_left(&token).ok().map(|()| (workspace_id, id))
    }

    fn keyed(&self, kind: Kind, workspace_id: i64, id: i64) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(kind.label);
        mac.update(&workspace_id.to_be_bytes());
        mac.update(&id.to_be_bytes());
        mac
    }

    fn signature(&self, kind: Kind, workspace_id: i64, id: i64) -> [u8; 32] {
        self.keyed(kind, workspace_id, id).finalize().into_bytes().into()
    }
}

impl fmt::Debug for ReplyAddress {
    /// Shows the base address only; the key stays out of logs.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("ReplyAddress").field("base", &format_args!("{}@{}", self.local, self.domain)).finish()
    }
}

/// Reads `w7` or `t1001` (the prefix, case-insensitive, then the id in canonical decimal:
/// no sign, no leading zero), so each id has a single spelling.
fn canonical_id(field: &str, prefix: char) -> Option<i64> {
    let mut chars = field.chars();
    if !chars.next()?.eq_ignore_ascii_case(&prefix) {
        return None;
    }
    let digits = chars.as_str();
    let valid = digits.bytes().all(|byte| byte.is_ascii_digit()) && (digits == "0" || !digits.starts_with('0'));
    if !valid {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests;

/// Whether `address` is `local@domain` or `local+anything@domain`, ignoring case.
pub fn is_tagged_form_of(address: &str, local: &str, domain: &str) -> bool {
    let address = address.trim();
    let Some((address_local, address_domain)) = address.rsplit_once('@') else {
        return false;
    };
    let base = address_local.split_once('+').map_or(address_local, |(base, _)| base);
    address_domain.eq_ignore_ascii_case(domain) && base.eq_ignore_ascii_case(local)
}
