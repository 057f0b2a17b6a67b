// spaces_widget_events/event.hpp: swe::Event, an owned event, and swe::EventRef, a borrowed one,
// with their accessors. Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_EVENT_HPP
#define SPACES_WIDGET_EVENTS_EVENT_HPP

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "error.hpp"
#include "views.hpp"

namespace swe {

class Event;
class EventRef;

namespace detail {

/// Takes the owned C string of a successful call into a std::string and frees it.
inline std::string adopt_string(char *text, std::size_t len) {
  std::unique_ptr<char, void (*)(char *)> owned(text, swe_string_free);
  return std::string(text, len);
}

/// The accessors shared by Event (owner) and EventRef (borrower). Not assignable through this
/// base, so an Event can never be pointed at an event it does not own.
class EventReader {
public:
  /// The C event; null for an empty Event.
  const swe_event *raw() const noexcept { return raw_; }

  Kind kind() const noexcept { return static_cast<Kind>(swe_event_kind(raw_)); }

  /// The full name as it arrived (e.g. "calls:memberships:connected").
  std::string_view name() const & { return view_or_empty(swe_event_name(raw_)); }

  /// The envelope; an empty Envelope for an empty Event.
  Envelope envelope() const & {
    swe_envelope_view v;
    if (swe_event_envelope(raw_, &v, nullptr) != SWE_OK) {
      return Envelope();
    }
    return {static_cast<Kind>(v.kind),
            view_or_empty(v.name),
            view_or_empty(v.canonical_name),
            view_or_empty(v.resource),
            view_or_empty(v.event),
            view(v.actor_id),
            view(v.action),
            v.wrapped,
            v.warning_count};
  }

