//! Building blocks shared by the DTOs: numbers kept as sent, ordered string maps, resource
//! slots, paging and GraphQL mutation results.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::parse::Decimal;

/// Unknown fields of a DTO, kept so nothing the server sends is lost.
pub type Extra = Map<String, Value>;

/// A number exactly as the server sent it: the manager sends decimals and big integers as JSON
/// strings (`"8589934592"`, `"0.5"`, `"Infinity"`) and sometimes as JSON numbers. The text is
/// never rounded; use [`NumText::to_f64`] / [`NumText::to_bytes`] to interpret it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum NumText {
    /// A JSON string.
    Text(String),
    /// A JSON number.
    Number(serde_json::Number),
}

impl NumText {
    /// The exact text (`"8589934592"`, `"0.5"`; a JSON number printed by serde_json).
    pub fn as_text(&self) -> String {
        match self {
            NumText::Text(s) => s.clone(),
            NumText::Number(n) => n.to_string(),
        }
    }

    /// The value as a float (`Infinity` → `f64::INFINITY`); `None` if not numeric.
    pub fn to_f64(&self) -> Option<f64> {
        match self {
            NumText::Number(n) => n.as_f64(),
            NumText::Text(s) => {
                let d: Decimal = s.parse().ok()?;
                if d.is_nan() {
                    return None;
                }
                if d.is_infinite() {
                    return Some(if d.is_negative() {
                        f64::NEG_INFINITY
                    } else {
                        f64::INFINITY
                    });
                }
                d.to_string().parse().ok()
            }
        }
    }

    /// The value as a whole number of bytes (fractions truncated, like Python `int(Decimal)`);
    /// `None` for non-numeric, infinite or out-of-range values.
    pub fn to_bytes(&self) -> Option<i128> {
        let d: Decimal = self.as_text().parse().ok()?;
        d.to_i128_trunc().ok()
    }
}

impl fmt::Display for NumText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_text())
    }
}

impl From<&str> for NumText {
    fn from(s: &str) -> Self {
        NumText::Text(s.to_owned())
    }
}

/// A string → value map that keeps insertion order (Python `dict` order), e.g. `environ`,
/// `mount_map`, `resources`. Serialised as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderedMap<V>(pub Vec<(String, V)>);

impl<V> Default for OrderedMap<V> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<V> OrderedMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        OrderedMap(Vec::new())
    }

    /// Sets `key` (an existing key keeps its position).
    pub fn insert(&mut self, key: impl Into<String>, value: V) {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => self.0.push((key, value)),
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Iterates in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }
}

impl<V> From<Vec<(String, V)>> for OrderedMap<V> {
    fn from(v: Vec<(String, V)>) -> Self {
        let mut m = OrderedMap::new();
        for (k, val) in v {
            m.insert(k, val);
        }
        m
    }
}

impl<V: Serialize> Serialize for OrderedMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = OrderedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Self::Value, A::Error> {
                let mut m = OrderedMap::new();
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    m.insert(k, v);
                }
                Ok(m)
            }
        }
        deserializer.deserialize_map(V2(std::marker::PhantomData))
    }
}

/// Resource slots: slot name (`cpu`, `mem`, `cuda.shares`, ...) → amount, in server order.
///
/// Decoding never fails: it accepts a JSON object, a JSON *string* containing one (some
/// endpoints send the slots JSON-encoded) or Python repr text (the 23.09 manager's session info
/// sends `"{'cpu': Decimal('1'), 'mem': Decimal('536870912')}"`; decimals keep their digits).
/// Anything else is kept verbatim in [`ResourceSlots::raw`]. Serialises as an object, or as the
/// raw text when that is all there is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResourceSlots {
    /// Slot → amount, in server order.
    pub slots: OrderedMap<NumText>,
    /// What the server sent when it could not be read as slots (`slots` is then empty); JSON
    /// values other than strings are kept as their JSON text.
    pub raw: Option<String>,
}

