// spaces_widget_events/id.hpp: swe::Id, a decoded Webex id.
// Part of the C++ binding; include spaces_widget_events.hpp.
#ifndef SPACES_WIDGET_EVENTS_ID_HPP
#define SPACES_WIDGET_EVENTS_ID_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "error.hpp"
#include "event.hpp"
#include "views.hpp"

namespace swe {

/// A decoded Webex id (`ciscospark://<cluster>/<TYPE>/<local id>`). Move-only; its views are
/// valid as long as the Id. Any thread may read one.
class Id {
public:
  /// Decodes `text`: base64url or standard base64, padded or not. Status::invalid_value when
  /// it is not base64 or not a ciscospark:// URI.
  [[nodiscard]] static Result<Id> try_parse(std::string_view text) {
    swe_id *id = nullptr;
    swe_error *error = nullptr;
    swe_status status = swe_id_parse(text.data(), text.size(), &id, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return Id(id);
  }

  /// As try_parse; throws swe::Error.
  static Id parse(std::string_view text) { return try_parse(text).value(); }

  Id(Id &&other) noexcept : raw_(std::exchange(other.raw_, nullptr)) {}
  Id &operator=(Id &&other) noexcept {
    if (this != &other) {
      swe_id_free(raw_);
      raw_ = std::exchange(other.raw_, nullptr);
    }
    return *this;
  }
  Id(const Id &) = delete;
  Id &operator=(const Id &) = delete;
  ~Id() { swe_id_free(raw_); }

  /// The decoded URI, e.g. "ciscospark://us/PEOPLE/1f7d...".
  std::string_view uri() const & { return detail::view_or_empty(swe_id_uri(raw_)); }
  /// The cluster, e.g. "us" or "urn:TEAM:eu-central-1_k".
  std::string_view cluster() const & { return detail::view_or_empty(swe_id_cluster(raw_)); }
  /// The object type, e.g. "PEOPLE" or "ROOM".
  std::string_view type() const & { return detail::view_or_empty(swe_id_type(raw_)); }
  /// The local id (a UUID, or `<uuid>:<uuid>` for memberships, ...).
  std::string_view local_id() const & { return detail::view_or_empty(swe_id_local_id(raw_)); }
  // Views of a temporary Id would dangle.
  std::string_view uri() const && = delete;
  std::string_view cluster() const && = delete;
  std::string_view type() const && = delete;
  std::string_view local_id() const && = delete;

  /// Whether the text was canonical: unpadded base64url with zero trailing bits.
  bool was_canonical() const noexcept { return swe_id_was_canonical(raw_); }

  /// The canonical encoding (unpadded base64url).
  [[nodiscard]] Result<std::string> try_encode() const {
    char *text = nullptr;
    std::size_t len = 0;
    swe_error *error = nullptr;
    swe_status status = swe_id_encode(raw_, &text, &len, &error);
    if (status != SWE_OK) {
      return Error::adopt(status, error);
    }
    return detail::adopt_string(text, len);
  }

  std::string encode() const { return try_encode().value(); }

  /// Whether both name the same object: same type and local id, whatever their clusters and
  /// encodings.
  friend bool operator==(const Id &a, const Id &b) noexcept { return swe_id_equal(a.raw_, b.raw_); }
  friend bool operator!=(const Id &a, const Id &b) noexcept { return !(a == b); }

  /// The C id; null for a moved-from Id.
  const swe_id *raw() const noexcept { return raw_; }

private:
  explicit Id(swe_id *owned) noexcept : raw_(owned) {}

  swe_id *raw_;
};

} // namespace swe

#endif // SPACES_WIDGET_EVENTS_ID_HPP
