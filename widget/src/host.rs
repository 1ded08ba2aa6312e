//! The postMessage bridge to the loader on the host page. Messages go only to the host
//! origin named in the iframe's URL, never to `*`, and are accepted only from that
//! origin and from `window.parent` itself.

use std::fmt;

use js_sys::Object;
use leptos::ev;
use leptos::prelude::{window, window_event_listener};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use wasm_bindgen::JsValue;
use web_sys::{MessageEvent, Window};

use crate::loose::Loose;

/// What the messenger tells the loader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToHost {
    /// The messenger is mounted and listening, and speaks `locale` (which the loader
    /// remembers when neither the host nor the browser chose it: it is then the
    /// workspace's default, for the launcher on later pages). The launcher's look comes
    /// along, for the loader to draw it with now and to remember for later pages: the
    /// brand colour and the text on it (`#rrggbb`), its side, and the workspace's own
    /// label in `locale`, if it wrote one.
    Ready {
        locale: &'static str,
        brand: String,
        on_brand: String,
        /// `left` or `right`.
        position: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<String>,
    },
    /// Agent messages the visitor has not read.
    Unread { count: i64 },
    /// The visitor pressed the messenger's close button.
    Close,
    /// Until when (Unix milliseconds) the loader preloads the messenger on later page
    /// loads, so the unread badge works without a click: while the visitor's chat is
    /// open and not idle. `0` once it is closed, or when there is none.
    Active { until: protocol::Millis },
    /// The user's active support access grant, for the launcher's indicator on later
    /// pages: its level and until when (Unix milliseconds); no level and `0` when none.
    Access {
        #[serde(skip_serializing_if = "Option::is_none")]
        level: Option<protocol::access::AccessLevel>,
        until: protocol::Millis,
    },
}

protocol::tagged_enum! {
    /// What the loader tells the messenger.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub enum FromHost (read tag = "type") {
        /// The host page's URL, sent on start and whenever it changes, and who the host
        /// application says the visitor is (`Helpline('identify', …)`).
        Init {
            page_url: Option<String>,
            /// As the host wrote it; [`identity`] reads it leniently.
            user: Option<Loose>,
            /// The host page's viewport, "1280×720".
            viewport: Option<Loose>,
        },
        /// The messenger panel was shown or hidden.
        Visible { open: bool },
        /// The host page's last uncaught errors and rejected promises, oldest first, when
        /// the host opted in (`Helpline('boot', { captureErrors: true })`).
        Errors { errors: Vec<String> },
        /// `Helpline('revokeAccess')`: the host asks to end the active support access grant.
        RevokeAccess {},
    }
}

/// The identity a host passed to `Helpline('identify', …)`, read leniently: text fields
/// may be strings or numbers, and `attributes` an object whose scalar values become
/// text (objects and arrays in it are skipped). Anything else is left out.
pub fn identity(user: &Loose) -> protocol::api::VisitorIdentity {
    let field = |name: &str| user.get(name).and_then(Loose::text).map(str::to_owned);
    let attributes = match user.get("attributes") {
        Some(Loose::Object(members)) => {
            members.iter().filter_map(|(name, value)| Some((name.clone(), value.text()?.to_owned()))).collect()
        }
        _ => Vec::new(),
    };
    protocol::api::VisitorIdentity {
        email: field("email"),
        name: field("name"),
        user_id: field("user_id"),
        company_id: field("company_id"),
        attributes,
        user_hash: field("user_hash"),
        identity_token: field("identity_token"),
    }
}

/// Who an identity is about, to notice a different user in the same browser: the user
/// id, else the email in lower case; `None` when it names neither.
pub fn user_key(identity: &protocol::api::VisitorIdentity) -> Option<String> {
    fn present(value: &Option<String>) -> Option<&str> {
        value.as_deref().map(str::trim).filter(|value| !value.is_empty())
    }
    present(&identity.user_id)
        .map(|id| format!("user:{id}"))
        .or_else(|| present(&identity.email).map(|email| format!("email:{}", email.to_ascii_lowercase())))
}

/// `{"helpline": 1, "type": ...}` on the way out.
#[derive(Serialize)]
struct Outgoing<'a> {
    helpline: u8,
    #[serde(flatten)]
    message: &'a ToHost,
}