  /// The data of a messages:created event; nullopt for any other kind.
  std::optional<Message> message() const & {
    swe_message_view v;
    if (swe_event_message(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Message{view(v.id),
                   view(v.room_id),
                   static_cast<RoomType>(v.room_type),
                   view(v.room_type_text),
                   view(v.text),
                   view(v.html),
                   view(v.person_id),
                   view(v.person_email),
                   Timestamp::from(v.created),
                   view(v.to_person_id),
                   view(v.to_person_email),
                   view(v.actor_id),
                   view(v.actor_name),
                   v.file_count,
                   view(v.files_json),
                   static_cast<MentionsKind>(v.mentions_kind),
                   v.mention_count,
                   view(v.mentions_json)};
  }

  /// Entry `index` of a message's files; nullopt past the end or for another kind.
  std::optional<File> file(std::size_t index) const & {
    swe_file_view v;
    if (swe_event_file(raw_, index, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return File{static_cast<FileForm>(v.form),
                view(v.url),
                view(v.display_name),
                view(v.object_type),
                view(v.mime_type),
                v.size >= 0 ? std::optional<std::uint64_t>(static_cast<std::uint64_t>(v.size))
                            : std::nullopt};
  }

  /// Every entry of a message's files; empty for another kind.
  std::vector<File> files() const & {
    std::vector<File> all;
    for (std::size_t i = 0;; i++) {
      std::optional<File> f = file(i);
      if (!f) {
        return all;
      }
      all.push_back(*f);
    }
  }

  /// Entry `index` of a message's mention list; nullopt past the end or for another kind.
  std::optional<Mention> mention(std::size_t index) const & {
    swe_str id;
    if (swe_event_mention(raw_, index, &id, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Mention{view(id)};
  }

  /// Every entry of a message's mention list; empty for another kind.
  std::vector<Mention> mentions() const & {
    std::vector<Mention> all;
    for (std::size_t i = 0;; i++) {
      std::optional<Mention> m = mention(i);
      if (!m) {
        return all;
      }
      all.push_back(*m);
    }
  }

  /// The data of a rooms:unread, rooms:read or rooms:selected event; nullopt otherwise.
  std::optional<Room> room() const & {
    swe_room_view v;
    if (swe_event_room(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Room{view(v.id),
                view(v.title),
                static_cast<RoomType>(v.room_type),
                view(v.room_type_text),
                v.has_is_locked ? std::optional<bool>(v.is_locked) : std::nullopt,
                static_cast<TeamKind>(v.team_kind),
                view(v.team_id),
                Timestamp::from(v.last_activity),
                Timestamp::from(v.created),
                view(v.actor_id),
                view(v.actor_name),
                view(v.tags_json)};
  }

  /// The data of a calls:created, calls:connected or calls:disconnected event; nullopt
  /// otherwise.
  std::optional<Call> call() const & {
    swe_call_view v;
    if (swe_event_call(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Call{view(v.room_id),
                view(v.person_id),
                view(v.person_email),
                view(v.actor_id),
                view(v.actor_name),
                static_cast<CallKind>(v.call_kind),
                view(v.call_json),
                view(v.call_id),
                view(v.call_status),
                view(v.call_state),
                view(v.call_direction),
                view(v.call_locus_url),
                view(v.call_correlation_id)};
  }

  /// The data of a memberships:created or memberships:deleted event; nullopt otherwise.
  std::optional<Membership> membership() const & {
    swe_membership_view v;
    if (swe_event_membership(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Membership{view(v.id),
                      view(v.room_id),
                      view(v.person_id),
                      view(v.person_email),
                      Timestamp::from(v.created),
                      view(v.actor_id),
                      view(v.actor_name)};
  }

  /// The data of a calls:memberships:* event; nullopt otherwise.
  std::optional<CallMembership> call_membership() const & {
    swe_call_membership_view v;
    if (swe_event_call_membership(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return CallMembership{view(v.actor_id), view(v.actor_name), view(v.room_id)};
  }

  /// The data of a notification:created or notification:clicked event; nullopt otherwise.
  std::optional<Notification> notification() const & {
    swe_notification_view v;
    if (swe_event_notification(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Notification{view(v.username),   view(v.message),         view(v.avatar),
                        view(v.alert_type), view(v.notification_id), view(v.notification_json)};
  }

  /// The data of a mention:clicked event; nullopt otherwise.
  std::optional<MentionClicked> mention_clicked() const & {
    swe_mention_clicked_view v;
    if (swe_event_mention_clicked(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return MentionClicked{view(v.id), view(v.mention_type)};
  }

  /// The data of an activity:changed event; nullopt otherwise.
  std::optional<Activity> activity() const & {
    swe_activity_view v;
    if (swe_event_activity(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Activity{view(v.name), view(v.display_name), view(v.activity_type)};
  }

  /// The data of an add:clicked, profile:clicked or user_signout:clicked event; nullopt
  /// otherwise.
  std::optional<User> user() const & {
    swe_user_view v;
    if (swe_event_user(raw_, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return User{view(v.id), view(v.display_name)};
  }

  std::size_t warning_count() const noexcept { return swe_event_warning_count(raw_); }

  /// Warning `index`; nullopt past the end.
  std::optional<Warning> warning(std::size_t index) const & {
    swe_warning_view v;
    if (swe_event_warning(raw_, index, &v, nullptr) != SWE_OK) {
      return std::nullopt;
    }
    return Warning{static_cast<WarningCode>(v.code), view_or_empty(v.path),
                   view_or_empty(v.message), v.offset};
  }

  std::vector<Warning> warnings() const & {
    std::vector<Warning> all;
    for (std::size_t i = 0, n = warning_count(); i < n; i++) {
      if (std::optional<Warning> w = warning(i)) {
        all.push_back(*w);
      }
    }
    return all;
  }

  /// The event as JSON: compact, in the form it arrived in, unless `options` say otherwise.
  [[nodiscard]] Result<std::string> try_to_json(JsonOptions options = JsonOptions()) const {
    char *json = nullptr;
    std::size_t len = 0;
    swe_error *error = nullptr;
    swe_status status = swe_event_to_json(raw_, options.flags(), &json, &len, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return adopt_string(json, len);
  }

  std::string to_json(JsonOptions options = JsonOptions()) const {
    return try_to_json(options).value();
  }

  /// The compact JSON of member `key` of `data`, known or not (key "text" gives "\"hello\"").
  /// Status::not_found when data has no such member.
  [[nodiscard]] Result<std::string> try_data_json(std::string_view key) const {
    char *json = nullptr;
    std::size_t len = 0;
    swe_error *error = nullptr;
    swe_status status = swe_event_data_json(raw_, key.data(), key.size(), &json, &len, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return adopt_string(json, len);
  }

  /// As try_data_json, with nullopt for a member that is not there; other failures throw.
  std::optional<std::string> data_json(std::string_view key) const {
    Result<std::string> json = try_data_json(key);
    if (!json && json.error().status() == Status::not_found) {
      return std::nullopt;
    }
    return std::move(json).value();
  }

  /// An owned copy, e.g. to keep an event a listener received.
  [[nodiscard]] Result<Event> try_clone() const;
  Event clone() const;

protected:
  explicit EventReader(const swe_event *raw) noexcept : raw_(raw) {}
  EventReader(const EventReader &) = default;
  EventReader &operator=(const EventReader &) = default;
  ~EventReader() = default;

  const swe_event *raw_;
};

} // namespace detail

/// A borrowed event: a listener's argument, or a view of an Event. Valid as long as the event
/// it borrows (a listener's, during the call only: clone() one to keep it).
class EventRef : public detail::EventReader {
public:
  explicit EventRef(const swe_event *raw) noexcept : EventReader(raw) {}
};

/// An owned event. Move-only; an empty (moved-from or default) Event reads as an event of
/// unknown kind with no fields, and to_json on it fails with Status::null_argument.
class Event : public detail::EventReader {
public:
  Event() noexcept : EventReader(nullptr) {}

  /// Takes ownership of a C event (from swe_event_parse or swe_event_clone).
  explicit Event(swe_event *owned) noexcept : EventReader(owned) {}

  Event(Event &&other) noexcept : EventReader(std::exchange(other.raw_, nullptr)) {}

  Event &operator=(Event &&other) noexcept {
    if (this != &other) {
      swe_event_free(const_cast<swe_event *>(raw_));
      raw_ = std::exchange(other.raw_, nullptr);
    }
    return *this;
  }

  Event(const Event &) = delete;
  Event &operator=(const Event &) = delete;

  ~Event() { swe_event_free(const_cast<swe_event *>(raw_)); }

  explicit operator bool() const noexcept { return raw_ != nullptr; }

  /// A borrowed view, valid as long as this event.
  EventRef ref() const noexcept { return EventRef(raw_); }
  operator EventRef() const noexcept { return ref(); }

  // The views point into the event, so reading them from a temporary Event (as in
  // `swe::parse(text).message()->text`) would dangle: keep the Event in a variable.
  using EventReader::activity;
  using EventReader::call;
  using EventReader::call_membership;
  using EventReader::envelope;
  using EventReader::file;
  using EventReader::files;
  using EventReader::membership;
  using EventReader::mention;
  using EventReader::mention_clicked;
  using EventReader::mentions;
  using EventReader::message;
  using EventReader::name;
  using EventReader::notification;
  using EventReader::room;
  using EventReader::user;
  using EventReader::warning;
  using EventReader::warnings;
  std::string_view name() const && = delete;
  Envelope envelope() const && = delete;
  std::optional<Message> message() const && = delete;
  std::optional<File> file(std::size_t) const && = delete;
  std::vector<File> files() const && = delete;
  std::optional<Mention> mention(std::size_t) const && = delete;
  std::vector<Mention> mentions() const && = delete;
  std::optional<Room> room() const && = delete;
  std::optional<Call> call() const && = delete;
  std::optional<Membership> membership() const && = delete;
  std::optional<CallMembership> call_membership() const && = delete;
  std::optional<Notification> notification() const && = delete;
  std::optional<MentionClicked> mention_clicked() const && = delete;
  std::optional<Activity> activity() const && = delete;
  std::optional<User> user() const && = delete;
  std::optional<Warning> warning(std::size_t) const && = delete;
  std::vector<Warning> warnings() const && = delete;

  /// Gives up ownership: the caller frees the result with swe_event_free.
  swe_event *release() noexcept { return const_cast<swe_event *>(std::exchange(raw_, nullptr)); }
};

inline Result<Event> detail::EventReader::try_clone() const {
  swe_event *copy = nullptr;
  swe_error *error = nullptr;
  swe_status status = swe_event_clone(raw_, &copy, &error);
  if (status != SWE_OK) {
    return Error::adopt(status, error);
  }
  return Event(copy);
}

inline Event detail::EventReader::clone() const { return try_clone().value(); }

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_EVENT_HPP
