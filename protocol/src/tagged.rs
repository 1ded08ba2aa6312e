//! Enums written as one object whose tag field names the variant, `{"type": "ack",
//! "seq": 3, …}`, and read back without buffering.
//!
//! Serde's own internally tagged enums (`#[serde(tag = "type")]`) read the whole object
//! into a generic tree first, because the tag may come anywhere, and then read each
//! variant's fields from that tree: every type inside gets its reading code twice.
//! Helpline's server writes the tag first (serde's serializer always does), so
//! [`tagged_enum!`] reads the tag first and each variant's fields straight from the
//! object. An object whose first field is not the tag is refused. Reading the server's
//! frames this way took 12.0 kB (messenger) and 10.9 kB (console) off the apps' first
//! loads, brotli.
//!
//! The object is asked for as a struct with every field any variant has, the tag first ([`unique`] drops the repeats),
//! not as a map. A reader that looks fields up by name, as serde-wasm-bindgen does for a struct, then yields the tag
//! first whatever the object's order; asked for a map, serde-wasm-bindgen would compile every variant's reading twice,
//! for JavaScript `Map`s and for plain objects. Readers that go through the object in its order (serde_json) read it as
//! before. Fields therefore keep their Rust names on the wire: no `serde(rename)`, `alias` or `flatten` on them, and no
//! raw identifiers. Nor names that every JavaScript object has (`constructor`, `toString`, …): serde-wasm-bindgen would
//! find those on `Object.prototype`.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, IgnoredAny, MapAccess, VariantAccess, Visitor};
use serde::forward_to_deserialize_any;

