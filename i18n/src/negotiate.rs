//! Choosing the locale: the first preference we ship, in the order the caller asks.

use crate::Locale;

/// The first of `preferences` (most wanted first) that names a locale we ship.
pub fn negotiate<'a>(preferences: impl IntoIterator<Item = &'a str>) -> Option<Locale> {
    preferences.into_iter().find_map(Locale::from_tag)
}

/// The language tags of an `Accept-Language` header, most wanted first: by quality,
/// then in the order written. Tags with `q=0`, the wildcard and malformed entries are
/// left out.
pub fn accept_language(header: &str) -> Vec<&str> {
    let mut ranked: Vec<(u16, &str)> = header
        .split(',')
        .take(32)
        .filter_map(|entry| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            if tag.is_empty() || tag == "*" || !tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return None;
            }
            let quality =
                parts.find_map(|param| param.trim().strip_prefix("q=")).map_or(Some(1000), quality_per_mille)?;
            (quality > 0).then_some((quality, tag))
        })
        .collect();
    // A stable sort keeps the written order among equal qualities.
    ranked.sort_by_key(|(quality, _)| std::cmp::Reverse(*quality));
    ranked.into_iter().map(|(_, tag)| tag).collect()
}

/// `q` as thousandths: "0.8" → 800. `None` when it is not a quality value.
fn quality_per_mille(value: &str) -> Option<u16> {
    let value: f32 = value.trim().parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| (value * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_preference_we_ship_wins() {
        assert_eq!(negotiate(["fr-FR", "de-DE", "en"]), Some(Locale::De));
        assert_eq!(negotiate(["fr", "it"]), None);
        assert_eq!(negotiate([]), None);
    }

    #[test]
    fn accept_language_is_ranked_by_quality_then_order() {
        assert_eq!(accept_language("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5"), ["fr-CH", "fr", "en", "de"]);
        assert_eq!(accept_language("en;q=0.5, ar;q=0.9"), ["ar", "en"]);
        assert_eq!(accept_language("es, de"), ["es", "de"]);
        assert_eq!(negotiate(accept_language("ar-EG,ar;q=0.9,en-US;q=0.8")), Some(Locale::Ar));
    }

    #[test]
    fn accept_language_skips_refusals_and_garbage() {
        assert_eq!(accept_language("de;q=0, es;q=abc, <script>, en;q=2, ar"), ["ar"]);
        assert_eq!(accept_language(""), Vec::<&str>::new());
        assert_eq!(accept_language(",,;q=1"), Vec::<&str>::new());
    }
}
