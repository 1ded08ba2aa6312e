//! A workspace's brand colour and the colours derived from it so that text stays
//! readable: the foreground on the brand (WCAG 2.x contrast of at least 4.5:1), a
//! stronger shade for hover, and brand-coloured text (links, active tabs) that reads
//! on the light and on the dark background.
//!
//! The server derives the palette once and hands it to the messenger in its document;
//! the console uses the same function to preview the launcher.

use serde::{Deserialize, Serialize};

/// Helpline's own blue, the brand colour until a workspace sets its own.
pub const DEFAULT_BRAND: &str = "#3b5bdb";

/// The contrast WCAG asks of normal text (level AA).
pub const TEXT_CONTRAST: f64 = 4.5;

/// The messenger's backgrounds, as `style/tokens.css` sets `--hl-bg`.
const LIGHT_BACKGROUND: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_BACKGROUND: Rgb = Rgb(0x17, 0x19, 0x1f);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const BLACK: Rgb = Rgb(0, 0, 0);

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb` (either case); nothing else, so what is stored is always a colour CSS
    /// reads the same everywhere.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#').filter(|hex| hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()))?;
        let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG 2.x relative luminance.
    pub fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// WCAG 2.x contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// This colour moved `share` (0 to 1) of the way towards `target`.
    fn mix(self, target: Rgb, share: f64) -> Rgb {
        let step = |from: u8, to: u8| {
            let value = f64::from(from) + (f64::from(to) - f64::from(from)) * share;
            // In 0..=255 by construction.
            value.round().clamp(0.0, 255.0) as u8
        };
        Rgb(step(self.0, target.0), step(self.1, target.1), step(self.2, target.2))
    }

    /// The first shade towards `target`, in steps of 5 %, that has `TEXT_CONTRAST`
    /// against `background` (`target` itself at the end, which always has it when it is
    /// black or white against a background of the other kind).
    fn readable_on(self, background: Rgb, target: Rgb) -> Rgb {
        (0..=20)
            .map(|step| self.mix(target, f64::from(step) / 20.0))
            .find(|shade| shade.contrast(background) >= TEXT_CONTRAST)
            .unwrap_or(target)
    }
}

/// The colours the messenger and launcher draw with, all `#rrggbb`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Palette {
    /// The brand colour itself: the launcher, the visitor's bubbles, primary buttons.
    pub brand: String,
    /// Text and icons on the brand colour: white where it is readable, else black.
    pub on_brand: String,
    /// The brand under the pointer: darker behind white text, lighter behind black.
    pub brand_strong: String,
    /// Brand-coloured text on the light background.
    pub link_light: String,
    /// Brand-coloured text on the dark background.
    pub link_dark: String,
}

impl Palette {
    pub fn from_brand(brand: Rgb) -> Palette {
        // One of the two always reaches 4.5:1 (at worst 4.58:1, at a luminance of 0.18).
        let on_brand = if brand.contrast(WHITE) >= TEXT_CONTRAST { WHITE } else { BLACK };
        let strong = if on_brand == WHITE { brand.mix(BLACK, 0.15) } else { brand.mix(WHITE, 0.15) };
        Palette {
            brand: brand.hex(),
            on_brand: on_brand.hex(),
            brand_strong: strong.hex(),
            link_light: brand.readable_on(LIGHT_BACKGROUND, BLACK).hex(),
            link_dark: brand.readable_on(DARK_BACKGROUND, WHITE).hex(),
        }
    }
}

impl Default for Palette {
    fn default() -> Self {
        Palette::from_brand(Rgb::parse(DEFAULT_BRAND).unwrap_or(Rgb(0x3b, 0x5b, 0xdb)))
    }
}

/// Which side of the host page the launcher sits on, for left-to-right text; a
/// right-to-left page mirrors it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LauncherPosition {
    Left,
    #[default]
    Right,
}

impl LauncherPosition {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Right => "right",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "left" => Some(Self::Left),
            "right" => Some(Self::Right),
            _ => None,
        }
    }
}