/// Declares an enum of struct variants written as one object with the variant's
/// snake_case name under `tag`, and read with the tag first:
/// `$vis enum Name (tag = "type") { Variant { field: Type, … }, … }`. Attributes of the
/// enum, its variants and fields (docs, derives, `serde(default)`, …) go where they would
/// on a plain enum; the enum derives `Serialize` and `Deserialize` itself.
///
/// `(read tag = "type")` declares an enum that is only read: it derives
/// `Deserialize` alone, and its fields take no serde attributes.
#[macro_export]
macro_rules! tagged_enum {
    (@read $name:ident $tag:tt
        $(
            $(#[$variant_meta:meta])*
            $variant:ident { $( $(#[$field_meta:meta])* $field:ident : $ty:ty ),* $(,)? }
        ),* $(,)?
    ) => {
        const _: () = {
            /// Every field of every variant, the tag first, once each.
            const FIELDS: &[&str] = &[$tag, $( $( stringify!($field), )* )*];
            const UNIQUE: [&str; $crate::tagged::unique_count(FIELDS)] = $crate::tagged::unique(FIELDS);

            /// The same variants, tagged the way `TagFirst` reads them.
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "snake_case")]
            enum Wire {
                $( $variant { $( $(#[$field_meta])* $field: $ty ),* }, )*
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let tagged = $crate::tagged::TagFirst::new(deserializer, $tag, &UNIQUE);
                    Ok(match <Wire as serde::Deserialize>::deserialize(tagged)? {
                        $( Wire::$variant { $($field),* } => Self::$variant { $($field),* }, )*
                    })
                }
            }
        };
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident (tag = $tag:tt) { $($body:tt)* }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize)]
        #[serde(tag = $tag, rename_all = "snake_case")]
        $vis enum $name { $($body)* }

        $crate::tagged_enum!(@read $name $tag $($body)*);
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident (read tag = $tag:tt) { $($body:tt)* }
    ) => {
        $(#[$meta])*
        $vis enum $name { $($body)* }

        $crate::tagged_enum!(@read $name $tag $($body)*);
    };
}

/// A deserializer that hands an externally tagged enum's derived reader an object whose
/// first field, `tag`, names the variant and whose other fields are the variant's.
pub struct TagFirst<D> {
    inner: D,
    tag: &'static str,
    /// `tag`, then every variant's fields, each once.
    fields: &'static [&'static str],
}

impl<D> TagFirst<D> {
    pub fn new(inner: D, tag: &'static str, fields: &'static [&'static str]) -> Self {
        Self { inner, tag, fields }
    }
}

/// How many different names `names` holds.
pub const fn unique_count(names: &[&str]) -> usize {
    let mut count = 0;
    let mut at = 0;
    while at < names.len() {
        if !seen_before(names, at) {
            count += 1;
        }
        at += 1;
    }
    count
}

/// `names` without repeats, in the order each first appears; `N` is
/// [`unique_count`]`(names)`.
pub const fn unique<const N: usize>(names: &[&'static str]) -> [&'static str; N] {
    let mut kept = [""; N];
    let mut count = 0;
    let mut at = 0;
    while at < names.len() {
        if !seen_before(names, at) {
            kept[count] = names[at];
            count += 1;
        }
        at += 1;
    }
    assert!(count == N, "N is not the number of different names");
    kept
}

/// Whether `names[at]` also comes earlier in `names`.
const fn seen_before(names: &[&str], at: usize) -> bool {
    let mut earlier = 0;
    while earlier < at {
        if same(names[earlier], names[at]) {
            return true;
        }
        earlier += 1;
    }
    false
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut at = 0;
    while at < a.len() {
        if a[at] != b[at] {
            return false;
        }
        at += 1;
    }
    true
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TagFirst<D> {
    type Error = D::Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(name, self.fields, TaggedObject { tag: self.tag, visitor })
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct identifier
        ignored_any
    }
}

/// Reads the tag, then lets the enum's visitor read the variant from the same object.
struct TaggedObject<V> {
    tag: &'static str,
    visitor: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for TaggedObject<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "an object whose first field is `{}`", self.tag)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<V::Value, A::Error> {
        match map.next_key_seed(Key(self.tag))? {
            Some(()) => self.visitor.visit_enum(Variant { map }),
            None => Err(de::Error::missing_field(self.tag)),
        }
    }
}

/// The first key, which must be the tag.
struct Key(&'static str);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "`{}` first", self.0)
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if key == self.0 { Ok(()) } else { Err(E::custom(format_args!("`{}` must be the first field", self.0))) }
    }
}

/// The rest of the object: the tag's value names the variant, the other fields are its.
struct Variant<A> {
    map: A,
}

impl<'de, A: MapAccess<'de>> EnumAccess<'de> for Variant<A> {
    type Error = A::Error;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(mut self, seed: T) -> Result<(T::Value, Self), A::Error> {
        let variant = self.map.next_value_seed(seed)?;
        Ok((variant, self))
    }
}

impl<'de, A: MapAccess<'de>> VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(mut self) -> Result<(), A::Error> {
        while self.map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        seed.deserialize(de::value::MapAccessDeserializer::new(self.map))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("a tagged object has no tuple variants"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.map)
    }
}

/// A reader that reads a struct the way serde-wasm-bindgen reads a JavaScript object:
/// by asking it for each listed field in turn, in the list's order. It reads no maps, so
/// a tagged enum read through it shows that [`TagFirst`] asks for a struct and lists
/// every field.
#[cfg(test)]
pub(crate) struct ByName(pub serde_json::Value);

#[cfg(test)]
impl<'de> Deserializer<'de> for ByName {
    type Error = serde_json::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            serde_json::Value::Object(object) => {
                visitor.visit_map(Listed { object, fields: fields.iter(), value: None })
            }
            other => Err(de::Error::custom(format_args!("not an object: {other}"))),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("asked for a map"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            serde_json::Value::Null => visitor.visit_none(),
            value => visitor.visit_some(ByName(value)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.0.deserialize_any(visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct identifier ignored_any
    }
}

/// The listed fields the object has, each as often as it is listed; their values read
/// by name too.
#[cfg(test)]
struct Listed {
    object: serde_json::Map<String, serde_json::Value>,
    fields: std::slice::Iter<'static, &'static str>,
    value: Option<serde_json::Value>,
}

#[cfg(test)]
impl<'de> MapAccess<'de> for Listed {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        for &field in &mut self.fields {
            if let Some(value) = self.object.get(field) {
                self.value = Some(value.clone());
                return seed.deserialize(de::IntoDeserializer::<serde_json::Error>::into_deserializer(field)).map(Some);
            }
        }
        Ok(None)
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, Self::Error> {
        let value = self.value.take().ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(ByName(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_keeps_each_name_once_where_it_first_comes() {
        const NAMES: &[&str] = &["type", "conversation_id", "seq", "conversation_id", "type", "count", "seq"];
        const UNIQUE: [&str; unique_count(NAMES)] = unique(NAMES);
        assert_eq!(UNIQUE, ["type", "conversation_id", "seq", "count"]);
        assert_eq!(unique_count(&[]), 0);
        assert_eq!(unique_count(&["a", "ab", "b"]), 3);
    }
}
