//! Web origins (`scheme://host[:port]`): parsing the ones admins allow, and checking
//! the `Origin` header browsers send.

use std::fmt;

/// A normalised web origin: lower-case scheme and host, default port left out.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin(String);

/// Why a string is not an acceptable origin.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OriginError {
    #[error("'{0}' is not a URL")]
    NotUrl(String),
    #[error("'{0}' must use http or https")]
    Scheme(String),
    #[error("'{0}' must be only scheme, host and port (no path, query or credentials)")]
    NotBare(String),
    #[error("at most {MAX_ALLOWED_ORIGINS} origins may be allowed")]
    TooMany,
}

impl Origin {
    /// Parses an origin as admins type it. A trailing slash is forgiven; anything
    /// else past the port is refused so nobody believes a path restricts embedding.
    pub fn parse(input: &str) -> Result<Self, OriginError> {
        let trimmed = input.trim();
        let url = url::Url::parse(trimmed).map_err(|_| OriginError::NotUrl(trimmed.to_owned()))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(OriginError::Scheme(trimmed.to_owned()));
        }
        let bare = url.path() == "/"
            && url.query().is_none()
            && url.fragment().is_none()
            && url.username().is_empty()
            && url.password().is_none()
            && url.host_str().is_some();
        if !bare || trimmed.trim_end_matches('/').matches('/').count() != 2 {
            return Err(OriginError::NotBare(trimmed.to_owned()));
        }
        Ok(Self(url.origin().ascii_serialization()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `host[:port]` as a `Host` header would carry it.
    pub fn authority(&self) -> &str {
        self.0.split_once("://").map_or(&self.0, |(_, rest)| rest)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Allowed origins a workspace may list.
pub const MAX_ALLOWED_ORIGINS: usize = 100;

/// Normalises and de-duplicates a list of origins as admins type them, ignoring blank
/// lines and naming the first bad entry.
pub fn parse_list(input: &[String]) -> Result<Vec<String>, OriginError> {
    let mut origins: Vec<String> = Vec::new();
    for raw in input.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let origin = Origin::parse(raw)?;
        if !origins.iter().any(|o| o == origin.as_str()) {
            origins.push(origin.0);
        }
    }
    if origins.len() > MAX_ALLOWED_ORIGINS {
        return Err(OriginError::TooMany);
    }
    Ok(origins)
}

/// True when an `Origin` header names the server itself, judged by the request's
/// `Host` header or the configured public URL.
pub fn is_same_origin(origin: &Origin, host: Option<&str>, public: Option<&Origin>) -> bool {
    public.is_some_and(|public| public == origin)
        || host.is_some_and(|host| host.eq_ignore_ascii_case(origin.authority()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalised() {
        assert_eq!(Origin::parse("HTTPS://Example.COM:443/").map(|o| o.0), Ok("https://example.com".into()));
        assert_eq!(Origin::parse("http://localhost:3000").map(|o| o.0), Ok("http://localhost:3000".into()));
    }

    #[test]
    fn paths_queries_and_other_schemes_are_refused() {
        assert!(matches!(Origin::parse("https://example.com/app"), Err(OriginError::NotBare(_))));
        assert!(matches!(Origin::parse("https://example.com?x=1"), Err(OriginError::NotBare(_))));
        assert!(matches!(Origin::parse("https://user@example.com"), Err(OriginError::NotBare(_))));
        assert!(matches!(Origin::parse("javascript:alert(1)"), Err(OriginError::Scheme(_))));
        assert!(matches!(Origin::parse("example.com"), Err(OriginError::NotUrl(_))));
    }

    #[test]
    fn lists_skip_blanks_and_duplicates() {
        let input = vec!["https://a.example".into(), " ".into(), "https://A.example/".into()];
        assert_eq!(parse_list(&input), Ok(vec!["https://a.example".to_owned()]));
    }

    #[test]
    fn same_origin_compares_authority_with_host_header() {
        let origin = Origin::parse("http://127.0.0.1:8080").expect("origin");
        assert!(is_same_origin(&origin, Some("127.0.0.1:8080"), None));
        assert!(!is_same_origin(&origin, Some("127.0.0.1:9090"), None));
        assert!(!is_same_origin(&origin, None, None));
    }
}
