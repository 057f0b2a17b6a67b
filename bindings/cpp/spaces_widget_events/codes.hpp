// spaces_widget_events/codes.hpp: the codes of the C ABI as enums: statuses, kinds, field shapes,
// warnings, options. Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_CODES_HPP
#define SPACES_WIDGET_EVENTS_CODES_HPP

#include <cstdint>
#include <optional>
#include <string_view>

#include "spaces_widget_events.h"

static_assert(SWE_ABI_VERSION == 1, "bindings/cpp knows ABI version 1 of the C library only");

// Whether this translation unit has exceptions; without them the throwing forms abort.
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define SWE_CPP_EXCEPTIONS 1
#else
#define SWE_CPP_EXCEPTIONS 0
#endif

namespace swe {

/// The status of a failed call (`SWE_ERROR_*`).
enum class Status : std::int32_t {
  ok = SWE_OK,
  null_argument = SWE_ERROR_NULL_ARGUMENT,
  invalid_argument = SWE_ERROR_INVALID_ARGUMENT,
  internal = SWE_ERROR_INTERNAL,
  invalid_utf8 = SWE_ERROR_INVALID_UTF8,
  syntax = SWE_ERROR_SYNTAX,
  truncated = SWE_ERROR_TRUNCATED,
  input_too_large = SWE_ERROR_INPUT_TOO_LARGE,
  too_deep = SWE_ERROR_TOO_DEEP,
  string_too_long = SWE_ERROR_STRING_TOO_LONG,
  number_too_long = SWE_ERROR_NUMBER_TOO_LONG,
  invalid_string = SWE_ERROR_INVALID_STRING,
  duplicate_key = SWE_ERROR_DUPLICATE_KEY,
  wrong_type = SWE_ERROR_WRONG_TYPE,
  missing_field = SWE_ERROR_MISSING_FIELD,
  invalid_value = SWE_ERROR_INVALID_VALUE,
  validation = SWE_ERROR_VALIDATION,
  wrong_kind = SWE_ERROR_WRONG_KIND,
  not_found = SWE_ERROR_NOT_FOUND,
  out_of_range = SWE_ERROR_OUT_OF_RANGE,
  listener = SWE_ERROR_LISTENER,
};

/// The C name of a status, e.g. "SWE_ERROR_SYNTAX"; "SWE_ERROR_UNKNOWN" for a foreign number.
inline const char *status_name(Status status) noexcept {
  return swe_status_str(static_cast<swe_status>(status));
}

/// A kind of event (`SWE_KIND_*`), resolved from its name, old names included.
enum class Kind : std::uint32_t {
  unknown = SWE_KIND_UNKNOWN,
  messages_created = SWE_KIND_MESSAGES_CREATED,
  rooms_unread = SWE_KIND_ROOMS_UNREAD,
  rooms_read = SWE_KIND_ROOMS_READ,
  calls_created = SWE_KIND_CALLS_CREATED,
  calls_connected = SWE_KIND_CALLS_CONNECTED,
  calls_disconnected = SWE_KIND_CALLS_DISCONNECTED,
  rooms_selected = SWE_KIND_ROOMS_SELECTED,
  memberships_created = SWE_KIND_MEMBERSHIPS_CREATED,
  memberships_deleted = SWE_KIND_MEMBERSHIPS_DELETED,
  notification_created = SWE_KIND_NOTIFICATION_CREATED,
  notification_clicked = SWE_KIND_NOTIFICATION_CLICKED,
  mention_clicked = SWE_KIND_MENTION_CLICKED,
  activity_changed = SWE_KIND_ACTIVITY_CHANGED,
  add_clicked = SWE_KIND_ADD_CLICKED,
  profile_clicked = SWE_KIND_PROFILE_CLICKED,
  user_signout_clicked = SWE_KIND_USER_SIGNOUT_CLICKED,
  call_memberships_notified = SWE_KIND_CALL_MEMBERSHIPS_NOTIFIED,
  call_memberships_connected = SWE_KIND_CALL_MEMBERSHIPS_CONNECTED,
  call_memberships_declined = SWE_KIND_CALL_MEMBERSHIPS_DECLINED,
  call_memberships_disconnected = SWE_KIND_CALL_MEMBERSHIPS_DISCONNECTED,
  call_memberships = SWE_KIND_CALL_MEMBERSHIPS,
};

/// The current name of a kind ("rooms:read"); nullopt for Kind::unknown and foreign numbers.
inline std::optional<std::string_view> kind_name(Kind kind) noexcept {
  const char *name = swe_kind_name(static_cast<swe_kind>(kind));
  return name ? std::optional<std::string_view>(name) : std::nullopt;
}

/// The kind an event name means (old and dot-separated names included), e.g. for a JSON
/// listener to dispatch on the name it receives; Kind::unknown for any other name.
inline Kind kind_from_name(std::string_view name) noexcept {
  return static_cast<Kind>(swe_kind_from_name(name.data(), name.size()));
}

/// `roomType` of a message, `type` of a room.
enum class RoomType : std::uint32_t {
  absent = SWE_ROOM_TYPE_ABSENT,
  group = SWE_ROOM_TYPE_GROUP,
  direct = SWE_ROOM_TYPE_DIRECT,
  other = SWE_ROOM_TYPE_OTHER,
};

/// The shape `teamId` arrived in.
enum class TeamKind : std::uint32_t {
  absent = SWE_TEAM_ABSENT,
  id = SWE_TEAM_ID,
  none = SWE_TEAM_NONE,
  undefined = SWE_TEAM_UNDEFINED,
};

/// The shape `mentionedPeople` arrived in.
enum class MentionsKind : std::uint32_t {
  absent = SWE_MENTIONS_ABSENT,
  list = SWE_MENTIONS_LIST,
  items = SWE_MENTIONS_ITEMS,
  other = SWE_MENTIONS_OTHER,
};

/// How one entry of a message's `files` arrived.
enum class FileForm : std::uint32_t {
  url = SWE_FILE_URL,
  object = SWE_FILE_OBJECT,
  other = SWE_FILE_OTHER,
};

/// The shape `call` arrived in.
enum class CallKind : std::uint32_t {
  absent = SWE_CALL_ABSENT,
  placeholder = SWE_CALL_PLACEHOLDER,
  object = SWE_CALL_OBJECT,
  other = SWE_CALL_OTHER,
};

/// What a warning doubts.
enum class WarningCode : std::uint32_t {
  id_malformed = SWE_WARNING_ID_MALFORMED,
  id_not_canonical = SWE_WARNING_ID_NOT_CANONICAL,
  id_unexpected_type = SWE_WARNING_ID_UNEXPECTED_TYPE,
  actor_mismatch = SWE_WARNING_ACTOR_MISMATCH,
  timestamp_invalid = SWE_WARNING_TIMESTAMP_INVALID,
  unknown_value = SWE_WARNING_UNKNOWN_VALUE,
  missing_field = SWE_WARNING_MISSING_FIELD,
  name_mismatch = SWE_WARNING_NAME_MISMATCH,
};

/// The syntax a parse accepts.
enum class Syntax : std::uint32_t {
  json = SWE_SYNTAX_JSON,
  literal = SWE_SYNTAX_LITERAL,
};

/// A parse limit (defaults and ceilings are in the C header).
enum class Limit : std::uint32_t {
  max_input_bytes = SWE_LIMIT_MAX_INPUT_BYTES,
  max_depth = SWE_LIMIT_MAX_DEPTH,
  max_string_bytes = SWE_LIMIT_MAX_STRING_BYTES,
};

/// Which form to_json writes.
enum class JsonForm : std::uint32_t {
  as_arrived = 0,
  detail = SWE_EMIT_DETAIL,
  wrapped = SWE_EMIT_WRAPPED,
};

/// How to_json writes: `JsonOptions().pretty().form(JsonForm::wrapped)`.
class JsonOptions {
public:
  constexpr JsonOptions &pretty(bool on = true) noexcept {
    pretty_ = on;
    return *this;
  }

  constexpr JsonOptions &form(JsonForm form) noexcept {
    form_ = form;
    return *this;
  }

  /// The `SWE_EMIT_*` flags these options stand for.
  constexpr std::uint32_t flags() const noexcept {
    return static_cast<std::uint32_t>(form_) | (pretty_ ? SWE_EMIT_PRETTY : 0u);
  }

private:
  bool pretty_ = false;
  JsonForm form_ = JsonForm::as_arrived;
};

/// Whether the library linked at run time implements the ABI this header was written for.
/// A host that loads the shared library dynamically should check it before anything else.
inline bool abi_compatible() noexcept { return swe_abi_version() == SWE_ABI_VERSION; }

/// The library's version, e.g. "0.1.0".
inline std::string_view library_version() noexcept { return swe_version(); }

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_CODES_HPP
