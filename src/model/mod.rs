//! The event model: kinds, the fields each kind's data holds, and the parsed event.

pub(crate) mod catalogue;
pub(crate) mod event;
pub(crate) mod schema;
pub(crate) mod views;