/// How the loader draws the launcher before any request: `brand on_brand side`
/// (`#ffd43b #000000 left`). The snippet may carry it as `data-look`; the loader
/// remembers the one the messenger last sent in `ready` in the same form, and prefers it.
pub fn launcher_look(brand: Rgb, position: LauncherPosition) -> String {
    let palette = Palette::from_brand(brand);
    format!("{} {} {}", palette.brand, palette.on_brand, position.as_str())
}

/// What the messenger's document tells the messenger about its workspace's look, in the
/// language it speaks: `<script type="application/json" id="helpline-look">`. The
/// messenger paints with it and passes the launcher's part to the loader in `ready`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessengerLook {
    pub palette: Palette,
    pub position: LauncherPosition,
    /// The workspace's own words in this language; `None` keeps Helpline's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub launcher_label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub away_message: Option<String>,
    /// Where the workspace's logo is (a path on the Helpline server), if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_six_digit_hex_colours_parse() {
        assert_eq!(Rgb::parse("#3B5bdb"), Some(Rgb(0x3b, 0x5b, 0xdb)));
        for refused in ["3b5bdb", "#3b5bd", "#3b5bdbff", "#gggggg", "red", "#fff", "", "#3b5bd\u{e9}"] {
            assert_eq!(Rgb::parse(refused), None, "{refused}");
        }
        assert_eq!(Rgb(0x0b, 0x72, 0x85).hex(), "#0b7285");
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!((WHITE.contrast(BLACK) - 21.0).abs() < 1e-9);
        assert!((WHITE.contrast(WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white.
        assert!(Rgb(0x76, 0x76, 0x76).contrast(WHITE) >= 4.5);
        assert!(Rgb(0x77, 0x77, 0x77).contrast(WHITE) < 4.5);
    }

    #[test]
    fn every_brand_gets_readable_text_on_it_and_readable_links_on_both_backgrounds() {
        let brands =
            ["#3b5bdb", "#ffd43b", "#ff922b", "#0b7285", "#000000", "#ffffff", "#808080", "#e03131", "#40c057"];
        for brand in brands {
            let palette = Palette::from_brand(Rgb::parse(brand).expect("colour"));
            let colour = |hex: &str| Rgb::parse(hex).expect("palette colours are #rrggbb");
            let on = colour(&palette.on_brand);
            assert!(on.contrast(colour(&palette.brand)) >= TEXT_CONTRAST, "{brand}: {palette:?}");
            assert!(on.contrast(colour(&palette.brand_strong)) >= TEXT_CONTRAST, "{brand} hover: {palette:?}");
            assert!(colour(&palette.link_light).contrast(LIGHT_BACKGROUND) >= TEXT_CONTRAST, "{brand}: {palette:?}");
            assert!(colour(&palette.link_dark).contrast(DARK_BACKGROUND) >= TEXT_CONTRAST, "{brand}: {palette:?}");
        }
    }

    #[test]
    fn a_light_brand_gets_black_text_and_a_dark_one_white() {
        assert_eq!(Palette::from_brand(Rgb(0xff, 0xd4, 0x3b)).on_brand, "#000000");
        assert_eq!(Palette::from_brand(Rgb(0x3b, 0x5b, 0xdb)).on_brand, "#ffffff");
        assert_eq!(Palette::default().brand, DEFAULT_BRAND);
    }

    #[test]
    fn a_brand_readable_as_is_keeps_its_own_colour_for_links() {
        // The example in docs/protocol.md ("Language and colours").
        let palette = Palette::from_brand(Rgb(0x0b, 0x72, 0x85));
        let expected = Palette {
            brand: "#0b7285".into(),
            on_brand: "#ffffff".into(),
            brand_strong: "#096171".into(),
            link_light: "#0b7285".into(),
            link_dark: "#3c8e9d".into(),
        };
        assert_eq!(palette, expected);
    }
}