/// `{"helpline": 1, "type": ...}` on the way in: the marker first, then the message
/// with its type first, as the loader writes them.
struct Incoming {
    helpline: u8,
    message: FromHost,
}

impl<'de> Deserialize<'de> for Incoming {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(IncomingVisitor)
    }
}

struct IncomingVisitor;

impl<'de> Visitor<'de> for IncomingVisitor {
    type Value = Incoming;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a message from the Helpline loader")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Incoming, A::Error> {
        if map.next_key::<String>()?.as_deref() != Some("helpline") {
            return Err(de::Error::missing_field("helpline"));
        }
        let helpline = map.next_value()?;
        let message = FromHost::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Incoming { helpline, message })
    }
}

/// The bridge. Without a valid host origin it sends and accepts nothing.
#[derive(Debug, Clone)]
pub struct Host {
    origin: Option<String>,
}

impl Host {
    /// A bridge to the parent window at `origin`.
    pub fn new(origin: Option<String>) -> Self {
        Self { origin }
    }

    /// Posts a message to the parent, if there is one.
    pub fn post(&self, message: &ToHost) {
        let (Some(origin), Some(parent)) = (&self.origin, parent()) else {
            return;
        };
        let Some(json) = client::json::to_string(&Outgoing { helpline: 1, message }) else {
            return;
        };
        // The loader expects a plain object, not a JSON string.
        if let Ok(value) = js_sys::JSON::parse(&json) {
            let _ = parent.post_message(&value, origin);
        }
    }

    /// Calls `on_message` for every well-formed message from the parent at the host
    /// origin, for the life of the page.
    pub fn listen(&self, on_message: impl Fn(FromHost) + 'static) {
        let Some(origin) = self.origin.clone() else {
            return;
        };
        let handle = window_event_listener(ev::message, move |event: MessageEvent| {
            if event.origin() != origin || !comes_from_parent(&event) {
                return;
            }
            if let Some(message) = decode(&event.data()) {
                on_message(message);
            }
        });
        // The listener stays for the life of the page; dropping the handle keeps it.
        drop(handle);
    }
}

/// Whether the messenger runs inside another page (the normal case) rather than on its
/// own.
pub fn is_embedded() -> bool {
    parent().is_some()
}

/// The embedding window, or `None` when the messenger is the top-level page.
fn parent() -> Option<Window> {
    let window = window();
    let parent = window.parent().ok().flatten()?;
    (!Object::is(&parent, &window)).then_some(parent)
}

fn comes_from_parent(event: &MessageEvent) -> bool {
    match (event.source(), parent()) {
        (Some(source), Some(parent)) => Object::is(&source, &parent),
        _ => false,
    }
}

