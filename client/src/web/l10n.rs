//! An app's words. The server chose the page's locale, wrote it in `<html lang dir>`, and
//! put that locale's catalog, compiled for the browser, in the document (`<script
//! type="application/json" id="helpline-catalog">`), so the first paint is already in
//! the reader's language and the WebAssembly carries neither text nor Fluent's runtime:
//! plural forms and numbers come from the browser's `Intl` (see `i18n::compiled`).
//!
//! The messenger and the console read their catalogs through this module. On the host,
//! where the apps' unit tests run without a page, every message is its id and the locale
//! English.

/// A message's variable (text or a number), the page's language and its direction,
/// for callers that need not depend on `i18n` themselves.
pub use i18n::{Arg, Dir, Locale};

/// The message `id`, plain text without variables, in the page's language; the id
/// itself when the catalog lacks it. The text is borrowed from the catalog, which lives
/// as long as the page, so views hold it as they held text written into the code, with
/// no copy and no code of their own for owned text. A message with variables belongs to
/// [`t_with`]; asked for here, it is formatted without them once and kept for the
/// page's life.
pub fn t(id: &str) -> &'static str {
    page::text(id)
}

/// The message `id` with its variables, e.g. `t_with("unread", &[("count", 3.into())])`.
/// Numbers are quantities, written as the locale writes them ("1,002", "١٬٠٠٢"); pass
/// identifiers such as ticket numbers as text.
pub fn t_with(id: &str, args: &[(&str, Arg<'_>)]) -> String {
    page::format(id, args)
}

/// The language the page speaks.
pub fn locale() -> Locale {
    page::locale()
}

#[cfg(target_arch = "wasm32")]
mod page {
    use std::cell::{OnceCell, RefCell};
    use std::collections::BTreeMap;

    use i18n::compiled::{Part, Plurals, format_pattern, plain_text};
    use i18n::{Arg, Dir, Locale};
    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    struct Catalog {
        locale: Locale,
        /// The catalog as the browser's `JSON.parse` read it: message id → pattern.
        source: Object,
        /// The patterns read into Rust so far, each when first asked for (reading all
        /// of them up front cost the first paint about 10 ms), leaked so their texts can
        /// be handed out as `&'static str`; `None` for an id the catalog lacks.
        read: RefCell<BTreeMap<String, Option<&'static [Part]>>>,
        /// The texts [`text`] had to format (a message with variables asked for without
        /// them, or an id the catalog lacks), leaked once each, not on every call: each
        /// as a pattern of that one text, so the map is of the same type as `read` and
        /// adds no code of its own.
        formatted: RefCell<BTreeMap<String, Option<&'static [Part]>>>,
        intl: LazyIntl,
    }

    impl Catalog {
        fn pattern(&self, id: &str) -> Option<&'static [Part]> {
            if let Some(read) = self.read.borrow().get(id) {
                return *read;
            }
            let key = JsValue::from_str(id);
            let pattern = Object::has_own(&self.source, &key)
                .then(|| Reflect::get(&self.source, &key).ok())
                .flatten()
                .and_then(|value| serde_wasm_bindgen::from_value::<Vec<Part>>(value).ok())
                .map(|pattern| &*Vec::leak(pattern));
            self.read.borrow_mut().insert(id.to_owned(), pattern);
            pattern
        }
    }

    /// The browser's plural rules and number formatting for the locale.
    struct Intl {
        rules: js_sys::Intl::PluralRules,
        numbers: Function,
    }

    /// [`Intl`], made when a message first needs it. Each of the two constructors loads
    /// the locale's data (about 16 and 4 ms in a profile of the messenger's first open),
    /// and the first screens' texts have no numbers: made up front, they were about a
    /// tenth of the time from a click on the launcher to a usable messenger.
    struct LazyIntl {
        locale: Locale,
        intl: OnceCell<Intl>,
    }

    impl LazyIntl {
        fn get(&self) -> &Intl {
            self.intl.get_or_init(|| {
                let locales = Array::of1(&JsValue::from_str(self.locale.tag()));
                Intl {
                    rules: js_sys::Intl::PluralRules::new(&locales, &Object::new()),
                    numbers: js_sys::Intl::NumberFormat::new(&locales, &Object::new()).format(),
                }
            })
        }
    }

    impl Plurals for LazyIntl {
        fn category(&self, number: f64) -> String {
            self.get().rules.select(number).into()
        }

        fn number(&self, number: f64) -> String {
            self.get()
                .numbers
                .call1(&JsValue::NULL, &JsValue::from_f64(number))
                .ok()
                .and_then(|text| text.as_string())
                .unwrap_or_default()
        }
    }

    thread_local! {
        /// Leaked once per page, so its texts can be handed out as `&'static str`.
        static CATALOG: &'static Catalog = Box::leak(Box::new(load()));
    }

    fn load() -> Catalog {
        let document = web_sys::window().and_then(|window| window.document());
        let locale = document
            .as_ref()
            .and_then(|document| document.document_element())
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Locale::from_tag(&tag))
            .unwrap_or(Locale::En);
        let source = document
            .and_then(|document| document.get_element_by_id("helpline-catalog"))
            .and_then(|element| element.text_content())
            .and_then(|json| js_sys::JSON::parse(&json).ok())
            .and_then(|value| value.dyn_into::<Object>().ok())
            .unwrap_or_default();
        Catalog {
            locale,
            source,
            read: RefCell::default(),
            formatted: RefCell::default(),
            intl: LazyIntl { locale, intl: OnceCell::new() },
        }
    }

    pub fn format(id: &str, args: &[(&str, Arg<'_>)]) -> String {
        CATALOG.with(|catalog| match catalog.pattern(id) {
            Some(pattern) => format_pattern(pattern, args, &catalog.intl, catalog.locale.dir() == Dir::Rtl),
            None => id.to_owned(),
        })
    }

    pub fn text(id: &str) -> &'static str {
        let catalog: &'static Catalog = CATALOG.with(|catalog| *catalog);
        if let Some(text) = catalog.pattern(id).and_then(plain_text) {
            return text;
        }
        if let Some(text) = catalog.formatted.borrow().get(id).copied().flatten().and_then(plain_text) {
            return text;
        }
        let pattern: &'static [Part] = Vec::leak(vec![Part::Text(format(id, &[]))]);
        catalog.formatted.borrow_mut().insert(id.to_owned(), Some(pattern));
        plain_text(pattern).unwrap_or_default()
    }

    pub fn locale() -> Locale {
        CATALOG.with(|catalog| catalog.locale)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod page {
    use i18n::{Arg, Locale};

    pub fn format(id: &str, _args: &[(&str, Arg<'_>)]) -> String {
        id.to_owned()
    }

    pub fn text(id: &str) -> &'static str {
        Box::leak(id.to_owned().into_boxed_str())
    }

    pub fn locale() -> Locale {
        Locale::En
    }
}
