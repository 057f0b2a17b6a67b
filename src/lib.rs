//! Parse, validate, emit and dispatch the events of the Webex Spaces Widget.
//!
//! ```
//! use spaces_widget_events::{Data, Event, Kind};
//!
//! let text = r#"{"resource":"messages","event":"created","data":{"id":"x","roomId":"y",
//!     "roomType":"group","text":"hi","personId":"z","created":"2021-03-04T17:33:56.767Z"}}"#;
//! let event = Event::parse(text)?;
//! assert_eq!(event.kind(), Kind::MessagesCreated);
//! if let Data::Message(message) = event.data() {
//!     assert_eq!(message.text(), Some("hi"));
//! }
//! # Ok::<(), spaces_widget_events::Error>(())
//! ```
//!
//! The C ABI over this crate lives in [`ffi`]; its header is `include/spaces_widget_events.h`.

mod dispatch;
mod emit;
mod error;
pub mod ffi;
mod ids;
mod model;
mod options;
mod parse;
mod stream;
mod timestamp;
mod warning;

pub use dispatch::{Emitter, ListenerError, ListenerResult, Pattern, SubscriptionId};
pub use emit::{EmitOptions, Form};
pub use error::{Error, ErrorCode, Position};
pub use ids::{IdType, WebexId};
pub use model::catalogue::Kind;
pub use model::event::{CallKind, Event, FileForm, MentionsKind, TeamKind};
pub use model::views::{
    Activity, Call, CallInfo, CallMembership, Data, File, Membership, Mention, Message,
    Notification, Room, RoomType, Team, Timestamp, User,
};
pub use options::{Limits, MAX_NUMBER_LEN, ParseOptions, Syntax};
pub use stream::{Flow, Line, Stream, read_events};
pub use timestamp::unix_millis;
pub use warning::{Warning, WarningCode};
