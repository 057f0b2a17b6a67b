//! The event model: kinds, the fields each kind's data holds, and the parsed event.

/// `key` and `quoted_key` of a key enum, from one list of its variants and their keys.
macro_rules! keys {
    ($ty:ident { $($variant:ident => $key:literal,)* }) => {
        pub(crate) const fn key(self) -> &'static str {
            match self {
                $($ty::$variant => $key,)*
            }
        }

        /// The key as compact JSON writes it before a value: quoted, then a colon.
        pub(crate) const fn quoted_key(self) -> &'static str {
            match self {
                $($ty::$variant => concat!("\"", $key, "\":"),)*
            }
        }
    };
}

pub(crate) mod catalogue;
pub(crate) mod event;
pub(crate) mod schema;
pub(crate) mod views;