impl ResourceSlots {
    /// Slots from `(slot, amount)` pairs.
    pub fn new(slots: OrderedMap<NumText>) -> Self {
        ResourceSlots { slots, raw: None }
    }

    /// Reads slots from any JSON value (see the type's documentation); never fails.
    pub fn from_value(v: Value) -> Self {
        let as_slots = |v: &Value| -> Option<OrderedMap<NumText>> {
            let mut out = OrderedMap::new();
            for (k, amount) in v.as_object()? {
                let n = match amount {
                    Value::String(s) => NumText::Text(s.clone()),
                    Value::Number(n) => NumText::Number(n.clone()),
                    _ => return None,
                };
                out.insert(k.clone(), n);
            }
            Some(out)
        };
        let parsed = match &v {
            Value::Null => Some(OrderedMap::new()),
            Value::String(s) => super::pyrepr::loose_json(&v)
                .as_ref()
                .and_then(as_slots)
                .or_else(|| s.trim().is_empty().then(OrderedMap::new)),
            other => as_slots(other),
        };
        match parsed {
            Some(slots) => ResourceSlots::new(slots),
            None => ResourceSlots {
                slots: OrderedMap::new(),
                raw: Some(match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                }),
            },
        }
    }

    /// The amount of `slot`.
    pub fn get(&self, slot: &str) -> Option<&NumText> {
        self.slots.get(slot)
    }

    /// `mem` (or any byte slot) as bytes.
    pub fn bytes(&self, slot: &str) -> Option<i128> {
        self.get(slot)?.to_bytes()
    }

    /// Any slot as a float (`cpu`, `cuda.shares`, ...).
    pub fn f64(&self, slot: &str) -> Option<f64> {
        self.get(slot)?.to_f64()
    }

    /// Iterates `(slot, amount)` in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &NumText)> {
        self.slots.iter()
    }

    /// Number of slots.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when there are no slots.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The unreadable text the server sent, if that is what this holds.
    pub fn raw(&self) -> Option<&str> {
        self.raw.as_deref()
    }
}

impl From<OrderedMap<NumText>> for ResourceSlots {
    fn from(slots: OrderedMap<NumText>) -> Self {
        ResourceSlots::new(slots)
    }
}

impl Serialize for ResourceSlots {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.raw {
            Some(raw) if self.slots.is_empty() => serializer.serialize_str(raw),
            _ => self.slots.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ResourceSlots {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(ResourceSlots::from_value(Value::deserialize(deserializer)?))
    }
}

/// A page of a GraphQL paginated list (`*_list(limit, offset, ...) { items total_count }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaginatedResult<T> {
    /// Total number of matching items on the server.
    pub total_count: u64,
    /// The items of this page.
    pub items: Vec<T>,
    /// Other fields.
    #[serde(flatten)]
    pub extra: Extra,
}

/// The result object of a GraphQL mutation: `{"ok": bool, "msg": str, <object>?}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MutationResult {
    /// Whether the mutation succeeded (a missing `ok` reads as `false`).
    #[serde(default)]
    pub ok: bool,
    /// The server's message.
    #[serde(default)]
    pub msg: Option<String>,
    /// The returned object(s), e.g. `keypair`, `user`.
    #[serde(flatten)]
    pub extra: Extra,
}

/// `(de)serialize_with` helpers for secrets: the wire carries the plain text, Rust holds a
/// [`crate::Secret`] so it never prints by accident.
pub(crate) mod secret_opt {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::Secret;

    pub(crate) fn serialize<S: Serializer>(v: &Option<Secret>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(secret) => s.serialize_str(secret.expose()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Secret>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(Secret::new))
    }
}

/// Declares a string enum with a fallback variant that keeps unknown values.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $var:ident = $text:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $var,)*
            /// A value this client does not know, kept verbatim.
            Unknown(String),
        }

        impl $name {
            /// The wire text.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$var => $text,)*
                    $name::Unknown(s) => s,
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($text => $name::$var,)*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok($name::from(s.as_str()))
            }
        }
    };
}
pub(crate) use string_enum;
