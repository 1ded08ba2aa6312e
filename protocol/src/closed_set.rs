//! Closed sets of values spelled once. An enum declared with `closed_set!` lists each
//! value with its one name, and gets from that list its `ALL` and `NAMES`, `as_str`,
//! `FromStr`, `Display` and its serde form: the wire, the server's database columns and
//! their CHECK constraints all use the same names.

use std::fmt;

/// A name that none of a closed set's values has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The set's type, e.g. `TicketStatus`.
    pub set: &'static str,
    /// The name that was given.
    pub name: String,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.set, self.name)
    }
}

impl std::error::Error for UnknownName {}

/// Declares an enum whose values are spelled by the names given: `Value = "name",`.
/// The enum derives `Debug`, `Clone`, `Copy`, `PartialEq`, `Eq` and `Hash`; further
/// attributes (docs, more derives) go before `enum`.
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$variant_meta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every value's name, in declaration order.
            pub const NAMES: &'static [&'static str] = &[$($text,)+];

            /// The value's name: on the wire and in the database alike.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::closed_set::UnknownName;

            /// Reads the name [`as_str`](Self::as_str) gives.
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                match value {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::closed_set::UnknownName {
                        set: stringify!($name),
                        name: other.to_owned(),
                    }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct NameVisitor;

                impl ::serde::de::Visitor<'_> for NameVisitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        write!(f, "one of {:?}", $name::NAMES)
                    }

                    fn visit_str<E: ::serde::de::Error>(self, value: &str) -> Result<$name, E> {
                        value.parse().map_err(|_| E::unknown_variant(value, $name::NAMES))
                    }
                }

                deserializer.deserialize_str(NameVisitor)
            }
        }
    };
}
