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
            /// The same variants, tagged the way `TagFirst` reads them.
            #[derive(serde::Deserialize)]
            #[serde(rename_all = "snake_case")]
            enum Wire {
                $( $variant { $( $(#[$field_meta])* $field: $ty ),* }, )*
            }

            impl<'de> serde::Deserialize<'de> for $name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let tagged = $crate::tagged::TagFirst::new(deserializer, $tag);
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
}

impl<D> TagFirst<D> {
    pub fn new(inner: D, tag: &'static str) -> Self {
        Self { inner, tag }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for TagFirst<D> {
    type Error = D::Error;

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(TaggedObject { tag: self.tag, visitor })
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