/// Reads a host message from a structured-clone object (or, leniently, a JSON string).
fn decode(data: &JsValue) -> Option<FromHost> {
    let json = match data.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(data).ok()?.as_string()?,
    };
    let incoming: Incoming = client::json::from_str(&json)?;
    (incoming.helpline == 1).then_some(incoming.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outgoing_messages_carry_the_helpline_marker() {
        let json = serde_json::to_string(&Outgoing { helpline: 1, message: &ToHost::Unread { count: 2 } })
            .expect("serialises");
        assert_eq!(json, r#"{"helpline":1,"type":"unread","count":2}"#);
        let ready = ToHost::Ready {
            locale: "de",
            brand: "#ffd43b".into(),
            on_brand: "#000000".into(),
            position: "left",
            label: Some("Hilfe & Kontakt".into()),
        };
        let json = serde_json::to_string(&Outgoing { helpline: 1, message: &ready }).expect("serialises");
        assert_eq!(
            json,
            r##"{"helpline":1,"type":"ready","locale":"de","brand":"#ffd43b","on_brand":"#000000","position":"left","label":"Hilfe & Kontakt"}"##
        );
        let json = serde_json::to_string(&Outgoing { helpline: 1, message: &ToHost::Active { until: 0 } })
            .expect("serialises");
        assert_eq!(json, r#"{"helpline":1,"type":"active","until":0}"#);
        let access = ToHost::Access { level: Some(protocol::access::AccessLevel::View), until: 5 };
        let json = serde_json::to_string(&Outgoing { helpline: 1, message: &access }).expect("serialises");
        assert_eq!(json, r#"{"helpline":1,"type":"access","level":"view","until":5}"#);
    }

    #[test]
    fn incoming_messages_parse() {
        let incoming: Incoming =
            serde_json::from_str(r#"{"helpline":1,"type":"visible","open":true}"#).expect("parses");
        assert_eq!(incoming.message, FromHost::Visible { open: true });
        let incoming: Incoming =
            serde_json::from_str(r#"{"helpline":1,"type":"init","page_url":"https://a.example/x"}"#).expect("parses");
        assert_eq!(
            incoming.message,
            FromHost::Init { page_url: Some("https://a.example/x".into()), user: None, viewport: None }
        );
        let identified: Incoming = serde_json::from_str(
            r#"{"helpline":1,"type":"init","page_url":"https://a.example/x","user":{"email":"a@b.example","user_id":"7"}}"#,
        )
        .expect("parses");
        let FromHost::Init { user: Some(user), .. } = identified.message else { panic!("an identity") };
        assert_eq!(identity(&user).email.as_deref(), Some("a@b.example"));
        let revoke: Incoming = serde_json::from_str(r#"{"helpline":1,"type":"revoke_access"}"#).expect("parses");
        assert_eq!(revoke.message, FromHost::RevokeAccess {});
        let errors: Incoming =
            serde_json::from_str(r#"{"helpline":1,"type":"errors","errors":["TypeError: x"],"later":true}"#)
                .expect("parses");
        assert_eq!(errors.message, FromHost::Errors { errors: vec!["TypeError: x".into()] });
    }

    /// The identity a host passed, as JSON.
    fn user(json: &str) -> Loose {
        serde_json::from_str(json).expect("json")
    }

    #[test]
    fn the_user_key_is_the_user_id_else_the_email() {
        let key = |json: &str| user_key(&identity(&user(json)));
        assert_eq!(key(r#"{ "user_id": 7, "email": "A@b.example" }"#).as_deref(), Some("user:7"));
        assert_eq!(key(r#"{ "email": "A@b.example" }"#).as_deref(), Some("email:a@b.example"));
        assert_eq!(key(r#"{ "name": "Ann", "user_id": " " }"#), None);
        let proof = identity(&user(r#"{ "user_id": "7", "user_hash": "ab12", "identity_token": "x.y.z" }"#));
        assert_eq!((proof.user_hash.as_deref(), proof.identity_token.as_deref()), (Some("ab12"), Some("x.y.z")));
    }

    #[test]
    fn a_host_identity_is_read_leniently() {
        let host_user = user(
            r#"{ "email": "a@b.example", "user_id": 42, "name": ["A", "B"],
                "attributes": { "plan": "pro", "seats": 5, "beta": true, "nested": { "x": 1 }, "none": null, "ratio": 0.5 } }"#,
        );

        let read = identity(&host_user);

        assert_eq!(read.user_id.as_deref(), Some("42"));
        assert_eq!(read.name, None, "an array is not text");
        assert_eq!(
            read.attributes,
            [
                ("beta".to_owned(), "true".to_owned()),
                ("plan".to_owned(), "pro".to_owned()),
                ("ratio".to_owned(), "0.5".to_owned()),
                ("seats".to_owned(), "5".to_owned()),
            ]
        );
        for not_an_object in ["\"ann@b.example\"", "7", "null", "[1, 2]"] {
            assert_eq!(identity(&user(not_an_object)), protocol::api::VisitorIdentity::default(), "{not_an_object}");
        }
        assert!(serde_json::from_str::<Incoming>(r#"{"type":"visible","open":true}"#).is_err());
        assert!(serde_json::from_str::<Incoming>(r#"{"helpline":1,"type":"launch"}"#).is_err());
        assert!(serde_json::from_str::<Incoming>(r#"{"type":"visible","helpline":1,"open":true}"#).is_err());
        assert!(serde_json::from_str::<Incoming>(r#"{"helpline":1,"open":true,"type":"visible"}"#).is_err());
        assert!(serde_json::from_str::<Incoming>(r#"{"helpline":"1","type":"visible","open":true}"#).is_err());
    }
}
