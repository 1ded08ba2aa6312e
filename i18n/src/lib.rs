//! The languages Helpline speaks.
//!
//! [`Locale`] is one of the languages we ship, with its writing direction; [`negotiate`]
//! picks one from what a host, a browser (`Accept-Language`) or a workspace asks for.
//! [`Catalog`] formats a domain's messages in one locale with Project Fluent, and
//! [`source`] gives the catalogs we ship, one `.ftl` file per domain and locale under
//! `i18n/locales/`. For the browser, [`browser_catalog`] compiles one with Fluent's
//! parser ([`compiled`]); the server hands the messenger and the agent console theirs
//! inside their documents, so the WebAssembly carries neither Fluent's runtime nor text
//! of its own.

mod catalog;
pub mod compiled;
mod negotiate;

pub use catalog::{Arg, Catalog, CatalogError};
pub use negotiate::{accept_language, negotiate};

/// A language Helpline ships catalogs for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    En,
    De,
    Es,
    Ar,
}

/// Which way a locale's text runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    /// The value of an HTML `dir` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ltr => "ltr",
            Self::Rtl => "rtl",
        }
    }
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::De, Locale::Es, Locale::Ar];

    /// The locale's BCP 47 tag, as `lang` attributes and the wire use it.
    pub fn tag(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Es => "es",
            Self::Ar => "ar",
        }
    }

    pub fn dir(self) -> Dir {
        match self {
            Self::Ar => Dir::Rtl,
            _ => Dir::Ltr,
        }
    }

    /// The locale a language tag asks for, by its primary language subtag and whatever
    /// its case or region (`de-AT`, `ES`, `ar_EG`); `None` for a language we do not ship.
    pub fn from_tag(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Self::ALL.into_iter().find(|locale| locale.tag().eq_ignore_ascii_case(primary))
    }
}

impl std::fmt::Display for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// A set of messages that is shipped and loaded together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Domain {
    /// Everything the messenger shows a visitor.
    Messenger,
    /// Everything the agent console shows an agent.
    Console,
    /// The mail a requester gets about a ticket or chat, the pages it links to, and
    /// what the server writes into a chat, formatted on the server.
    Mail,
    /// The sentences of the server's refusals (error bodies and refused form fields),
    /// in the language the request asks for.
    Errors,
}

impl Domain {
    pub const ALL: [Domain; 4] = [Domain::Messenger, Domain::Console, Domain::Mail, Domain::Errors];

    pub fn name(self) -> &'static str {
        match self {
            Self::Messenger => "messenger",
            Self::Console => "console",
            Self::Mail => "mail",
            Self::Errors => "errors",
        }
    }
}

/// The Fluent source of a domain's catalog in a locale, as shipped.
pub fn source(domain: Domain, locale: Locale) -> &'static str {
    match (domain, locale) {
        (Domain::Messenger, Locale::En) => include_str!("../locales/en/messenger.ftl"),
        (Domain::Messenger, Locale::De) => include_str!("../locales/de/messenger.ftl"),
        (Domain::Messenger, Locale::Es) => include_str!("../locales/es/messenger.ftl"),
        (Domain::Messenger, Locale::Ar) => include_str!("../locales/ar/messenger.ftl"),
        (Domain::Console, Locale::En) => include_str!("../locales/en/console.ftl"),
        (Domain::Console, Locale::De) => include_str!("../locales/de/console.ftl"),
        (Domain::Console, Locale::Es) => include_str!("../locales/es/console.ftl"),
        (Domain::Console, Locale::Ar) => include_str!("../locales/ar/console.ftl"),
        (Domain::Mail, Locale::En) => include_str!("../locales/en/mail.ftl"),
        (Domain::Mail, Locale::De) => include_str!("../locales/de/mail.ftl"),
        (Domain::Mail, Locale::Es) => include_str!("../locales/es/mail.ftl"),
        (Domain::Mail, Locale::Ar) => include_str!("../locales/ar/mail.ftl"),
        (Domain::Errors, Locale::En) => include_str!("../locales/en/errors.ftl"),
        (Domain::Errors, Locale::De) => include_str!("../locales/de/errors.ftl"),
        (Domain::Errors, Locale::Es) => include_str!("../locales/es/errors.ftl"),
        (Domain::Errors, Locale::Ar) => include_str!("../locales/ar/errors.ftl"),
    }
}

/// A shipped catalog, parsed once per process, for formatting on the server. A test of
/// this crate parses every shipped catalog, so the empty fallback (every text shows its
/// message id) is for a broken build only.
pub fn shipped(domain: Domain, locale: Locale) -> &'static Catalog {
    static PARSED: std::sync::LazyLock<[[Catalog; 4]; 4]> = std::sync::LazyLock::new(|| {
        Domain::ALL.map(|domain| {
            Locale::ALL.map(|locale| {
                Catalog::parse(locale, source(domain, locale).to_owned()).unwrap_or_else(|_| Catalog::empty(locale))
            })
        })
    });
    // `ALL` lists each enum in its declaration order, so the discriminants index them.
    &PARSED[domain as usize][locale as usize]
}

/// A shipped catalog compiled for the browser, as JSON that can sit in an HTML data
/// block: `<` is escaped, so no text in it can end the element.
pub fn browser_catalog(domain: Domain, locale: Locale) -> Result<String, compiled::CompileError> {
    let messages = compiled::compile(source(domain, locale))?;
    let json = serde_json::to_string(&messages).unwrap_or_else(|_| "{}".to_owned());
    Ok(json.replace('<', "\\u003c"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_names_a_locale_by_its_language_whatever_the_region_or_case() {
        assert_eq!(Locale::from_tag("de-AT"), Some(Locale::De));
        assert_eq!(Locale::from_tag("ES"), Some(Locale::Es));
        assert_eq!(Locale::from_tag("ar_EG"), Some(Locale::Ar));
        assert_eq!(Locale::from_tag(" en-GB "), Some(Locale::En));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::from_tag(""), None);
        assert_eq!(Locale::from_tag("english"), None);
    }

    #[test]
    fn the_shipped_catalogs_are_found_by_domain_and_locale() {
        for domain in Domain::ALL {
            for locale in Locale::ALL {
                assert_eq!(shipped(domain, locale).locale(), locale);
            }
        }
        assert_eq!(shipped(Domain::Mail, Locale::De).text("greeting"), "Hallo,");
        assert_eq!(shipped(Domain::Messenger, Locale::En).text("header-close"), "Close");
    }

    #[test]
    fn only_arabic_runs_right_to_left() {
        let rtl: Vec<_> = Locale::ALL.into_iter().filter(|locale| locale.dir() == Dir::Rtl).collect();
        assert_eq!(rtl, [Locale::Ar]);
    }
}
