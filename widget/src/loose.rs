//! A value the host page wrote, read leniently: what `Helpline('identify', …)` passes
//! can hold anything a page's script puts there.
//!
//! It keeps only what [`crate::host::identity`] reads, text (strings, numbers and
//! booleans written as text) and objects of them, and so needs neither serde_json's
//! `Value` nor its number printing in the messenger.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// A JSON value as far as the messenger cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loose {
    /// A string, or a number or boolean as text (`42`, `true`).
    Text(String),
    /// An object; a repeated key keeps its last value, as `JSON.parse` does.
    Object(BTreeMap<String, Loose>),
    /// `null`, an array, or anything else nothing reads.
    Other,
}

impl Loose {
    /// The member `name` of an object; `None` for anything else or a missing member.
    pub fn get(&self, name: &str) -> Option<&Loose> {
        match self {
            Loose::Object(members) => members.get(name),
            _ => None,
        }
    }

    /// The text of a string, number or boolean.
    pub fn text(&self) -> Option<&str> {
        match self {
            Loose::Text(text) => Some(text),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Loose, E> {
        Ok(Loose::Text(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Loose, E> {
        Ok(Loose::Text(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Loose, E> {
        Ok(Loose::Text(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Loose, E> {
        Ok(Loose::Text(value.to_string()))
    }

    fn visit_str<E>(self, value: &str) -> Result<Loose, E> {
        Ok(Loose::Text(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Loose, E> {
        Ok(Loose::Text(value))
    }

    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_none<E>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Loose, D::Error> {
        Loose::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Loose, A::Error> {
        while items.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Loose, A::Error> {
        let mut members = BTreeMap::new();
        while let Some((name, value)) = entries.next_entry::<String, Loose>()? {
            members.insert(name, value);
        }
        Ok(Loose::Object(members))
    }
}
