//! `Authentication-Results` (RFC 8601): what the receiving mail server found when it
//! checked a message's sender with SPF, DKIM and DMARC, and whether that proves the
//! From address.
//!
//! Anyone can write such a header into the mail they send, so only headers that name
//! the configured receiving host as their authserv-id count (`mail.authserv_id`). RFC
//! 8601 section 5 obliges that host to delete headers claiming its id that arrive from
//! outside; the deployment guide says to make sure it does.
//!
//! The From address counts as authenticated when such a header reports `dmarc=pass`
//! for the From domain (`header.from`), or, unless DMARC failed for that domain,
//! `spf=pass` for an envelope sender (`smtp.mailfrom`) in the From domain or one of its
//! subdomains. Comments, quoted strings and folded lines are read as RFC 8601 writes
//! them; anything unreadable counts for nothing.

/// One parsed `Authentication-Results` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthenticationResults {
    /// Who made the checks, usually the receiving host's name.
    pub authserv_id: String,
    pub results: Vec<MethodResult>,
}

/// One check: `dmarc=pass header.from=example.com`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodResult {
    /// `spf`, `dkim`, `dmarc`, …, lower case, without a version.
    pub method: String,
    /// `pass`, `fail`, `none`, …, lower case.
    pub result: String,
    /// `(ptype.property, value)` pairs such as `("header.from", "example.com")`, the
    /// name in lower case; `reason` and words without a ptype are left out.
    pub properties: Vec<(String, String)>,
}

impl MethodResult {
    /// The value of a property, such as `header.from`.
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
    }
}

/// Whether the headers of a message prove `from_address` is its author's: one of them
/// from `authserv_id` reports a DMARC pass for the From domain, or an aligned SPF pass
/// that DMARC did not overrule. `headers` are the raw values of every
/// `Authentication-Results` header in the message.
pub fn from_is_authenticated(headers: &[String], authserv_id: &str, from_address: &str) -> bool {
    let Some(from_domain) = domain_of(from_address) else {
        return false;
    };
    let results: Vec<MethodResult> = headers
        .iter()
        .filter_map(|header| parse(header))
        .filter(|parsed| parsed.authserv_id.eq_ignore_ascii_case(authserv_id.trim()))
        .flat_map(|parsed| parsed.results)
        .collect();
    let dmarc_for_from = |result: &MethodResult| {
        result.method == "dmarc" && result.property("header.from").and_then(domain_of).as_deref() == Some(&from_domain)
    };
    if results.iter().any(|result| dmarc_for_from(result) && result.result == "pass") {
        return true;
    }
    if results.iter().any(|result| dmarc_for_from(result) && result.result == "fail") {
        return false;
    }
    results.iter().any(|result| {
        result.method == "spf"
            && result.result == "pass"
            && result.property("smtp.mailfrom").and_then(domain_of).is_some_and(|domain| aligned(&domain, &from_domain))
    })
}

/// Reads one header value; `None` when it is not an `Authentication-Results` value at
/// all. A result that cannot be read is left out rather than guessed at.
pub fn parse(value: &str) -> Option<AuthenticationResults> {
    let tokens = tokens(value)?;
    let mut segments = tokens.split(|token| *token == Token::Semicolon);
    let authserv_id = match segments.next()? {
        [Token::Word(id)] | [Token::Word(id), Token::Word(_)] => id.clone(),
        _ => return None,
    };
    let results = segments.filter_map(method_result).collect();
    Some(AuthenticationResults { authserv_id, results })
}

/// `method[/version]=result` followed by `reason=…` and `ptype.property=value` pairs;
/// `None` when it is not that shape.
fn method_result(tokens: &[Token]) -> Option<MethodResult> {
    let (method, rest) = match tokens {
        [Token::Word(method), Token::Slash, Token::Word(_), rest @ ..] => (method, rest),
        [Token::Word(method), rest @ ..] => (method, rest),
        _ => return None,
    };
    let [Token::Equals, Token::Word(result), tail @ ..] = rest else {
        return None;
    };
    let mut rest = tail;
    let mut properties = Vec::new();
    while let [Token::Word(key), Token::Equals, Token::Word(value), more @ ..] = rest {
        let key = key.to_ascii_lowercase();
        // Only `ptype.property` pairs are kept; `reason` and the words some servers add
        // outside the grammar (Microsoft's `action=none`) are read past.
        if key.split_once('.').is_some_and(|(ptype, property)| !ptype.is_empty() && !property.is_empty()) {
            properties.push((key, value.clone()));
        }
        rest = more;
    }
    if !rest.is_empty() {
        return None;
    }
    Some(MethodResult { method: method.to_ascii_lowercase(), result: result.to_ascii_lowercase(), properties })
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Word(String),
    Semicolon,
    Equals,
    Slash,
}

/// Splits a value into words and `;`, `=` and `/`, dropping comments and folding
/// whitespace and unquoting quoted strings. After `=` a value runs to the next space,
/// `;` or comment, so a value may hold `=` and `/` (`header.b=ab/c=`). `None` for an
/// unterminated comment or quoted string.
fn tokens(value: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = value.chars().peekable();
    let mut after_equals = false;
    while let Some(&next) = chars.peek() {
        match next {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => skip_comment(&mut chars)?,
            ';' => {
                chars.next();
                tokens.push(Token::Semicolon);
                after_equals = false;
            }
            '=' if !after_equals => {
                chars.next();
                tokens.push(Token::Equals);
                after_equals = true;
            }
            '/' if !after_equals => {
                chars.next();
                tokens.push(Token::Slash);
            }
            '"' => {
                chars.next();
                tokens.push(Token::Word(quoted(&mut chars)?));
                after_equals = false;
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    let ends =
                        c.is_whitespace() || matches!(c, ';' | '(' | '"') || (!after_equals && matches!(c, '=' | '/'));
                    if ends {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                tokens.push(Token::Word(word));
                after_equals = false;
            }
        }
    }
    Some(tokens)
}

/// Skips a comment, which may nest and may escape characters with `\`.
fn skip_comment(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<()> {
    let mut depth = 0_usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next()?;
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(());
                }
            }
            _ => {}
        }
    }
    None
}

/// The rest of a quoted string, after its opening `"`.
fn quoted(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut text = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.push(chars.next()?),
            '"' => return Some(text),
            c => text.push(c),
        }
    }
    None
}

/// The domain of `jane@example.com`, `@example.com` or `example.com`, lower case,
/// without a trailing dot; `None` when there is none.
fn domain_of(value: &str) -> Option<String> {
    let value = value.trim().trim_start_matches('<').trim_end_matches('>');
    let domain = value.rsplit_once('@').map_or(value, |(_, domain)| domain).trim_end_matches('.');
    let plausible = domain.contains('.') && domain.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    plausible.then(|| domain.to_ascii_lowercase())
}

/// Whether an envelope domain speaks for the From domain: the same, or one of its
/// subdomains (`bounces.example.com` for `example.com`). This is stricter than DMARC's
/// relaxed alignment, which needs the public suffix list to find organisational
/// domains; the other way round (`example.com` for `mail.example.com`) is not taken.
fn aligned(envelope: &str, from: &str) -> bool {
    envelope == from || envelope.strip_suffix(from).is_some_and(|prefix| prefix.ends_with('.'))
}

#[cfg(test)]
mod tests;
