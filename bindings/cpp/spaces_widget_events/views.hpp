// spaces_widget_events/views.hpp: the typed views of an event: plain structs of string views into
// the event. Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_VIEWS_HPP
#define SPACES_WIDGET_EVENTS_VIEWS_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "codes.hpp"

namespace swe {

namespace detail {

inline std::optional<std::string_view> view(swe_str s) noexcept {
  return s.ptr ? std::optional<std::string_view>(std::string_view(s.ptr, s.len)) : std::nullopt;
}

inline std::string_view view_or_empty(swe_str s) noexcept {
  return s.ptr ? std::string_view(s.ptr, s.len) : std::string_view();
}

} // namespace detail

/// A timestamp: the text as it arrived and, when it is RFC 3339, its instant.
struct Timestamp {
  /// The text; nullopt when the field is absent or null.
  std::optional<std::string_view> text;
  /// Unix milliseconds (rounded down); nullopt when the text is absent or not RFC 3339.
  std::optional<std::int64_t> unix_ms;

  bool valid() const noexcept { return unix_ms.has_value(); }

  static Timestamp from(const swe_timestamp &t) noexcept {
    return {detail::view(t.text), t.valid ? std::optional<std::int64_t>(t.unix_ms) : std::nullopt};
  }
};

/// The envelope of any event.
struct Envelope {
  Kind kind = Kind::unknown;
  /// The full name as it arrived (a wrapper's name keeps a third part).
  std::string_view name;
  /// The kind's current name ("rooms:read" for "spaces:read"), or `name` when unknown.
  std::string_view canonical_name;
  std::string_view resource;
  std::string_view event;
  /// The envelope's `actorId`, or else `data.actorId`.
  std::optional<std::string_view> actor_id;
  /// `action` (e.g. "call" on rooms:selected).
  std::optional<std::string_view> action;
  /// Whether the event arrived as a {"name", "detail"} wrapper.
  bool wrapped = false;
  std::size_t warning_count = 0;
};

/// `messages:created` data. Read files and mentions with EventRef::files() / mentions().
struct Message {
  std::optional<std::string_view> id;
  /// `roomId`, or the 2017 `spaceId`.
  std::optional<std::string_view> room_id;
  RoomType room_type = RoomType::absent;
  std::optional<std::string_view> room_type_text;
  std::optional<std::string_view> text;
  std::optional<std::string_view> html;
  std::optional<std::string_view> person_id;
  std::optional<std::string_view> person_email;
  Timestamp created;
  std::optional<std::string_view> to_person_id;
  std::optional<std::string_view> to_person_email;
  std::optional<std::string_view> actor_id;
  std::optional<std::string_view> actor_name;
  std::size_t file_count = 0;
  /// `files` as compact JSON, exactly as it re-emits.
  std::optional<std::string_view> files_json;
  MentionsKind mentions_kind = MentionsKind::absent;
  std::size_t mention_count = 0;
  /// `mentionedPeople` as compact JSON.
  std::optional<std::string_view> mentions_json;
};

/// One entry of a message's `files`.
struct File {
  FileForm form = FileForm::other;
  /// The URL: the string itself, or a file object's `url`.
  std::optional<std::string_view> url;
  std::optional<std::string_view> display_name;
  std::optional<std::string_view> object_type;
  std::optional<std::string_view> mime_type;
  /// `fileSize` in bytes; nullopt when absent or not a non-negative integer.
  std::optional<std::uint64_t> size;
};

/// One entry of a message's mention list.
struct Mention {
  /// The person's id; nullopt when the entry holds none.
  std::optional<std::string_view> id;
};

/// `rooms:unread`, `rooms:read` and `rooms:selected` data.
struct Room {
  std::optional<std::string_view> id;
  std::optional<std::string_view> title;
  RoomType room_type = RoomType::absent;
  std::optional<std::string_view> room_type_text;
  /// `isLocked`; nullopt when absent.
  std::optional<bool> is_locked;
  TeamKind team_kind = TeamKind::absent;
  /// `teamId` as it arrived.
  std::optional<std::string_view> team_id;
  Timestamp last_activity;
  Timestamp created;
  std::optional<std::string_view> actor_id;
  std::optional<std::string_view> actor_name;
  /// `tags` (rooms:selected) as compact JSON.
  std::optional<std::string_view> tags_json;
};

/// `calls:created`, `calls:connected` and `calls:disconnected` data.
struct Call {
  std::optional<std::string_view> room_id;
  std::optional<std::string_view> person_id;
  std::optional<std::string_view> person_email;
  std::optional<std::string_view> actor_id;
  std::optional<std::string_view> actor_name;
  CallKind call_kind = CallKind::absent;
  /// `call` as compact JSON.
  std::optional<std::string_view> call_json;
  /// The fields below are read from `call` when it is an object.
  std::optional<std::string_view> call_id;
  std::optional<std::string_view> call_status;
  std::optional<std::string_view> call_state;
  std::optional<std::string_view> call_direction;
  std::optional<std::string_view> call_locus_url;
  std::optional<std::string_view> call_correlation_id;
};

/// `memberships:created` and `memberships:deleted` data.
struct Membership {
  std::optional<std::string_view> id;
  std::optional<std::string_view> room_id;
  /// `personId`: the member.
  std::optional<std::string_view> person_id;
  std::optional<std::string_view> person_email;
  Timestamp created;
  /// `actorId`, or else the envelope's copy.
  std::optional<std::string_view> actor_id;
  std::optional<std::string_view> actor_name;
};

/// `calls:memberships:*` data (2017 to 2020).
struct CallMembership {
  /// `actorId`, or else the envelope's copy.
  std::optional<std::string_view> actor_id;
  std::optional<std::string_view> actor_name;
  std::optional<std::string_view> room_id;
};

/// `notification:created` and `notification:clicked` data.
struct Notification {
  std::optional<std::string_view> username;
  std::optional<std::string_view> message;
  std::optional<std::string_view> avatar;
  std::optional<std::string_view> alert_type;
  std::optional<std::string_view> notification_id;
  /// `notification` as compact JSON (often a placeholder string).
  std::optional<std::string_view> notification_json;
};

/// `mention:clicked` data.
struct MentionClicked {
  /// The mentioned person or group.
  std::optional<std::string_view> id;
  /// `type`, e.g. "person".
  std::optional<std::string_view> mention_type;
};

/// `activity:changed` data.
struct Activity {
  /// `name`, e.g. "meet".
  std::optional<std::string_view> name;
  std::optional<std::string_view> display_name;
  std::optional<std::string_view> activity_type;
};

/// `add:clicked`, `profile:clicked` and `user_signout:clicked` data.
struct User {
  /// The current user, when sent.
  std::optional<std::string_view> id;
  std::optional<std::string_view> display_name;
};

/// One warning on an event: a doubtful value that was kept.
struct Warning {
  WarningCode code = WarningCode::id_malformed;
  /// The JSON path relative to the detail (e.g. "data.teamId").
  std::string_view path;
  std::string_view message;
  /// Byte offset of the value in the parsed text.
  std::size_t offset = 0;
};

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_VIEWS_HPP
